package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Jacobian;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.Property;
import org.multigrad.registry.MethodRegistry;

/** The smoothing formula λ_k = α_k λ_{k-1} + (1 - α_k) λ̂_k, its schedules, and the name syntax. */
class CrMogmTest {
    /** Returns a fixed script of weights, one per call. */
    private static final class Scripted implements Weighting {
        private final double[][] script;
        private int call;
        private int resets;

        Scripted(double[]... script) {
            this.script = script;
        }

        @Override
        public double[] weights(WeightingInput input) {
            return script[call++].clone();
        }

        @Override
        public void reset() {
            call = 0;
            resets++;
        }
    }

    private static final WeightingInput INPUT = WeightingInput.ofLosses(new double[] {1, 1});

    @Test
    void constantAlphaFollowsTheRecursion() {
        Scripted inner = new Scripted(new double[] {1, 0}, new double[] {0, 1}, new double[] {0.5, 0.5});
        CrMogm smoothed = new CrMogm(inner, CrMogm.Schedule.CONSTANT, 0.75, 0.5, false);
        assertArrayEquals(new double[] {1, 0}, smoothed.weights(INPUT), 1e-15); // λ_0 = λ̂_1
        assertArrayEquals(new double[] {0.75, 0.25}, smoothed.weights(INPUT), 1e-15);
        // 0.75·(0.75, 0.25) + 0.25·(0.5, 0.5)
        assertArrayEquals(new double[] {0.6875, 0.3125}, smoothed.weights(INPUT), 1e-15);
        smoothed.reset();
        assertEquals(1, inner.resets);
        assertArrayEquals(new double[] {1, 0}, smoothed.weights(INPUT), 1e-15);
    }

    @Test
    void uniformInitStartsFromTheSimplexCentre() {
        CrMogm smoothed = new CrMogm(new Scripted(new double[] {1, 0}), CrMogm.Schedule.CONSTANT, 0.5, 0.5, true);
        assertArrayEquals(new double[] {0.75, 0.25}, smoothed.weights(INPUT), 1e-15);
    }

    @Test
    void averageIsTheRunningMean() {
        CrMogm smoothed = new CrMogm(new Scripted(new double[] {1, 0}, new double[] {0, 1}, new double[] {0, 1},
                new double[] {0.2, 0.8}), CrMogm.Schedule.AVERAGE, 0.9, 0.5, true);
        smoothed.weights(INPUT);
        smoothed.weights(INPUT);
        smoothed.weights(INPUT);
        assertArrayEquals(new double[] {0.3, 0.7}, smoothed.weights(INPUT), 1e-15);
    }

    @Test
    void corollaryOneAlpha() {
        // k = 1: λ_0 = λ̂_1, no change, α_1 = 1 - 1 = 0
        // k = 2: Σ|λ_1 - λ̂_2| = 2, r_2 = 1/√2, 1 - α_2 = r_2·min(1, 1/(2·2)) = 1/(4√2)
        // k = 3: λ̂_3 = λ_2: no change, 1 - α_3 = r_3 = 1/√3
        CrMogm smoothed = CrMogm.corollary1(new Scripted(new double[] {1, 0}, new double[] {0, 1}, null));
        smoothed.weights(INPUT);
        assertEquals(0, smoothed.lastAlpha(), 1e-15);
        double[] second = smoothed.weights(INPUT);
        double step = 1 / (4 * Math.sqrt(2));
        assertEquals(1 - step, smoothed.lastAlpha(), 1e-15);
        assertArrayEquals(new double[] {1 - step, step}, second, 1e-15);
        CrMogm again = CrMogm.corollary1(new Scripted(new double[] {0.5, 0.5}, new double[] {0.5, 0.5},
                new double[] {0.5, 0.5}));
        again.weights(INPUT);
        again.weights(INPUT);
        again.weights(INPUT);
        assertEquals(1 - 1 / Math.sqrt(3), again.lastAlpha(), 1e-15);
    }

