package org.multigrad.bilevel;

import java.util.OptionalDouble;

/**
 * The synthetic MOBLO problem of Ye's thesis (App. A.1.4, (A.32)), α ∈ R, ω = (ω₁, ω₂):
 *
 * <pre>  min (‖ω − (1, α)‖², ‖ω − (2, α)‖²)   subject to  ω ∈ argmin_ω ‖ω − (α, α)‖²</pre>
 *
 * The lower level's minimiser is ω*(α) = (α, α), so on the feasible set F = ((α−1)², (α−2)²) and the
 * Pareto set is the segment P = {α = ω₁ = ω₂ = c, c ∈ [1, 2]}. The distance of z = (α, ω₁, ω₂) to P
 * is ‖z − c*(1, 1, 1)‖ with c* = clip(mean(z), 1, 2), the projection onto the segment. f* = 0, so
 * q(z) = f(z). The start is one of the thesis's three: (α₀, ω₀) = (0, (0, 3)), (2, (0, 3)), (2, (3, 3)).
 */
public final class MobloSynthetic implements BilevelProblem {
    /** The thesis's starts, named as in the CLI. */
    public static final double[][] STARTS = {{0, 0, 3}, {2, 0, 3}, {2, 3, 3}};
    private static final double[] TARGETS = {1, 2};

    private final double[] start;

    /** From start (α₀, ω₀₁, ω₀₂). */
    public MobloSynthetic(double alpha0, double omega01, double omega02) {
        this.start = new double[] {alpha0, omega01, omega02};
    }

    @Override
    public String name() {
        return "moblo-synthetic";
    }

    @Override
    public int upperDimension() {
        return 1;
    }

    @Override
    public int lowerDimension() {
        return 2;
    }

    @Override
    public int objectives() {
        return 2;
    }

    @Override
    public double lower(double[] alpha, double[] omega) {
        double a = omega[0] - alpha[0];
        double b = omega[1] - alpha[0];
        return a * a + b * b;
    }

    @Override
    public void lowerGradient(double[] alpha, double[] omega, double[] gradAlpha, double[] gradOmega) {
        double a = omega[0] - alpha[0];
        double b = omega[1] - alpha[0];
        if (gradAlpha != null) {
            gradAlpha[0] = -2 * a - 2 * b;
        }
        if (gradOmega != null) {
            gradOmega[0] = 2 * a;
            gradOmega[1] = 2 * b;
        }
    }

    @Override
    public double upper(int objective, double[] alpha, double[] omega) {
        double a = omega[0] - TARGETS[objective];
        double b = omega[1] - alpha[0];
        return a * a + b * b;
    }

    @Override
    public void upperGradient(int objective, double[] alpha, double[] omega, double[] gradAlpha, double[] gradOmega) {
        double b = omega[1] - alpha[0];
        if (gradAlpha != null) {
            gradAlpha[0] = -2 * b;
        }
        if (gradOmega != null) {
            gradOmega[0] = 2 * (omega[0] - TARGETS[objective]);
            gradOmega[1] = 2 * b;
        }
    }

    @Override
    public void lowerHessianVector(double[] alpha, double[] omega, double[] v, double[] hOmega, double[] hAlpha) {
        hOmega[0] = 2 * v[0];
        hOmega[1] = 2 * v[1];
        hAlpha[0] = -2 * (v[0] + v[1]);
    }

    @Override
    public double[] initialUpper() {
        return new double[] {start[0]};
    }

    @Override
    public double[] initialLower() {
        return new double[] {start[1], start[2]};
    }

    @Override
    public OptionalDouble lowerOptimalValue(double[] alpha) {
        return OptionalDouble.of(0);
    }

    @Override
    public OptionalDouble distanceToSolutionSet(double[] alpha, double[] omega) {
        double c = Math.min(2, Math.max(1, (alpha[0] + omega[0] + omega[1]) / 3));
        double a = alpha[0] - c;
        double b = omega[0] - c;
        double d = omega[1] - c;
        return OptionalDouble.of(Math.sqrt(a * a + b * b + d * d));
    }
}
