package org.multigrad.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FORUM and MOML on the thesis's synthetic problem (A.32), against closed forms and Fig. A.1's claims. */
class BilevelDriversTest {
    private static final double C = Math.pow(0.9, 50);

    @Test
    void forumsFirstStepIsTheGoldenDirection() {
        Forum forum = new Forum(new MobloSynthetic(0.5, 1.5, 0.0),
                new Forum.Settings(50, 0.05, 0.3, 0.3, 0.3, k -> 1, true));
        BilevelIterate first = forum.step();
        assertArrayEquals(new double[] {0.5 + 0.3 * -0.404127}, first.alpha(), 2e-7);
        assertArrayEquals(new double[] {1.5 + 0.3 * -0.300000, 0.3 * 1.598960}, first.omega(), 2e-7);
        assertArrayEquals(new double[] {0.051040, 0.948960}, first.weights(), 5e-7);
    }

    /** Fig. A.1: from each of the thesis's starts E, K and q go to 0, at a point of the segment c ∈ [1, 2]. */
    @Test
    void forumConvergesToTheParetoSetFromEveryThesisStart() {
        double[] limits = {1.1095, 1.344, 2.0};
        for (int s = 0; s < 3; s++) {
            double[] start = MobloSynthetic.STARTS[s];
            Forum forum = new Forum(new MobloSynthetic(start[0], start[1], start[2]), Forum.Settings.synthetic());
            BilevelIterate iterate = null;
            for (int k = 0; k < 1000; k++) {
                iterate = forum.step();
                if (k == 99) {
                    assertTrue(iterate.distance() < 3e-5, "start " + s + ": E = " + iterate.distance() + " after 100");
                }
            }
            assertTrue(iterate.distance() < 1e-9, "start " + s + ": E = " + iterate.distance());
            assertTrue(iterate.constraint() < 1e-12, "q = " + iterate.constraint());
            assertTrue(iterate.stationarity() < 1e-12, "K = " + iterate.stationarity());
            assertEquals(limits[s], iterate.alpha()[0], 1e-3);
        }
    }

    @Test
    void momlsHypergradientIsTheClosedForm() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 50; trial++) {
            double alpha = random.nextDouble(-3, 3);
            double[] start = {random.nextDouble(-3, 3), random.nextDouble(-3, 3)};
            MobloSynthetic problem = new MobloSynthetic(alpha, start[0], start[1]);
            Moml moml = new Moml(problem, Moml.Settings.synthetic());
            double[][] path = new double[51][];
            path[0] = start.clone();
            for (int t = 0; t < 50; t++) {
                path[t + 1] = new double[] {alpha + 0.9 * (path[t][0] - alpha), alpha + 0.9 * (path[t][1] - alpha)};
            }
            double[] targets = {1, 2};
            for (int i = 0; i < 2; i++) {
                // h_i = 2(1 − c)(ω_T1 − e_i) − 2c(ω_T2 − α), c = 0.9^T
                double expected = 2 * (1 - C) * (path[50][0] - targets[i]) - 2 * C * (path[50][1] - alpha);
                assertEquals(expected, moml.hypergradient(i, path)[0], 1e-12);
            }
        }
    }

    @Test
    void momlsFirstStepFromTheFirstStart() {
        Moml moml = new Moml(new MobloSynthetic(0, 0, 3), Moml.Settings.synthetic());
        assertEquals(0.596956, moml.step().alpha()[0], 5e-7);
    }

    /** Re-initialising ω at ω₀ every iteration leaves ω_T(α) ≠ ω*(α): E stalls at 1.113e-2; a warm start reaches P. */
    @Test
    void momlWithoutAWarmStartStalls() {
        Moml cold = new Moml(new MobloSynthetic(0, 0, 3), new Moml.Settings(50, 0.05, 0.3, false, false));
        Moml warm = new Moml(new MobloSynthetic(0, 0, 3), Moml.Settings.synthetic());
        BilevelIterate coldLast = null;
        BilevelIterate warmLast = null;
        for (int k = 0; k < 1000; k++) {
            coldLast = cold.step();
            warmLast = warm.step();
        }
        assertEquals(1.113e-2, coldLast.distance(), 1e-5);
        assertTrue(warmLast.distance() < 1e-9, "E = " + warmLast.distance());
    }

    @Test
    void badSettingsAreNamed() {
        assertEquals("forum: inner-steps (T) must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new Forum.Settings(0, 0.05, 0.3, 0.3, 0.3, ForumDirection.thesisMomentum(), true)).getMessage());
        assertEquals("moml: inner learning rate must be > 0, got NaN", assertThrows(IllegalArgumentException.class,
                () -> new Moml.Settings(5, Double.NaN, 0.3, true, false)).getMessage());
        assertEquals("forum: rho must be > 0, got -1.0", assertThrows(IllegalArgumentException.class,
                () -> new Forum(new MobloSynthetic(0, 0, 3), new Forum.Settings(5, 0.05, 0.3, 0.3, -1,
                        ForumDirection.thesisMomentum(), true))).getMessage());
    }
}
