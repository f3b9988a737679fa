package org.multigrad.djl.l2o;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.multigrad.djl.tensor.OwnedTensors;

/**
 * A deterministic synthetic learner: M separable quadratics f^i(x) = Σ_j (½ a_ij x_j² + b_ij x_j)
 * with a_ij ≥ 0 (a = 0: linear objectives, whose gradients do not depend on x, so first-order
 * meta-gradients are exact there). Initial points uniform in [−1, 1]^n.
 */
public final class QuadraticLearner implements MetaLearner {
    private final double[][] curvature;
    private final double[][] linear;
    private final int n;

    public QuadraticLearner(double[][] curvature, double[][] linear) {
        if (curvature.length < 1 || curvature.length != linear.length) {
            throw new IllegalArgumentException("quadratic learner: " + curvature.length + " curvature rows and "
                    + linear.length + " linear rows; both must be M >= 1");
        }
        n = curvature[0].length;
        for (int i = 0; i < curvature.length; i++) {
            if (curvature[i].length != n || linear[i].length != n) {
                throw new IllegalArgumentException("quadratic learner: objective " + (i + 1) + " has "
                        + curvature[i].length + " curvatures and " + linear[i].length + " linear terms, expected " + n);
            }
            for (int j = 0; j < n; j++) {
                if (!(curvature[i][j] >= 0) || !Double.isFinite(curvature[i][j]) || !Double.isFinite(linear[i][j])) {
                    throw new IllegalArgumentException("quadratic learner: objective " + (i + 1) + " coordinate " + (j + 1)
                            + " needs a finite curvature >= 0 and a finite linear term");
                }
            }
        }
        this.curvature = curvature;
        this.linear = linear;
    }

    /** Curvatures uniform in [0.1, 2] and linear terms uniform in [−1, 1], from the seed. */
    public static QuadraticLearner random(int objectives, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] curvature = new double[objectives][n];
        double[][] linear = new double[objectives][n];
        for (int i = 0; i < objectives; i++) {
            for (int j = 0; j < n; j++) {
                curvature[i][j] = random.nextDouble(0.1, 2);
                linear[i][j] = random.nextDouble(-1, 1);
            }
        }
        return new QuadraticLearner(curvature, linear);
    }

    @Override
    public int objectives() {
        return curvature.length;
    }

    @Override
    public int parameters() {
        return n;
    }

    @Override
    public double[] initial(SplittableRandom random) {
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = random.nextDouble(-1, 1);
        }
        return x;
    }

    @Override
    public void nextBatch(NDManager scope) {
        // deterministic: no sample to draw
    }

    /** Σ_j (½ a_ij x_j² + b_ij x_j) for every i, with the coefficients as constants of x's type. */
    @Override
    public NDArray losses(NDArray x) {
        int m = curvature.length;
        double[] half = new double[m * n];
        double[] lin = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                half[i * n + j] = curvature[i][j] / 2;
                lin[i * n + j] = linear[i][j];
            }
        }
        NDManager scope = x.getManager();
        NDArray a = OwnedTensors.constant(scope, half, new Shape(m, n), x.getDataType());
        NDArray b = OwnedTensors.constant(scope, lin, new Shape(m, n), x.getDataType());
        return x.square().mul(a).add(x.mul(b)).sum(new int[] {1});
    }
}
