package org.multigrad.problem;

/**
 * Mixed ellipsoid-rastrigin 10, thesis (4.23):
 * F(x) = (Σ_i c_i |x_i|^{1/2}, 10d + Σ_i [(s_i x_i)² − 10 cos(2π s_i x_i)]) with
 * c_i = 10^{2(i−1)/(d−1)}, s_i = 10^{(i−1)/(d−1)}. Pareto set P₃ = {0}; E = ||x||.
 */
public final class AsmgEllipsoidRastrigin extends AsmgSyntheticProblem {
    private final double[] ellipsoidScales;
    private final double[] rastriginScales;

    public AsmgEllipsoidRastrigin(int dimension) {
        super("asmg-ellipsoid-rastrigin", dimension);
        this.ellipsoidScales = geometricScales(dimension, 2);
        this.rastriginScales = geometricScales(dimension, 1);
    }

    @Override
    public void evaluate(double[] points, int pointOffset, double[] values, int valueOffset) {
        double first = 0;
        double second = 10.0 * dimension;
        for (int k = 0; k < dimension; k++) {
            double x = points[pointOffset + k];
            first += ellipsoidScales[k] * Math.sqrt(Math.abs(x));
            double scaled = rastriginScales[k] * x;
            second += scaled * scaled - 10 * Math.cos(2 * Math.PI * scaled);
        }
        values[valueOffset] = first;
        values[valueOffset + 1] = second;
    }

    @Override
    public double distanceToParetoSet(double[] x) {
        double sum = 0;
        for (double value : x) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }
}
