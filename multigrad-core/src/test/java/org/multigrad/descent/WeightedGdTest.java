package org.multigrad.descent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multigrad.api.WeightedAggregator;
import org.multigrad.api.Weighting;
import org.multigrad.method.Camoo;
import org.multigrad.method.Constant;
import org.multigrad.method.Mean;
import org.multigrad.method.Pamoo;
import org.multigrad.problem.AmooCurvature;
import org.multigrad.problem.AmooQuadratic;
import org.multigrad.problem.Problem;
import org.multigrad.problem.ProblemRegistry;
import org.multigrad.registry.MethodRegistry;

/**
 * Weighted GD on the AMOO examples: the spec's convergence counts on the selection example
 * (Efroni et al., OPT 2024 workshop, Sec. 2; recomputed in docs/sources.md: EW 126, CAMOO 1 at
 * η = 1/β and 22 at η = 1/(2β), PAMOO 22 from numpy's
 * seed-0 start) and the qualitative claims on the other two.
 */
class WeightedGdTest {
    private static final double TOLERANCE = 1e-6;

    static WeightedGd.Result run(Problem problem, Weighting weighting, boolean curvature, double step, boolean record) {
        return WeightedGd.run(problem, new WeightedAggregator(weighting), curvature, problem.startPoints().get(0),
                new WeightedGd.Settings(step, TOLERANCE, 100_000, record));
    }

    static Camoo exactCamoo() {
        return new Camoo(Camoo.Options.defaults().withSolver(Camoo.Solver.EXACT).withHessian(Camoo.HessianMode.FULL));
    }

    @Test
    void selectionExampleCountsMatchTheSpec() {
        AmooQuadratic selection = AmooQuadratic.selection(10, 10, 0.01);
        // EW: β of the averaged objective = 2·((m−1)(1−∆)+1)/m
        double betaAverage = 2 * (9 * 0.99 + 1) / 10;
        int ew = run(selection, new Mean(), false, 1 / betaAverage, false).steps();
        int camooOverBeta = run(selection, exactCamoo(), true, 0.5, false).steps();
        int camooHalf = run(selection, exactCamoo(), true, 0.25, false).steps();
        int pamoo = run(selection, new Pamoo(new double[] {0}, 0, false, 0, 0), false, 1, false).steps();
        assertEquals(126, ew);
        assertEquals(1, camooOverBeta);
        assertEquals(22, camooHalf);
        assertEquals(22, pamoo);
        // the practical defaults (Hutchinson + 100 PU iterations; PAMOO's ridge) keep the ≤ EW/4 property
        int camooPractical = run(selection, new Camoo(), true, 0.25, false).steps();
        int pamooDefault = run(selection, new Pamoo(), false, 1, false).steps();
        assertTrue(4 * camooPractical <= ew, "CAMOO (PU) " + camooPractical + " vs EW " + ew);
        assertTrue(4 * pamooDefault <= ew, "PAMOO (ridge) " + pamooDefault + " vs EW " + ew);
        // the official code's absolute ridge ρI stalls once ‖g‖² < ρ (documented deviation)
        WeightedGd.Result absolute = WeightedGd.run(selection,
                new WeightedAggregator(new Pamoo(new double[] {0}, 1e-4, false, 0, 0)), false,
                selection.startPoints().get(0), new WeightedGd.Settings(1, TOLERANCE, 5000, false));
        assertTrue(!absolute.converged() && absolute.distance() > 1e-5, "absolute ridge: " + absolute.distance());
    }

    @Test
    void specificationExampleSingleObjectivesAreSlow() {
        AmooQuadratic specification = AmooQuadratic.specification(0.05);
        double beta = 2 * 0.95;
        int first = run(specification, new Constant(new double[] {1, 0}), false, 1 / beta, false).steps();
        int second = run(specification, new Constant(new double[] {0, 1}), false, 1 / beta, false).steps();
        int ew = run(specification, new Mean(), false, 1, false).steps();
        int camoo = run(specification, exactCamoo(), true, 1, false).steps();
        int pamoo = run(specification, new Pamoo(new double[] {0}, 0, false, 0, 0), false, 1, false).steps();
        assertEquals(1, ew, "½‖x‖² with η = 1 reaches 0 in one step");
        assertEquals(1, camoo);
        assertTrue(first > 100 && second > 100, first + ", " + second);
        assertTrue(pamoo < 30, "PAMOO halves x every step: " + pamoo);
    }

    @Test
    void curvatureExampleWeightsSwitch() {
        AmooCurvature curvature = new AmooCurvature();
        // from (−1.5, 2) (mixed signs): interior weights, then towards x⋆ where both curvatures are 1
        WeightedGd.Result result = WeightedGd.run(curvature, new WeightedAggregator(exactCamoo()), true,
                new double[] {2, 1}, new WeightedGd.Settings(0.25, TOLERANCE, 10_000, true));
        assertTrue(result.converged());
        assertEquals(1.0, result.path().get(0).weights()[0], 1e-9, "at (2, 1) all weight on f_1");
        WeightedGd.Result mixed = WeightedGd.run(curvature, new WeightedAggregator(exactCamoo()), true,
                new double[] {1, -0.5}, new WeightedGd.Settings(0.25, TOLERANCE, 10_000, true));
        assertEquals(0.37754, mixed.path().get(0).weights()[0], 1e-5, "at (1, −0.5) the interior optimum");
        // with mixed signs along the path: the closed form w_1 = 1/(1 + e^{x_1 + x_2})
        for (WeightedGd.Step step : mixed.path()) {
            if (step.weights() != null && step.x()[0] * step.x()[1] < 0) {
                assertEquals(1 / (1 + Math.exp(step.x()[0] + step.x()[1])), step.weights()[0], 1e-9, "step " + step.index());
            }
        }
        WeightedGd.Result negative = WeightedGd.run(curvature, new WeightedAggregator(exactCamoo()), true,
                new double[] {-2, -1}, new WeightedGd.Settings(0.25, TOLERANCE, 10_000, true));
        assertEquals(0.0, negative.path().get(0).weights()[0], 1e-9, "at (−2, −1) all weight on f_2");
    }

    @Test
    void registeredProblemsAndClearErrors() {
        assertEquals(10, ProblemRegistry.get("amoo-selection").dimension());
        assertEquals(2, ProblemRegistry.get("amoo-specification").objectives());
        assertEquals("amoo-curvature", ProblemRegistry.get("amoo-curvature").name());
        IllegalArgumentException needsCurvature = assertThrows(IllegalArgumentException.class,
                () -> WeightedGd.run(ProblemRegistry.get("zdt1"), MethodRegistry.get("camoo").create(Map.of()), true,
                        ProblemRegistry.get("zdt1").startPoints().get(0), new WeightedGd.Settings(0.1, 0, 10, false)));
        assertTrue(needsCurvature.getMessage().contains("has no Hessian-vector products"), needsCurvature.getMessage());
        IllegalArgumentException delta = assertThrows(IllegalArgumentException.class,
                () -> AmooQuadratic.selection(3, 3, 0.7));
        assertEquals("amoo-selection: Delta must be in [0, 0.5], got 0.7", delta.getMessage());
    }
}
