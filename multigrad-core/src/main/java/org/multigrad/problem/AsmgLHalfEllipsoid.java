package org.multigrad.problem;

/**
 * Shift l1/2-ellipsoid, thesis (4.22): F(x) = (Σ_i |x_i − 0.1|^{1/2}, Σ_i |x_i + 0.1|^{1/2}). The
 * front is concave; methods that minimise a weighted sum end on the corners P̂₂ = {−0.1, 0.1}^d ⊂ P₂,
 * and the thesis measures E = dist(x, P̂₂) = ||(|x_i| − 0.1)_i||, which is what
 * {@link #distanceToParetoSet} returns.
 */
public final class AsmgLHalfEllipsoid extends AsmgSyntheticProblem {
    public AsmgLHalfEllipsoid(int dimension) {
        super("asmg-lhalf-ellipsoid", dimension);
    }

    @Override
    public void evaluate(double[] points, int pointOffset, double[] values, int valueOffset) {
        double first = 0;
        double second = 0;
        for (int k = 0; k < dimension; k++) {
            double x = points[pointOffset + k];
            first += Math.sqrt(Math.abs(x - 0.1));
            second += Math.sqrt(Math.abs(x + 0.1));
        }
        values[valueOffset] = first;
        values[valueOffset + 1] = second;
    }

    @Override
    public double distanceToParetoSet(double[] x) {
        double sum = 0;
        for (double value : x) {
            double gap = Math.abs(value) - 0.1;
            sum += gap * gap;
        }
        return Math.sqrt(sum);
    }
}
