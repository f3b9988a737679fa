package org.multigrad.djl.l2o;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.multigrad.djl.DjlRuntime;
import org.multigrad.l2o.Ml2oNetwork;
import org.multigrad.l2o.Preprocessing;

/**
 * The meta-gradient of one truncation window (n = 3 coordinates, H = 2, K̄ = 3, float64) against
 * central differences, its coverage of Θ, and its truncation at the window's start.
 */
class UnrolledWindowTest {
    private static final int N = 3;
    private static final int UNROLL = 3;
    private static final double ALPHA = 0.3;

    /** Linear objectives: y does not depend on x, so the first-order meta-gradient is the exact derivative. */
    private static QuadraticLearner linear() {
        SplittableRandom random = new SplittableRandom(3);
        double[][] b = new double[2][N];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < N; j++) {
                b[i][j] = random.nextDouble(-1, 1);
            }
        }
        return new QuadraticLearner(new double[2][N], b);
    }

    private static UnrolledWindow.Outcome run(NDManager manager, MetaLearner learner, Ml2oNetwork theta, Ml2oState start) {
        return UnrolledWindow.run(learner, theta, start, ALPHA, UNROLL, manager, DataType.FLOAT64);
    }

    @Test
    void metaGradientMatchesCentralDifferencesFromAFreshAndACarriedState() {
        MetaLearner learner = linear();
        Ml2oNetwork theta = Ml2oNetwork.random(2, 2, 1, Preprocessing.LOG_SIGN, 0.5, 7);
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            Ml2oState fresh = Ml2oState.start(theta, new double[] {0.3, -0.2, 0.5});
            Ml2oState carried = run(manager, learner, theta, fresh).end();
            for (Ml2oState start : new Ml2oState[] {fresh, carried}) {
                double[] gradient = run(manager, learner, theta, start).gradient();
                double[] flat = Ml2oParameters.flatten(theta);
                double h = 1e-6;
                for (int e = 0; e < flat.length; e++) {
                    double[] plus = flat.clone();
                    plus[e] += h;
                    double[] minus = flat.clone();
                    minus[e] -= h;
                    double numeric = (run(manager, learner, Ml2oParameters.network(theta, plus), start).metaLoss()
                            - run(manager, learner, Ml2oParameters.network(theta, minus), start).metaLoss()) / (2 * h);
                    assertEquals(numeric, gradient[e], 1e-7 + 1e-5 * Math.abs(numeric), "Θ entry " + e);
                }
            }
        }
    }

    @Test
    void everyThetaEntryGetsANonzeroGradient() {
        MetaLearner learner = QuadraticLearner.random(2, N, 1);
        Ml2oNetwork theta = Ml2oNetwork.random(2, 2, 2, Preprocessing.LOG_SIGN, 0.5, 9);
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            double[] gradient = run(manager, learner, theta, Ml2oState.start(theta, new double[] {0.3, -0.2, 0.5}))
                    .gradient();
            assertEquals(Ml2oParameters.size(theta), gradient.length);
            for (int e = 0; e < gradient.length; e++) {
                assertTrue(gradient[e] != 0 && Double.isFinite(gradient[e]), "Θ entry " + e + " has gradient " + gradient[e]);
            }
        }
    }

    /**
     * Window 2's gradient is the derivative with its start held constant: it equals central
     * differences that rerun window 2 alone, and differs from the derivative through both windows
     * (window 1 rerun with the perturbed Θ), which a gradient leaking across the boundary would give.
     */
    @Test
    void noGradientCrossesAWindow() {
        MetaLearner learner = linear();
        Ml2oNetwork theta = Ml2oNetwork.random(2, 2, 1, Preprocessing.LOG_SIGN, 0.5, 7);
        Ml2oState fresh = Ml2oState.start(theta, new double[] {0.3, -0.2, 0.5});
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            Ml2oState boundary = run(manager, learner, theta, fresh).end();
            double[] gradient = run(manager, learner, theta, boundary).gradient();
            double[] flat = Ml2oParameters.flatten(theta);
            double h = 1e-6;
            double gap = 0;
            double norm = 0;
            for (int e = 0; e < flat.length; e++) {
                double[] plus = flat.clone();
                plus[e] += h;
                double[] minus = flat.clone();
                minus[e] -= h;
                Ml2oNetwork up = Ml2oParameters.network(theta, plus);
                Ml2oNetwork down = Ml2oParameters.network(theta, minus);
                double truncated = (run(manager, learner, up, boundary).metaLoss()
                        - run(manager, learner, down, boundary).metaLoss()) / (2 * h);
                double through = (run(manager, learner, up, run(manager, learner, up, fresh).end()).metaLoss()
                        - run(manager, learner, down, run(manager, learner, down, fresh).end()).metaLoss()) / (2 * h);
                assertEquals(truncated, gradient[e], 1e-7 + 1e-5 * Math.abs(truncated), "Θ entry " + e);
                gap += (through - gradient[e]) * (through - gradient[e]);
                norm += gradient[e] * gradient[e];
            }
            // finite differences are good to ~1e-7 here; a leak would move the gradient by far more
            assertTrue(Math.sqrt(gap) > 1e-2 * Math.sqrt(norm), "the untruncated derivative differs by " + Math.sqrt(gap)
                    + ", the gradient's norm is " + Math.sqrt(norm));
        }
    }

    @Test
    void sameInputsGiveBitIdenticalOutcomes() {
        MetaLearner learner = QuadraticLearner.random(2, N, 1);
        Ml2oNetwork theta = Ml2oNetwork.random(2, 2, 2, Preprocessing.LOG_SIGN, 0.5, 9);
        Ml2oState start = Ml2oState.start(theta, new double[] {0.3, -0.2, 0.5});
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            UnrolledWindow.Outcome first = run(manager, learner, theta, start);
            UnrolledWindow.Outcome second = run(manager, learner, theta, start);
            assertEquals(first.metaLoss(), second.metaLoss());
            assertArrayEquals(first.gradient(), second.gradient());
            assertNotEquals(0, first.metaLoss());
        }
    }

    @Test
    void refusesUnrollBelowOneAndANonPositiveStep() {
        MetaLearner learner = linear();
        Ml2oNetwork theta = Ml2oNetwork.random(2, 2, 1, Preprocessing.LOG_SIGN, 0.5, 7);
        Ml2oState start = Ml2oState.start(theta, new double[N]);
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> UnrolledWindow.run(learner, theta, start, ALPHA,
                    0, manager, DataType.FLOAT64)).getMessage().contains("unroll"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> UnrolledWindow.run(learner, theta, start, 0,
                    UNROLL, manager, DataType.FLOAT64)).getMessage().contains("step"));
        }
    }
}
