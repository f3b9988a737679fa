package org.multigrad.method;

import java.util.List;
import java.util.Locale;
import org.multigrad.api.Curvature;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.MethodOptions;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.Property;
import org.multigrad.solve.MatrixGame;
import org.multigrad.solve.MaxMinEigenvalue;

/**
 * CAMOO (curvature-aligned multi-objective optimization; "AMOOO" in the OPT 2024 workshop paper):
 * for objectives that share a minimiser, the weights that make the weighted objective as strongly
 * convex as possible at the current point,
 * <pre>  w ∈ argmax_{w ∈ Δ_{m,α}} λ_min(Σ_i w_i ∇²f_i(x)),   d = Jᵀw.</pre>
 * Efroni, Kretzu, Jiang, Bhandari, Zhu, Ullrich, "Aligned Multi Objective Optimization", ICML 2025
 * (arXiv 2502.14096), Algorithm 2; OPT 2024 version, Alg. 2 and §3.1.
 *
 * <p>The curvature comes with the input ({@link WeightingInput#withCurvature}); without it the call
 * fails. By form ({@link Curvature}) and parameter {@code hessian}:
 * <ul>
 *   <li>full Hessians: λ_min is maximised exactly (cutting planes, {@link MaxMinEigenvalue}, gap
 *   ≤ 1e-10 relative); {@code hessian=diagonal} uses only their diagonals (Prop. 3: off-diagonal
 *   mass ≤ ∆ in spectral norm costs at most 2∆ of curvature);</li>
 *   <li>diagonals A (m x d): λ_min(Σ w_i Diag(a_i)) = min_j (wᵀA)_j, the matrix game
 *   max_w min_q wᵀAq, solved by PU ({@code solver=pu}, default) or exactly ({@code solver=exact});</li>
 *   <li>Hessian-vector products: Hutchinson diagonals, diag(H) ≈ (1/N) Σ_k z_k ⊙ Hz_k with N =
 *   {@code probes} Rademacher probes (default, as the official code); {@code hessian=diagonal}
 *   takes the exact diagonal and {@code hessian=full} the exact Hessian, each from n products.</li>
 * </ul>
 * Diagonals (given or estimated) can be smoothed across steps by an exponential moving average
 * Â_t = β Â_{t−1} + (1 − β) A_t ({@code ema} = β; off by default as in the official code; the first
 * step uses A_1, no bias correction) and clamped at 0 ({@code clamp}; off by default: the official
 * code's comment asks for it but its code does not clamp).
 *
 * <p>PU defaults are the official code's: τ = 0.01, η = 1/(2 max|A| + τ), 100 iterations from
 * uniform w and q at every call; {@code warm-start=true} continues from the previous call's (w, q)
 * (with {@code iterations=1} this is the workshop's one PU step per training step). PU's entropy
 * term biases the value by at most τ(ln m + ln d).
 *
 * <p>Floor {@code w-min} = α (theory: µ_G/(8mβ); default 0, the practical version) is exact:
 * Δ_{m,α} = α1 + (1 − mα)Δ_m, so the plain-simplex problem is solved on
 * H'_i = (1 − mα)H_i + α Σ_k H_k and mapped back by w = α + (1 − mα)w̃. Needs mα ≤ 1.
 *
 * <p>Properties: weights on the simplex, permutation-equivariant (the curvature permuted with the
 * objectives), deterministic for given Hessians or diagonals with warm-start and EMA off. Not
 * scale-invariant: τ is absolute (as in the official code). Stateful: EMA, warm start and the
 * Hutchinson generator; {@link #reset()} restores them.
 */
public final class Camoo implements Weighting {
    private static final long serialVersionUID = -7472432080569055304L;

