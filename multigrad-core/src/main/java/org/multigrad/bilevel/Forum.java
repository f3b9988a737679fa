package org.multigrad.bilevel;

import java.util.function.IntToDoubleFunction;
import org.multigrad.api.Jacobian;

/**
 * FORUM (Ye et al., ECAI 2024; Ye's thesis, Alg. 2): first-order MOBLO through the value-function
 * constraint q(z) = f(z) − f*(α) ≤ 0, z = (α, ω). Each upper-level iteration k:
 *
 * <pre>
 *   ω̃⁰ = ω_k (warm start, default) or ω₀;   ω̃^{t+1} = ω̃^t − η∇_ω f(α_k, ω̃^t),  t &lt; T        (3.15)
 *   q̃ = f(z_k) − f(α_k, ω̃^T);   ∇_α q̃ = ∇_α f(α_k, ω_k) − ∇_α f(α_k, ω̃^T),   ∇_ω q̃ = ∇_ω f(α_k, ω_k)
 *   d_k from {@link ForumDirection} on the Gramian of (∇_z F_1, …, ∇_z F_m, ∇_z q̃)
 *   α_{k+1} = α_k + μ_α d_k^α,   ω_{k+1} = ω_k + μ_ω d_k^ω                                       (3.17)
 * </pre>
 *
 * On a stochastic problem iteration k draws the batches numbered k(T+1) + t before inner step t and
 * k(T+1) + T before the upper-level gradients ({@link BilevelProblem#nextBatch}), so q̃, ∇q̃ and
 * ∇F_i share one batch.
 *
 * <p>ω̃^T is a constant in ∇q̃ (the value function depends on α only, (3.14)), so no second derivative is
 * needed. The thesis uses one step size μ for z; two (one per block) allow its hyper-cleaning setting
 * (lr 10 on α, 0.3 on ω).
 */
public final class Forum implements BilevelSolver {
    /**
     * @param innerSteps T ≥ 1 lower-level GD steps per iteration
     * @param innerLr    η, their step size
     * @param alphaLr    μ on the α block
     * @param omegaLr    μ on the ω block
     * @param rho        ρ > 0 of φ = (ρ/2)‖∇q̃‖²
     * @param beta       β_k of the momentum on λ (thesis: (k+1)^(−3/4))
     * @param warmStart  ω̃⁰ = ω_k (true) or ω₀ (false); Alg. 2, line 4 allows both
     */
    public record Settings(int innerSteps, double innerLr, double alphaLr, double omegaLr, double rho,
                           IntToDoubleFunction beta, boolean warmStart) {
        public Settings {
            Moml.requireInnerLoop("forum", innerSteps, innerLr);
            Moml.requirePositive("forum", "alpha learning rate", alphaLr);
            Moml.requirePositive("forum", "omega learning rate", omegaLr);
        }

        /** The thesis's synthetic setting (App. A.1.4): T = 50, η = 0.05, μ = 0.3, ρ = 0.3, β_k = (k+1)^(−3/4). */
        public static Settings synthetic() {
            return new Settings(50, 0.05, 0.3, 0.3, 0.3, ForumDirection.thesisMomentum(), true);
        }
    }

    private final BilevelProblem problem;
    private final Settings settings;
    private final ForumDirection direction;
    private final double[] alpha;
    private final double[] omega;
    private final double[] omegaStart;
    private int iteration;

    public Forum(BilevelProblem problem, Settings settings) {
        this.problem = problem;
        this.settings = settings;
        this.direction = new ForumDirection(problem.objectives(), settings.rho(), settings.beta());
        this.alpha = problem.initialUpper();
        this.omega = problem.initialLower();
        this.omegaStart = omega.clone();
    }

    @Override
    public String name() {
        return "forum";
    }

    /**
     * What a checkpoint needs to continue the run exactly: k iterations done, α_k, ω_k and the
     * momentum average λ̃_{k−1} (ω₀ is the problem's own start).
     */
    public record State(int iteration, double[] alpha, double[] omega, double[] smoothedLambda) {
    }

    /** The current state (copies). */
    public State state() {
        return new State(iteration, alpha.clone(), omega.clone(), direction.smoothedLambda());
    }

    /** Continues from {@code state}, taken from a run on the same problem and settings. */
    public void restore(State state) {
        if (state.alpha().length != alpha.length || state.omega().length != omega.length) {
            throw new IllegalArgumentException("forum: the saved state has " + state.alpha().length + " + "
                    + state.omega().length + " variables, the problem " + alpha.length + " + " + omega.length);
        }
        direction.restore(state.iteration(), state.smoothedLambda());
        System.arraycopy(state.alpha(), 0, alpha, 0, alpha.length);
        System.arraycopy(state.omega(), 0, omega, 0, omega.length);
        iteration = state.iteration();
    }

    @Override
    public BilevelIterate step() {
        int n = problem.upperDimension();
        int p = problem.lowerDimension();
        int m = problem.objectives();
        double[] inner = settings.warmStart() ? omega.clone() : omegaStart.clone();
        double[] gradient = new double[p];
        long draws = (long) iteration * (settings.innerSteps() + 1);
        for (int t = 0; t < settings.innerSteps(); t++) {
            problem.nextBatch(draws + t);
            problem.lowerGradient(alpha, inner, null, gradient);
            for (int s = 0; s < p; s++) {
                inner[s] -= settings.innerLr() * gradient[s];
            }
        }
        double[][] rows = new double[m + 1][n + p];
        double[] innerAlpha = new double[n];
        double[] rowAlpha = new double[n];
        double[] rowOmega = new double[p];
        problem.nextBatch(draws + settings.innerSteps());
        problem.lowerGradient(alpha, omega, rowAlpha, rowOmega);
        problem.lowerGradient(alpha, inner, innerAlpha, null);
        for (int s = 0; s < n; s++) {
            rows[m][s] = rowAlpha[s] - innerAlpha[s];
        }
        System.arraycopy(rowOmega, 0, rows[m], n, p);
        for (int i = 0; i < m; i++) {
            problem.upperGradient(i, alpha, omega, rowAlpha, rowOmega);
            System.arraycopy(rowAlpha, 0, rows[i], 0, n);
            System.arraycopy(rowOmega, 0, rows[i], n, p);
        }
        Jacobian gradients = Jacobian.of(rows); // refuses non-finite entries
        double approximateConstraint = problem.lower(alpha, omega) - problem.lower(alpha, inner);
        ForumDirection.Step step = direction.next(gradients.gramian());
        double[] combined = gradients.combine(step.coefficients());
        for (int s = 0; s < n; s++) {
            alpha[s] -= settings.alphaLr() * combined[s];
        }
        for (int s = 0; s < p; s++) {
            omega[s] -= settings.omegaLr() * combined[n + s];
        }
        iteration++;
        return BilevelIterate.of(problem, iteration, alpha, omega, approximateConstraint, step.stationarity(),
                step.smoothedLambda());
    }
}