    @Test
    void wrapperNamesComposeWithParameters() {
        MethodSpec spec = MethodRegistry.get("cr-mogm(mgda)");
        assertEquals("cr-mogm(mgda)", spec.name());
        assertTrue(spec.has(Property.SIMPLEX_WEIGHTS));
        assertTrue(spec.has(Property.STATEFUL));
        assertTrue(MethodRegistry.contains("periodic(cr-mogm(cagrad))"));
        Jacobian jacobian = Jacobian.of(new double[][] {{-4, 1, 1}, {6, 1, 1}});
        Aggregation first = spec.create(Map.of("schedule", "constant", "alpha", "0.5")).aggregate(jacobian);
        assertArrayEquals(new double[] {0.6, 0.4}, first.weights(), 1e-9);
        // inner parameters pass through: cagrad's c
        Aggregation cagrad = MethodRegistry.get("cr-mogm(cagrad)").create(Map.of("c", "0.5")).aggregate(jacobian);
        assertArrayEquals(new double[] {0.7041, 0.5}, cagrad.weights(), 1e-4);
    }

    @Test
    void badWrapperNamesAreExplained() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("smooth(mgda)"));
        assertTrue(unknown.getMessage().contains("known wrappers: cr-mogm, periodic"), unknown.getMessage());
        IllegalArgumentException coordinates = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("cr-mogm(moco)"));
        assertTrue(coordinates.getMessage().contains("cannot wrap moco"), coordinates.getMessage());
        IllegalArgumentException badAlpha = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.get("cr-mogm(mgda)").create(Map.of("alpha", "1.5")));
        assertTrue(badAlpha.getMessage().contains("alpha"), badAlpha.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MethodRegistry.get("cr-mogm()"));
    }

    @Test
    void periodicRecomputesEveryKSteps() {
        Scripted inner = new Scripted(new double[] {1, 0}, new double[] {0, 1}, new double[] {0.3, 0.7});
        Periodic periodic = new Periodic(inner, 2);
        assertArrayEquals(new double[] {1, 0}, periodic.weights(INPUT), 0);
        assertArrayEquals(new double[] {1, 0}, periodic.weights(INPUT), 0);
        assertArrayEquals(new double[] {0, 1}, periodic.weights(INPUT), 0);
        assertArrayEquals(new double[] {0, 1}, periodic.weights(INPUT), 0);
        assertArrayEquals(new double[] {0.3, 0.7}, periodic.weights(INPUT), 0);
        assertThrows(IllegalArgumentException.class, () -> new Periodic(inner, 0));
    }

    @Test
    void mocoFirstStepByHand() {
        // t = 1: Y = 0.5·J, YYᵀ = 0.25·G; λ = softmax(1/m - 0.1·0.25·G·(1/m))
        Jacobian jacobian = Jacobian.of(new double[][] {{1, 0}, {0, 2}});
        MoCo moco = new MoCo(0.5, 0.5, 0.1, 0.5, 0, false);
        Aggregation result = moco.aggregate(jacobian);
        double a = 0.5 - 0.1 * 0.25 * 0.5;
        double b = 0.5 - 0.1 * 0.25 * 4 * 0.5;
        double l1 = Math.exp(a) / (Math.exp(a) + Math.exp(b));
        assertArrayEquals(new double[] {l1, 1 - l1}, result.weights(), 1e-12);
        assertArrayEquals(new double[] {0.5 * l1, 0.5 * 2 * (1 - l1)}, result.direction(), 1e-12);
        moco.reset();
        assertArrayEquals(result.weights(), moco.aggregate(jacobian).weights(), 0);
        MoCo byLoss = new MoCo(0.5, 0.5, 0.1, 0.5, 0, true);
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> byLoss.aggregate(jacobian, new double[] {1, -2}));
        assertTrue(negative.getMessage().contains("normalization=none"), negative.getMessage());
    }

    @Test
    void dssmgSampleSizeGrows() {
        Dssmg schedule = Dssmg.options().nb(2).q(0.5).build();
        assertEquals(2, schedule.samplesAt(1));
        assertEquals(2, schedule.samplesAt(4));
        assertEquals(3, schedule.samplesAt(5)); // ⌈√5⌉
        assertEquals(10, schedule.samplesAt(100));
        assertThrows(IllegalArgumentException.class, () -> Dssmg.options().nb(0));
    }
}
