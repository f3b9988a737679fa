package org.multigrad.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The draws a stochastic problem sees from the drivers, and FORUM's exact continuation from its state. */
class BilevelBatchesTest {
    /** HyperCleaningLinear that records the draws and the calls between them. */
    private static final class Recording implements BilevelProblem {
        final HyperCleaningLinear inner = HyperCleaningLinear.synthetic(2, 3, 4, 12, 10, 0.5, 5);
        final List<String> calls = new ArrayList<>();

        @Override
        public void nextBatch(long draw) {
            calls.add("draw " + draw);
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public int upperDimension() {
            return inner.upperDimension();
        }

        @Override
        public int lowerDimension() {
            return inner.lowerDimension();
        }

        @Override
        public int objectives() {
            return inner.objectives();
        }

        @Override
        public double lower(double[] alpha, double[] omega) {
            return inner.lower(alpha, omega);
        }

        @Override
        public void lowerGradient(double[] alpha, double[] omega, double[] gradAlpha, double[] gradOmega) {
            calls.add("lower");
            inner.lowerGradient(alpha, omega, gradAlpha, gradOmega);
        }

        @Override
        public double upper(int objective, double[] alpha, double[] omega) {
            return inner.upper(objective, alpha, omega);
        }

        @Override
        public void upperGradient(int objective, double[] alpha, double[] omega, double[] gradAlpha, double[] gradOmega) {
            calls.add("upper");
            inner.upperGradient(objective, alpha, omega, gradAlpha, gradOmega);
        }

        @Override
        public void lowerHessianVector(double[] alpha, double[] omega, double[] v, double[] hOmega, double[] hAlpha) {
            calls.add("hvp");
            inner.lowerHessianVector(alpha, omega, v, hOmega, hAlpha);
        }

        @Override
        public double[] initialUpper() {
            return inner.initialUpper();
        }

        @Override
        public double[] initialLower() {
            return inner.initialLower();
        }
    }

    private static Forum.Settings forum(int innerSteps) {
        return new Forum.Settings(innerSteps, 0.5, 1, 0.5, 0.5, k -> Math.pow(k + 1, -0.75), true);
    }

    @Test
    void forumDrawsBeforeEachInnerStepAndBeforeTheUpperLevelGradients() {
        Recording problem = new Recording();
        Forum solver = new Forum(problem, forum(2));
        solver.step();
        solver.step();
        assertEquals(List.of("draw 0", "lower", "draw 1", "lower", "draw 2", "lower", "lower", "upper", "upper",
                "draw 3", "lower", "draw 4", "lower", "draw 5", "lower", "lower", "upper", "upper"), problem.calls);
    }

    @Test
    void momlRedrawsEachInnerStepsBatchForItsHessianVectorProduct() {
        Recording problem = new Recording();
        new Moml(problem, new Moml.Settings(2, 0.5, 1, true, false)).step();
        assertEquals(List.of("draw 0", "lower", "draw 1", "lower", "draw 2", "upper", "draw 1", "hvp", "draw 0", "hvp",
                "draw 2", "upper", "draw 1", "hvp", "draw 0", "hvp"), problem.calls);
    }

    @Test
    void forumContinuesBitForBitFromItsState() {
        Forum straight = new Forum(new Recording(), forum(3));
        for (int k = 0; k < 5; k++) {
            straight.step();
        }
        Forum first = new Forum(new Recording(), forum(3));
        first.step();
        first.step();
        Forum.State saved = first.state();
        Forum resumed = new Forum(new Recording(), forum(3));
        resumed.restore(saved);
        BilevelIterate last = null;
        for (int k = 2; k < 5; k++) {
            last = resumed.step();
        }
        assertEquals(5, last.iteration());
        assertArrayEquals(straight.state().alpha(), resumed.state().alpha(), 0.0);
        assertArrayEquals(straight.state().omega(), resumed.state().omega(), 0.0);
        assertArrayEquals(straight.state().smoothedLambda(), resumed.state().smoothedLambda(), 0.0);
    }

    @Test
    void momlContinuesBitForBitFromItsState() {
        Moml.Settings settings = new Moml.Settings(2, 0.5, 1, true, false);
        Moml straight = new Moml(new Recording(), settings);
        for (int k = 0; k < 4; k++) {
            straight.step();
        }
        Moml first = new Moml(new Recording(), settings);
        first.step();
        Moml.State saved = first.state();
        Moml resumed = new Moml(new Recording(), settings);
        resumed.restore(saved);
        BilevelIterate last = null;
        for (int k = 1; k < 4; k++) {
            last = resumed.step();
        }
        assertEquals(4, last.iteration());
        assertArrayEquals(straight.state().alpha(), resumed.state().alpha(), 0.0);
        assertArrayEquals(straight.state().omega(), resumed.state().omega(), 0.0);
    }
}