    public static final ParamSpec<String> SOLVER = ParamSpec.choice("solver", "pu", List.of("pu", "exact"),
            "diagonal game: PU of Cen et al. (pu) or the exact LP (exact)");
    public static final ParamSpec<Double> TAU = ParamSpec.realAbove("tau", 0.01, 0, 1e6, "PU entropy regularisation");
    public static final ParamSpec<Double> ETA = ParamSpec.real("eta", 0, 0, 1e12, "PU step; 0 = 1/(2 max|A| + tau)");
    public static final ParamSpec<Integer> ITERATIONS =
            ParamSpec.integer("iterations", 100, 1, 1_000_000, "PU iterations per call");
    public static final ParamSpec<Boolean> WARM_START =
            ParamSpec.bool("warm-start", false, "start PU from the previous call's (w, q)");
    public static final ParamSpec<Double> W_MIN =
            ParamSpec.real("w-min", 0, 0, 1, "floor on every weight (needs m * w-min <= 1)");
    public static final ParamSpec<String> HESSIAN =
            ParamSpec.choice("hessian", "auto", List.of("auto", "diagonal", "full"),
                    "full Hessians: auto/full use them, diagonal only their diagonals; Hessian-vector products:"
                    + " auto = Hutchinson, diagonal/full = exact from n products");
    public static final ParamSpec<Integer> PROBES =
            ParamSpec.integer("probes", 10, 1, 1_000_000, "Hutchinson Rademacher probes per objective");
    public static final ParamSpec<Double> EMA =
            ParamSpec.real("ema", 0, 0, 0.999999, "decay of the moving average of the diagonals; 0 = off");
    public static final ParamSpec<Boolean> CLAMP =
            ParamSpec.bool("clamp", false, "clamp negative diagonal entries to 0");
    public static final ParamSpec<Long> SEED = ParamSpec.seed(0);

    public static final MethodSpec SPEC = MethodSpec.weighting("camoo", params -> new Camoo(Options.from(params)))
            .summary("curvature-aligned weights: maximise lambda_min of the weighted Hessian (needs curvature)")
            .reference("Efroni et al., ICML 2025 (AMOO), Alg. 2; OPT 2024 workshop (AMOOO), Alg. 2 and Sec. 3.1")
            .properties(Property.SIMPLEX_WEIGHTS, Property.PERMUTATION_INVARIANT, Property.DETERMINISTIC,
                    Property.STATEFUL)
            .inputs(Input.CURVATURE)
            .state("moving average of the diagonals, PU warm start (w, q), Hutchinson generator")
            .cost("diagonals: PU, iterations x O(md), or an exact LP; full Hessians: cutting planes, each an"
                    + " eigen-decomposition of a weighted Hessian; Hessian-vector products: m x probes products"
                    + " (Hutchinson) or m x n (exact)")
            .notes("needs curvature (Hessians, Hessian diagonals or Hessian-vector products) with every input;"
                    + " deterministic for given Hessians or diagonals with warm-start=false and ema=0")
            .param(SOLVER)
            .param(TAU)
            .param(ETA)
            .param(ITERATIONS)
            .param(WARM_START)
            .param(W_MIN)
            .param(HESSIAN)
            .param(PROBES)
            .param(EMA)
            .param(CLAMP)
            .param(SEED)
            .build();

    /** Typed options, e.g. {@code Camoo.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code camoo}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<Camoo, Builder> {
        private Builder() {
            super(SPEC, Camoo.class);
        }

        /** Sets {@link #SOLVER}. */
        public Builder solver(Solver value) {
            return set(SOLVER, value.name().toLowerCase(Locale.ROOT));
        }

        /** Sets {@link #TAU}. */
        public Builder tau(double value) {
            return set(TAU, value);
        }

        /** Sets {@link #ETA}. */
        public Builder eta(double value) {
            return set(ETA, value);
        }

        /** Sets {@link #ITERATIONS}. */
        public Builder iterations(int value) {
            return set(ITERATIONS, value);
        }

        /** Sets {@link #WARM_START}. */
        public Builder warmStart(boolean value) {
            return set(WARM_START, value);
        }

        /** Sets {@link #W_MIN}. */
        public Builder wMin(double value) {
            return set(W_MIN, value);
        }

