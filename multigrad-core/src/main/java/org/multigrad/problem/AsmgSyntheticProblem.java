package org.multigrad.problem;

/**
 * Shared plumbing of the three bi-objective black-box problems of the thesis (Ye 2024, Sec. 4.6.1,
 * eqs. 4.21-4.23): a name, any dimension d ≥ 1, m = 2, a known Pareto set, no gradients.
 *
 * <p>Coordinate k = 0..d-1 plays the thesis's i = k + 1, so the scale 10^{e(i−1)/(d−1)} is
 * {@code 10^(e·k/(d−1))}. For d = 1 the exponent's 0/0 is taken as 0 (scale 1), so every d ≥ 1 is
 * accepted.
 */
abstract class AsmgSyntheticProblem implements MultiObjectiveProblem {
    private final String name;
    final int dimension;

    AsmgSyntheticProblem(String name, int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException(name + ": dimension d must be >= 1, got " + dimension);
        }
        this.name = name;
        this.dimension = dimension;
    }

    /** 10^{exponent·(i−1)/(d−1)} for i = 1..d (1 when d = 1). */
    static double[] geometricScales(int dimension, double exponent) {
        double[] scales = new double[dimension];
        for (int k = 0; k < dimension; k++) {
            scales[k] = dimension == 1 ? 1 : Math.pow(10, exponent * k / (dimension - 1));
        }
        return scales;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int objectives() {
        return 2;
    }

    @Override
    public boolean hasParetoSet() {
        return true;
    }

    @Override
    public String toString() {
        return name + " (d = " + dimension + ")";
    }
}
