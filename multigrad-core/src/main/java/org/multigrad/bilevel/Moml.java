package org.multigrad.bilevel;

import org.multigrad.api.Jacobian;
import org.multigrad.solve.MinNormPoint;

/**
 * MOML (Ye et al., NeurIPS 2021; Ye's thesis, Alg. 1): iterative differentiation through T unrolled
 * lower-level GD steps ω_{t+1} = ω_t − η∇_ω f(α, ω_t), then MGDA on the m hypergradients
 *
 * <pre>
 *   h_i = ∇_α F_i(α, ω_T) + Σ_t (∂ω_{t+1}/∂α)ᵀ v_{t+1},   v_T = ∇_ω F_i(α, ω_T),
 *   v_t = (I − η∇²_ωω f(α, ω_t)) v_{t+1},   (∂ω_{t+1}/∂α)ᵀ v = −η ∇²_αω f(α, ω_t) v
 * </pre>
 *
 * accumulated backwards over the stored ω_0..ω_T (memory O(pT), time O(mpT) Hessian-vector products
 * per iteration, the thesis's Table 3.1), and α_{k+1} = α_k − ν Σ γ_i h_i with γ = MGDA's min-norm
 * weights (optionally of the l2-normalised h_i). The thesis's Alg. 1 says "initialize ω_0^k" without
 * saying how: {@code warmStart} = true (default) starts each inner loop at the previous ω_T, false
 * restarts it at ω₀ every iteration (on A.32 the latter stalls, since ω_T(α) ≠ ω*(α) for finite T).
 * On a stochastic problem iteration k draws batch k(T+1) + t for inner step t and k(T+1) + T for
 * ∇F_i ({@link BilevelProblem#nextBatch}); the backward pass redraws step t's batch for its
 * Hessian-vector product, so each product differentiates the step it belongs to.
 */
public final class Moml implements BilevelSolver {
    /**
     * @param innerSteps T ≥ 1 unrolled steps
     * @param innerLr    η, their step size
     * @param alphaLr    ν, the upper-level step size
     * @param warmStart  ω_0^k = ω_T^{k−1} (true) or ω₀ (false)
     * @param normalize  MGDA on h_i / ‖h_i‖ (as LibMTL's MGDA "l2" option) instead of h_i
     */
    public record Settings(int innerSteps, double innerLr, double alphaLr, boolean warmStart, boolean normalize) {
        public Settings {
            requireInnerLoop("moml", innerSteps, innerLr);
            requirePositive("moml", "alpha learning rate", alphaLr);
        }

        /** The thesis's synthetic setting (App. A.1.4): T = 50, η = 0.05, ν = 0.3, unnormalised MGDA. */
        public static Settings synthetic() {
            return new Settings(50, 0.05, 0.3, true, false);
        }
    }

    private final BilevelProblem problem;
    private final Settings settings;
    private final double[] alpha;
    private final double[] omegaStart;
    private double[] omega;
    private int iteration;

    public Moml(BilevelProblem problem, Settings settings) {
        this.problem = problem;
        this.settings = settings;
        this.alpha = problem.initialUpper();
        this.omega = problem.initialLower();
        this.omegaStart = omega.clone();
    }

    @Override
    public String name() {
        return "moml";
    }

    /** What a checkpoint needs to continue the run exactly: k iterations done, α_k and ω_k (the next inner loop's start when warm). */
    public record State(int iteration, double[] alpha, double[] omega) {
    }

    /** The current state (copies). */
    public State state() {
        return new State(iteration, alpha.clone(), omega.clone());
    }

    /** Continues from {@code state}, taken from a run on the same problem and settings. */
    public void restore(State state) {
        if (state.alpha().length != alpha.length || state.omega().length != omega.length) {
            throw new IllegalArgumentException("moml: the saved state has " + state.alpha().length + " + "
                    + state.omega().length + " variables, the problem " + alpha.length + " + " + omega.length);
        }
        System.arraycopy(state.alpha(), 0, alpha, 0, alpha.length);
        omega = state.omega().clone();
        iteration = state.iteration();
    }

    @Override
    public BilevelIterate step() {
        int n = problem.upperDimension();
        int p = problem.lowerDimension();
        int m = problem.objectives();
        int steps = settings.innerSteps();
        double[][] path = new double[steps + 1][];
        path[0] = settings.warmStart() ? omega.clone() : omegaStart.clone();
        double[] gradient = new double[p];
        long draws = (long) iteration * (steps + 1);
        for (int t = 0; t < steps; t++) {
            problem.nextBatch(draws + t);
            problem.lowerGradient(alpha, path[t], null, gradient);
            path[t + 1] = path[t].clone();
            for (int s = 0; s < p; s++) {
                path[t + 1][s] -= settings.innerLr() * gradient[s];
            }
        }
        double[][] hypergradients = new double[m][];
        for (int i = 0; i < m; i++) {
            hypergradients[i] = hypergradient(i, path);
        }
        Jacobian rows = Jacobian.of(normalizedIfAsked(hypergradients)); // refuses non-finite entries
        double[] gamma = MinNormPoint.weights(rows.gramian());
        double[] d = rows.combine(gamma);
        double norm = 0;
        for (int s = 0; s < n; s++) {
            alpha[s] -= settings.alphaLr() * d[s];
            norm += d[s] * d[s];
        }
        omega = path[steps];
        iteration++;
        return BilevelIterate.of(problem, iteration, alpha, omega, Double.NaN, norm, gamma);
    }

    /** h_i by reverse accumulation over the stored inner path ω_0..ω_T. */
    double[] hypergradient(int objective, double[][] path) {
        int n = problem.upperDimension();
        int p = problem.lowerDimension();
        int steps = path.length - 1;
        double[] h = new double[n];
        double[] v = new double[p];
        long draws = (long) iteration * (steps + 1);
        problem.nextBatch(draws + steps);
        problem.upperGradient(objective, alpha, path[steps], h, v);
        double[] hOmega = new double[p];
        double[] hAlpha = new double[n];
        for (int t = steps - 1; t >= 0; t--) {
            problem.nextBatch(draws + t);
            problem.lowerHessianVector(alpha, path[t], v, hOmega, hAlpha);
            for (int s = 0; s < n; s++) {
                h[s] -= settings.innerLr() * hAlpha[s];
            }
            for (int s = 0; s < p; s++) {
                v[s] -= settings.innerLr() * hOmega[s];
            }
        }
        return h;
    }

    private double[][] normalizedIfAsked(double[][] hypergradients) {
        if (!settings.normalize()) {
            return hypergradients;
        }
        double[][] result = new double[hypergradients.length][];
        for (int i = 0; i < result.length; i++) {
            double norm = 0;
            for (double value : hypergradients[i]) {
                norm += value * value;
            }
            norm = Math.sqrt(norm);
            result[i] = hypergradients[i].clone();
            if (norm > 0) {
                for (int s = 0; s < result[i].length; s++) {
                    result[i][s] /= norm;
                }
            }
        }
        return result;
    }

    static void requireInnerLoop(String method, int innerSteps, double innerLr) {
        if (innerSteps < 1) {
            throw new IllegalArgumentException(method + ": inner-steps (T) must be >= 1, got " + innerSteps);
        }
        requirePositive(method, "inner learning rate", innerLr);
    }

    static void requirePositive(String method, String what, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(method + ": " + what + " must be > 0, got " + value);
        }
    }
}
