package org.multigrad.problem;

/**
 * Shift l1-ellipsoid, thesis (4.21): F(x) = (Σ_i c_i |x_i − 0.01|, Σ_i c_i |x_i + 0.01|) with
 * c_i = 10^{2(i−1)/(d−1)}. Pareto set P₁ = [−0.01, 0.01]^d; E = ||x − clip(x, −0.01, 0.01)||.
 */
public final class AsmgL1Ellipsoid extends AsmgSyntheticProblem {
    private final double[] scales;

    public AsmgL1Ellipsoid(int dimension) {
        super("asmg-l1-ellipsoid", dimension);
        this.scales = geometricScales(dimension, 2);
    }

    @Override
    public void evaluate(double[] points, int pointOffset, double[] values, int valueOffset) {
        double first = 0;
        double second = 0;
        for (int k = 0; k < dimension; k++) {
            double x = points[pointOffset + k];
            first += scales[k] * Math.abs(x - 0.01);
            second += scales[k] * Math.abs(x + 0.01);
        }
        values[valueOffset] = first;
        values[valueOffset + 1] = second;
    }

    @Override
    public double distanceToParetoSet(double[] x) {
        double sum = 0;
        for (double value : x) {
            double excess = Math.abs(value) - 0.01;
            if (excess > 0) {
                sum += excess * excess;
            }
        }
        return Math.sqrt(sum);
    }
}