        /** Sets {@link #HESSIAN}. */
        public Builder hessian(HessianMode value) {
            return set(HESSIAN, value.name().toLowerCase(Locale.ROOT));
        }

        /** Sets {@link #PROBES}. */
        public Builder probes(int value) {
            return set(PROBES, value);
        }

        /** Sets {@link #EMA}. */
        public Builder ema(double value) {
            return set(EMA, value);
        }

        /** Sets {@link #CLAMP}. */
        public Builder clamp(boolean value) {
            return set(CLAMP, value);
        }

        /** Sets {@link #SEED}. */
        public Builder seed(long value) {
            return set(SEED, value);
        }
    }

    /** The solver of the diagonal game. */
    public enum Solver { PU, EXACT }

    /** How full Hessians and Hessian-vector products are used (see class comment). */
    public enum HessianMode { AUTO, DIAGONAL, FULL }

    /** All parameters; {@link #defaults()} are the official code's. */
    public record Options(Solver solver, double tau, double eta, int iterations, boolean warmStart, double wMin,
                          HessianMode hessian, int probes, double ema, boolean clamp, long seed)
            implements java.io.Serializable {
        public Options {
            if (!(tau > 0) || !Double.isFinite(tau)) {
                throw new IllegalArgumentException("camoo: parameter tau must be > 0, got " + tau);
            }
            if (!(eta >= 0) || !Double.isFinite(eta)) {
                throw new IllegalArgumentException("camoo: parameter eta must be >= 0 (0 = automatic), got " + eta);
            }
            if (eta * tau > 1) {
                throw new IllegalArgumentException("camoo: PU needs eta * tau <= 1, got eta = " + eta + ", tau = " + tau);
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("camoo: parameter iterations must be >= 1, got " + iterations);
            }
            if (!(wMin >= 0) || !(wMin <= 1)) {
                throw new IllegalArgumentException("camoo: parameter w-min must be in [0, 1], got " + wMin);
            }
            if (probes < 1) {
                throw new IllegalArgumentException("camoo: parameter probes must be >= 1, got " + probes);
            }
            if (!(ema >= 0) || !(ema < 1)) {
                throw new IllegalArgumentException("camoo: parameter ema must be in [0, 1), got " + ema);
            }
        }

        public static Options defaults() {
            return from(SPEC.resolve(java.util.Map.of()));
        }

        static Options from(org.multigrad.method.spec.Params params) {
            return new Options(params.get(SOLVER).equals("exact") ? Solver.EXACT : Solver.PU,
                    params.get(TAU), params.get(ETA), params.get(ITERATIONS),
                    params.get(WARM_START), params.get(W_MIN),
                    HessianMode.valueOf(params.get(HESSIAN).toUpperCase(Locale.ROOT)),
                    params.get(PROBES), params.get(EMA), params.get(CLAMP), params.get(SEED));
        }

        public Options withSolver(Solver value) {
            return new Options(value, tau, eta, iterations, warmStart, wMin, hessian, probes, ema, clamp, seed);
        }

        public Options withIterations(int value, boolean warm) {
            return new Options(solver, tau, eta, value, warm, wMin, hessian, probes, ema, clamp, seed);
        }

        public Options withFloor(double value) {
            return new Options(solver, tau, eta, iterations, warmStart, value, hessian, probes, ema, clamp, seed);
        }

        public Options withHessian(HessianMode value) {
            return new Options(solver, tau, eta, iterations, warmStart, wMin, value, probes, ema, clamp, seed);
        }

        public Options withHutchinson(int probeCount, double decay, boolean clampNegative) {
            return new Options(solver, tau, eta, iterations, warmStart, wMin, hessian, probeCount, decay, clampNegative,
                    seed);
        }
    }

    private final Options options;
    private final MatrixGame.PredictiveUpdate predictiveUpdate = new MatrixGame.PredictiveUpdate();
    private SeededRandom random;
    private double[] average;
    private double lastValue = Double.NaN;

    public Camoo() {
        this(Options.defaults());
    }

    public Camoo(Options options) {
        this.options = options;
        this.random = new SeededRandom(options.seed());
    }

    /** The parameters this instance runs with. */
    public Options parameters() {
        return options;
    }

    /**
     * The curvature of the last returned weights: λ_min(Σ w_i H_i) for full Hessians,
     * min_j (wᵀA)_j for diagonals (the smoothed, clamped ones when EMA or clamp is on); NaN before
     * the first call.
     */
    public double lastValue() {
        return lastValue;
    }

    @Override
    public double[] weights(WeightingInput input) {
        Curvature curvature = input.curvature("camoo", "it maximises the minimum eigenvalue of the weighted Hessian");
        int m = input.objectives();
        if (curvature.objectives() != m) {
            throw new IllegalArgumentException("camoo: curvature is for " + curvature.objectives()
                    + " objectives, expected m = " + m);
        }
        double alpha = options.wMin();
        if (alpha * m > 1 + 1e-12) {
            throw new IllegalArgumentException("camoo: w-min = " + alpha + " needs m * w-min <= 1, but m = " + m);
        }
        int n = curvature.dimension();
        boolean full = switch (curvature.kind()) {
            case HESSIANS -> options.hessian() != HessianMode.DIAGONAL;
            case DIAGONALS -> {
                if (options.hessian() == HessianMode.FULL) {
                    throw new IllegalArgumentException("camoo: hessian=full needs full Hessians or Hessian-vector"
                            + " products, but only diagonals were given");
                }
                yield false;
            }
            case HESSIAN_VECTOR_PRODUCTS -> options.hessian() == HessianMode.FULL;
        };
        if (full) {
            double[][] hessians = curvature.kind() == Curvature.Kind.HESSIANS ? curvature.hessianData()
                    : hessiansFromProducts(curvature, m, n);
            return fullHessianWeights(hessians, m, n, alpha);
        }
        double[] diagonals = switch (curvature.kind()) {
            case HESSIANS, DIAGONALS -> curvature.diagonalData();
            case HESSIAN_VECTOR_PRODUCTS -> options.hessian() == HessianMode.DIAGONAL
                    ? diagonalsFromProducts(curvature, m, n) : hutchinson(curvature, m, n);
        };
        diagonals = smooth(diagonals);
        return diagonalWeights(diagonals, m, n, alpha);
    }

    private double[] fullHessianWeights(double[][] hessians, int m, int n, double alpha) {
        double[][] floored = hessians;
        if (alpha > 0) {
            floored = new double[m][n * n];
            double[] sum = new double[n * n];
            for (double[] h : hessians) {
                for (int k = 0; k < n * n; k++) {
                    sum[k] += h[k];
                }
            }
            for (int i = 0; i < m; i++) {
                for (int k = 0; k < n * n; k++) {
                    floored[i][k] = (1 - m * alpha) * hessians[i][k] + alpha * sum[k];
                }
            }
        }
        MaxMinEigenvalue.Solution solution = MaxMinEigenvalue.solve(floored, n, 1e-10, 200 + 50 * m);
        double[] weights = unfloor(solution.weights(), alpha);
        lastValue = MaxMinEigenvalue.minEigenvalue(hessians, n, weights);
        return weights;
    }

    private double[] diagonalWeights(double[] diagonals, int m, int d, double alpha) {
        double[] payoff = diagonals;
        if (alpha > 0) {
            // A' = (1 − mα)A + 1·(α colsum(A))ᵀ: the game over Δ_{m,α} as a game over Δ_m
            payoff = new double[m * d];
            for (int j = 0; j < d; j++) {
                double column = 0;
                for (int i = 0; i < m; i++) {
                    column += diagonals[i * d + j];
                }
                for (int i = 0; i < m; i++) {
                    payoff[i * d + j] = (1 - m * alpha) * diagonals[i * d + j] + alpha * column;
                }
            }
        }
        MatrixGame.Solution solution;
        if (options.solver() == Solver.EXACT) {
            solution = MatrixGame.solveExact(payoff, m, d);
        } else {
            if (!options.warmStart()) {
                predictiveUpdate.reset();
            }
            double eta = options.eta() > 0 ? options.eta()
                    : MatrixGame.PredictiveUpdate.defaultStep(payoff, options.tau());
            solution = predictiveUpdate.solve(payoff, m, d, options.tau(), eta, options.iterations());
        }
        double[] weights = unfloor(solution.weights(), alpha);
        lastValue = MatrixGame.value(diagonals, m, d, weights);
        return weights;
    }

    private static double[] unfloor(double[] plain, double alpha) {
        int m = plain.length;
        double[] weights = new double[m];
        double sum = 0;
        for (int i = 0; i < m; i++) {
            weights[i] = alpha + (1 - m * alpha) * plain[i];
            sum += weights[i];
        }
        for (int i = 0; i < m; i++) {
            weights[i] /= sum;
        }
        return weights;
    }

    private double[] smooth(double[] diagonals) {
        if (options.clamp()) {
            for (int k = 0; k < diagonals.length; k++) {
                diagonals[k] = Math.max(0, diagonals[k]);
            }
        }
        if (options.ema() > 0) {
            if (average == null || average.length != diagonals.length) {
                average = diagonals.clone();
            } else {
                double beta = options.ema();
                for (int k = 0; k < diagonals.length; k++) {
                    average[k] = beta * average[k] + (1 - beta) * diagonals[k];
                }
            }
            return average.clone();
        }
        return diagonals;
    }

    /** Hutchinson: diag(H) ≈ (1/N) Σ_k z_k ⊙ (H z_k), z_k Rademacher, one product per probe and objective. */
    private double[] hutchinson(Curvature curvature, int m, int n) {
        double[] diagonals = new double[m * n];
        double[] probe = new double[n];
        double[] product = new double[n];
        int probes = options.probes();
        for (int k = 0; k < probes; k++) {
            for (int j = 0; j < n; j++) {
                probe[j] = random.nextBoolean() ? 1 : -1;
            }
            // the same probe for every objective, as one double-backward per probe gives all m products
            for (int i = 0; i < m; i++) {
                curvature.product(i, probe, product);
                for (int j = 0; j < n; j++) {
                    diagonals[i * n + j] += probe[j] * product[j];
                }
            }
        }
        for (int k = 0; k < diagonals.length; k++) {
            diagonals[k] /= probes;
        }
        return diagonals;
    }

    private static double[] diagonalsFromProducts(Curvature curvature, int m, int n) {
        double[] diagonals = new double[m * n];
        double[] basis = new double[n];
        double[] product = new double[n];
        for (int j = 0; j < n; j++) {
            basis[j] = 1;
            for (int i = 0; i < m; i++) {
                curvature.product(i, basis, product);
                diagonals[i * n + j] = product[j];
            }
            basis[j] = 0;
        }
        return diagonals;
    }

    private static double[][] hessiansFromProducts(Curvature curvature, int m, int n) {
        double[][] hessians = new double[m][n * n];
        double[] basis = new double[n];
        double[] product = new double[n];
        for (int c = 0; c < n; c++) {
            basis[c] = 1;
            for (int i = 0; i < m; i++) {
                curvature.product(i, basis, product);
                for (int r = 0; r < n; r++) {
                    hessians[i][r * n + c] = product[r];
                }
            }
            basis[c] = 0;
        }
        for (double[] h : hessians) {
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < r; c++) {
                    double mean = 0.5 * (h[r * n + c] + h[c * n + r]);
                    h[r * n + c] = mean;
                    h[c * n + r] = mean;
                }
            }
        }
        return hessians;
    }

    @Override
    public void reset() {
        predictiveUpdate.reset();
        random = new SeededRandom(options.seed());
        average = null;
        lastValue = Double.NaN;
    }

    @Override
    public String toString() {
        return "camoo(" + options + ")";
    }
}
