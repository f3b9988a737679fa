package org.multigrad.descent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.multigrad.method.Dssmg;
import org.multigrad.optim.Adam;
import org.multigrad.optim.ParameterOptimizer;
import org.multigrad.optim.Sgd;
import org.multigrad.optim.StepSchedule;
import org.multigrad.problem.NoisyProblem;
import org.multigrad.problem.Problem;
import org.multigrad.problem.ProblemRegistry;
import org.multigrad.registry.MethodRegistry;

class DescentDriverTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bk1", "lov1", "crmogm-stochastic"})
    void mgdaReachesTheParetoSetOnExactGradients(String name) {
        Problem problem = ProblemRegistry.gradient(name);
        // crmogm-stochastic's evaluate() is exact: use it through a zero-noise deterministic view
        Problem exact = name.equals("crmogm-stochastic") ? new ExactView(problem) : problem;
        for (double[] start : problem.startPoints()) {
            DescentDriver.Result result = DescentDriver.builder(exact, MethodRegistry.get("mgda").create(Map.of()))
                    .learningRate(0.1, StepSchedule.CONSTANT).steps(3000)
                    .stopWhen(StoppingRule.stationarityBelow(problem, 1e-8)).build().run(start);
            assertTrue(problem.distanceToParetoSet(result.x()) < 1e-3, name + " from " + java.util.Arrays.toString(start)
                    + ": distance " + problem.distanceToParetoSet(result.x()) + " after " + result.steps() + " steps");
        }
    }

    @Test
    void adamAndMomentumAlsoConverge() {
        Problem problem = ProblemRegistry.gradient("bk1");
        for (ParameterOptimizer optimizer : List.of(new Adam(0.2, 0), new Sgd(0.01, 0.9, 0))) {
            double lr = optimizer.learningRate();
            DescentDriver.Result result = DescentDriver.builder(problem, MethodRegistry.get("mgda").create(Map.of()))
                    .optimizer(optimizer).learningRate(lr, StepSchedule.INV_SQRT).steps(5000).build()
                    .run(new double[] {-4, 8});
            assertTrue(problem.distanceToParetoSet(result.x()) < 1e-2, "distance " + problem.distanceToParetoSet(result.x()));
        }
    }

    @Test
    void seedsMakeRunsReproducible() {
        Problem noisy = new NoisyProblem(ProblemRegistry.gradient("bk1"), 1.0);
        double[] a = run(noisy, 7);
        assertArrayEquals(a, run(noisy, 7), 0);
        assertNotEquals(a[0], run(noisy, 8)[0]);
    }

    private static double[] run(Problem problem, long seed) {
        return DescentDriver.builder(problem, MethodRegistry.get("pcgrad").create(Map.of("seed", 3)))
                .learningRate(0.01, StepSchedule.CONSTANT).steps(200).seed(seed).build().run(new double[] {-4, 8}).x();
    }

    @Test
    void callbackSeesEveryStepAndStoppingRulesStop() {
        Problem problem = ProblemRegistry.gradient("bk1");
        List<Double> rates = new ArrayList<>();
        DescentDriver.Result result = DescentDriver.builder(problem, MethodRegistry.get("mean").create(Map.of()))
                .learningRate(0.1, StepSchedule.INV).steps(50).onStep(step -> rates.add(step.lr())).build()
                .run(new double[] {1, 1});
        assertEquals(50, rates.size());
        assertEquals(0.1 / 4, rates.get(3), 1e-15);
        assertEquals("step budget", result.stopReason());
        DescentDriver.Result stopped = DescentDriver.builder(problem, MethodRegistry.get("mgda").create(Map.of()))
                .learningRate(0.1, StepSchedule.CONSTANT).steps(10_000)
                .stopWhen(StoppingRule.distanceBelow(problem, 1e-6)).build().run(new double[] {-4, 8});
        assertTrue(stopped.steps() < 10_000);
        assertTrue(stopped.stopReason().contains("distance"));
    }

    @Test
    void projectionKeepsIteratesFeasible() {
        Problem problem = ProblemRegistry.gradient("crmogm-stochastic");
        DescentDriver.builder(problem, MethodRegistry.get("mgda").create(Map.of()))
                .learningRate(0.5, StepSchedule.CONSTANT).steps(500).onStep(step -> {
                    assertTrue(step.x()[0] >= -1 && step.x()[0] <= 1 && step.x()[1] >= 0);
                }).build().run(new double[] {0, 0.4});
    }

    @Test
    void dssmgAveragesGrowingSamples() {
        List<Integer> draws = new ArrayList<>();
        DescentDriver.builder(ProblemRegistry.gradient("crmogm-stochastic"), MethodRegistry.get("mgda").create(Map.of()))
                .samples(Dssmg.options().nb(1).q(0.5).build()::samplesAt).steps(10).onStep(step -> draws.add(step.samples()))
                .build().run(new double[] {0, 0.4});
        assertEquals(List.of(1, 2, 2, 2, 3, 3, 3, 3, 3, 4), draws);
    }

    @Test
    void divergenceIsReportedWithTheStep() {
        Problem problem = ProblemRegistry.gradient("cagrad-toy");
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> DescentDriver.builder(problem, MethodRegistry.get("sum").create(Map.of()))
                        .learningRate(1e300, StepSchedule.CONSTANT).steps(10).build().run(new double[] {9, -1}));
        assertTrue(error.getMessage().contains("lower the learning rate"), error.getMessage());
    }

    /** The exact objectives of a stochastic problem as a deterministic one. */
    private static final class ExactView implements Problem {
        private final Problem inner;

        ExactView(Problem inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public int objectives() {
            return inner.objectives();
        }

        @Override
        public void evaluate(double[] x, double[] values, double[] jacobian) {
            inner.evaluate(x, values, jacobian);
        }

        @Override
        public double[] lowerBounds() {
            return inner.lowerBounds();
        }

        @Override
        public double[] upperBounds() {
            return inner.upperBounds();
        }

        @Override
        public List<double[]> startPoints() {
            return inner.startPoints();
        }
    }
}
