package org.multigrad.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The two quadratic AMOO examples (Efroni et al., OPT 2024 workshop, §2), f_i(x) = Σ_j c_ij x_j²,
 * shared minimiser x⋆ = 0, f_i(x⋆) = 0, Hessians 2·Diag(c_i):
 * <ul>
 *   <li>{@code amoo-specification} (∆ ∈ [0, 0.5], default 0.05), x ∈ R²:
 *   f_1 = (1−∆)x_1² + ∆x_2², f_2 = ∆x_1² + (1−∆)x_2². Each f_i alone is only 2∆-strongly convex;
 *   w = (½, ½) gives ½‖x‖² (µ_G = 1): a mix specifies x⋆ well, each objective alone does not.</li>
 *   <li>{@code amoo-selection} (m, d, ∆; defaults 10, 10, 0.01), x ∈ R^d:
 *   f_i = (1−∆)x_1² + ∆Σ_{j≥2} x_j² for i &lt; m, f_m = ‖x‖². Equal weights are only
 *   2((m−1)∆+1)/m-strongly convex; w = e_m gives µ_G = 2: one objective must be selected. (The
 *   extraction's "∆Σx_j" and "x ∈ R^m" are read as ∆Σx_j² and x ∈ R^d, docs/sources.md.)</li>
 * </ul>
 * Start points: specification (1, 1), (1, −2), (−3, 0.5); selection, for d = 10, numpy's
 * {@code np.random.default_rng(0).standard_normal(10)} (the draw that reproduces the spec's
 * convergence counts), else a seeded N(0, I) draw.
 */
public final class AmooQuadratic extends BoxProblem implements AlignedProblem {
    /**
     * numpy.random.default_rng(0).standard_normal(10): the start behind the spec's counts (EW 126,
     * CAMOO/PAMOO 22); the legacy numpy.random.seed(0) draw gives EW 130 instead.
     */
    static final double[] NUMPY_SEED0_NORMAL = {0.1257302210933933, -0.1321048632913019, 0.6404226504432821,
        0.10490011715303971, -0.535669373161111, 0.36159505490948474, 1.3040000451301372, 0.9470809631292422,
        -0.7037352358069926, -1.2654214710460525};

    private final double[] coefficients;

    private AmooQuadratic(String name, int dimension, int objectives, double[] coefficients, List<double[]> starts) {
        super(name, dimension, objectives, filled(dimension, Double.NEGATIVE_INFINITY),
                filled(dimension, Double.POSITIVE_INFINITY), starts);
        this.coefficients = coefficients;
    }

    private static void requireDelta(String name, double delta) {
        if (!(delta >= 0 && delta <= 0.5)) {
            throw new IllegalArgumentException(name + ": Delta must be in [0, 0.5], got " + delta);
        }
    }

    /** {@code amoo-specification} with ∆ = 0.05. */
    public static AmooQuadratic specification() {
        return specification(0.05);
    }

    public static AmooQuadratic specification(double delta) {
        requireDelta("amoo-specification", delta);
        return new AmooQuadratic("amoo-specification", 2, 2, new double[] {1 - delta, delta, delta, 1 - delta},
                List.of(new double[] {1, 1}, new double[] {1, -2}, new double[] {-3, 0.5}));
    }

    /** {@code amoo-selection} with m = 10, d = 10, ∆ = 0.01. */
    public static AmooQuadratic selection() {
        return selection(10, 10, 0.01);
    }

    public static AmooQuadratic selection(int objectives, int dimension, double delta) {
        requireDelta("amoo-selection", delta);
        if (objectives < 1) {
            throw new IllegalArgumentException("amoo-selection: m must be >= 1, got " + objectives);
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("amoo-selection: d must be >= 1, got " + dimension);
        }
        double[] c = new double[objectives * dimension];
        for (int i = 0; i < objectives; i++) {
            for (int j = 0; j < dimension; j++) {
                c[i * dimension + j] = i == objectives - 1 ? 1 : j == 0 ? 1 - delta : delta;
            }
        }
        List<double[]> starts = new ArrayList<>();
        if (dimension == NUMPY_SEED0_NORMAL.length) {
            starts.add(NUMPY_SEED0_NORMAL.clone());
        } else {
            Random random = new Random(0);
            double[] start = new double[dimension];
            for (int j = 0; j < dimension; j++) {
                start[j] = random.nextGaussian();
            }
            starts.add(start);
        }
        return new AmooQuadratic("amoo-selection", dimension, objectives, c, starts);
    }

    /** The coefficient c_ij (the Hessian diagonal is 2c_i). */
    public double coefficient(int objective, int coordinate) {
        return coefficients[objective * dimension() + coordinate];
    }

    @Override
    public void evaluate(double[] x, double[] values, double[] jacobian) {
        int n = dimension();
        for (int i = 0; i < objectives(); i++) {
            double value = 0;
            for (int j = 0; j < n; j++) {
                double c = coefficients[i * n + j];
                value += c * x[j] * x[j];
                jacobian[i * n + j] = 2 * c * x[j];
            }
            values[i] = value;
        }
    }

    @Override
    public void hessianVectorProduct(double[] x, int objective, double[] vector, double[] out) {
        int n = dimension();
        for (int j = 0; j < n; j++) {
            out[j] = 2 * coefficients[objective * n + j] * vector[j];
        }
    }

    @Override
    public double[] sharedMinimizer() {
        return new double[dimension()];
    }

    @Override
    public double[] optimalValues() {
        return new double[objectives()];
    }
}
