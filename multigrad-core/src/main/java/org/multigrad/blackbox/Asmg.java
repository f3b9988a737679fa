package org.multigrad.blackbox;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.multigrad.problem.MultiObjectiveProblem;
import org.multigrad.solve.ActiveSetQp;
import org.multigrad.solve.MinNormPoint;

/**
 * ASMG: Adaptive Stochastic Multi-objective Gradient (Ye 2024, thesis ch. 4, Algorithm 3).
 * A diagonal Gaussian search distribution N(μ, diag(σ)) is moved along a min-norm combination of
 * Monte-Carlo gradients of the Gaussian-smoothed objectives J_i(θ) = E_{N(μ,Σ)}[F_i(x)].
 *
 * <p>Per iteration t, with z_j ~ N(0, I), x_j = μ + σ^{1/2} ⊙ z_j (j = 1..N) and
 * δ_ij = F_i(x_j) − F_i(μ) (N + 1 evaluations):
 * <ul>
 *   <li>(4.12) p̂_i = (1/N) Σ_j z_j δ_ij = Σ^{−1/2}-scaled ∇_μ estimate; (4.15) ĝ_i = σ^{−1/2} ⊙ p̂_i;</li>
 *   <li>(4.13) ĥ_i = (1/(2N)) Σ_j (z_j ⊙ z_j − 1) δ_ij; (4.16) Ĝ_i = σ^{−1} ⊙ ĥ_i;</li>
 *   <li>(4.10)-(4.11) λ̃ = argmin_{λ ∈ Δ_m} ||Σ_i λ_i p̂_i||² + 2||Σ_i λ_i ĥ_i||², i.e. the min-norm QP on
 *       the m x m Gram matrix G_ik = ⟨p̂_i, p̂_k⟩ + 2⟨ĥ_i, ĥ_k⟩ ({@link MinNormPoint} closed form for
 *       m = 2, {@link ActiveSetQp} otherwise);</li>
 *   <li>(4.17) weight momentum λ^t = (1 − γ_t) λ^{t−1} + γ_t λ̃^t with γ_t = 1/(t+1) (t = 0, 1, ...),
 *       so λ^t is the running mean of λ̃^0..λ̃^t;</li>
 *   <li>the update of (μ, σ^{−1}), in one of two forms:
 *     <ul>
 *       <li>{@link Update#STANDARDIZED} (default; Appendix A.2.5, eqs. A.152-A.153): with
 *           a_j = Σ_i λ_i F_i(x_j) and u_j = (a_j − mean(a)) / std(a) (population std),
 *           μ ← μ − (β/N) Σ_j σ^{1/2} ⊙ z_j u_j and σ^{−1} ← σ^{−1} ⊙ (1 + (β/N) Σ_j z_j ⊙ z_j u_j).
 *           If all a_j are equal (std = 0) the distribution is left unchanged.</li>
 *       <li>{@link Update#PRINTED} (eq. 4.14): μ ← μ − β Σ_i λ_i Σ ĝ_i = μ − β σ^{1/2} ⊙ Σ_i λ_i p̂_i and
 *           σ^{−1} ← σ^{−1} + 2β Σ_i λ_i Ĝ_i = σ^{−1} ⊙ (1 + 2β Σ_i λ_i ĥ_i).</li>
 *     </ul></li>
 * </ul>
 * The λ-QP always uses the raw estimators p̂, ĥ with the F(μ) baseline (the thesis does not say
 * whether the standardized form changes it).
 *
 * <p><b>Precision guard (not in the thesis).</b> Nothing in the thesis keeps σ^{−1} positive: the
 * theory assumes Ĝ_i ⪰ ξI ⪰ 0, but the estimate can be very negative, and with the printed update
 * at β = 0.1 the objective differences of the synthetic problems (10²-10³) make σ^{−1} negative in
 * the first iterations. Each coordinate's multiplicative precision factor (the bracket above) is
 * therefore clamped from below at {@code precisionFloor} ∈ (0, 1] (default 0.5): the variance can at
 * most grow by 1/precisionFloor per iteration, and σ^{−1} stays positive. The number of clamped
 * coordinates is reported by {@link Run#guardActivations()}.
 *
 * <p>{@link Weights#EQUAL} gives ASMG-EW: λ ≡ 1/m, no QP (thesis Sec. 4.6.2).
 *
 * <p>Cost per iteration: N + 1 evaluations, O(mNd) for the estimators (skipped by ASMG-EW),
 * O(m²d) for the Gram matrix, O(Nd) for sampling and the update. A {@link Run}'s step allocates
 * nothing for m = 2 (the thesis's problems) with sequential evaluation; for m > 2 the active-set QP
 * allocates O(m²) scratch per iteration.
 */
public final class Asmg implements BlackBoxOptimizer {
    /** Which update of (μ, σ) to apply, see the class comment. */
    public enum Update { STANDARDIZED, PRINTED }

    /** Adaptive min-norm weights (ASMG) or fixed equal weights (ASMG-EW). */
    public enum Weights { ADAPTIVE, EQUAL }

    private final int samples;
    private final double beta;
    private final Update update;
    private final Weights weights;
    private final double precisionFloor;
    private final long seed;

    /**
     * @param samples        N ≥ 2, samples per iteration
     * @param beta           step size β > 0 (thesis: 0.1 on the synthetic problems)
     * @param precisionFloor lower clamp of the per-coordinate precision factor, in (0, 1]
     */
    public Asmg(int samples, double beta, Update update, Weights weights, double precisionFloor, long seed) {
        String method = weights == Weights.EQUAL ? "asmg-ew" : "asmg";
        if (samples < 2) {
            throw new IllegalArgumentException(method + ": samples N must be >= 2, got " + samples);
        }
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException(method + ": step size beta must be finite and > 0, got " + beta);
        }
        if (!(precisionFloor > 0 && precisionFloor <= 1)) {
            throw new IllegalArgumentException(method + ": precision floor must be in (0, 1], got " + precisionFloor);
        }
        if (update == null || weights == null) {
            throw new IllegalArgumentException(method + ": update and weights must not be null");
        }
        this.samples = samples;
        this.beta = beta;
        this.update = update;
        this.weights = weights;
        this.precisionFloor = precisionFloor;
        this.seed = seed;
    }

    @Override
    public String name() {
        return weights == Weights.EQUAL ? "asmg-ew" : "asmg";
    }

    @Override
    public double[] minimize(Evaluator evaluator, double[] start, double initialVariance, IterationListener listener) {
        Run run = start(evaluator, start, initialVariance);
        while (evaluator.canEvaluate(samples + 1)) {
            run.step();
            if (listener != null && !listener.onIteration(run.iteration(), evaluator.evaluations(), run.mean())) {
                break;
            }
        }
        return run.mean().clone();
    }

    /** Starts a run at μ₀ = start, Σ₀ = initialVariance·I; call {@link Run#step()} to iterate. */
    public Run start(Evaluator evaluator, double[] start, double initialVariance) {
        return new Run(evaluator, start, initialVariance);
    }

    /** One ASMG run: the search distribution, the weights and preallocated scratch. */
    public final class Run {
        private final Evaluator evaluator;
        private final int dimension;
        private final int objectives;
        private final SplittableRandom random;
        private final double[] mean;
        private final double[] variance;
        private final double[] deviation;
        private final double[] sampledVariance;
        private final double[] lambda;
        private final double[] lambdaTilde;
        private final double[] noise;
        private final double[] points;
        private final double[] values;
        private final double[] pHat;
        private final double[] hHat;
        private final double[] gram;
        private final double[] scores;
        private final double[] meanStep;
        private final double[] precisionStep;
        private long iteration;
        private long guardActivations;

        private Run(Evaluator evaluator, double[] start, double initialVariance) {
            MultiObjectiveProblem problem = evaluator.problem();
            this.evaluator = evaluator;
            this.dimension = problem.dimension();
            this.objectives = problem.objectives();
            if (start.length != dimension) {
                throw new IllegalArgumentException(name() + ": start point has " + start.length
                        + " coordinates, problem " + problem.name() + " has d = " + dimension);
            }
            if (!(initialVariance > 0) || !Double.isFinite(initialVariance)) {
                throw new IllegalArgumentException(name() + ": initial variance must be finite and > 0, got "
                        + initialVariance);
            }
            for (int k = 0; k < dimension; k++) {
                if (!Double.isFinite(start[k])) {
                    throw new IllegalArgumentException(name() + ": start point coordinate " + k + " is " + start[k]);
                }
            }
            this.random = new SplittableRandom(seed);
            this.mean = start.clone();
            this.variance = new double[dimension];
            this.deviation = new double[dimension];
            Arrays.fill(variance, initialVariance);
            Arrays.fill(deviation, Math.sqrt(initialVariance));
            this.sampledVariance = new double[dimension];
            this.lambda = new double[objectives];
            this.lambdaTilde = new double[objectives];
            Arrays.fill(lambda, 1.0 / objectives);
            this.noise = new double[samples * dimension];
            this.points = new double[(samples + 1) * dimension];
            this.values = new double[(samples + 1) * objectives];
            this.pHat = new double[objectives * dimension];
            this.hHat = new double[objectives * dimension];
            this.gram = new double[objectives * objectives];
            this.scores = new double[samples];
            this.meanStep = new double[dimension];
            this.precisionStep = new double[dimension];
        }

        /** One iteration of Algorithm 3: N + 1 evaluations, estimators, weights, update. */
        public void step() {
            int n = samples;
            int d = dimension;
            int m = objectives;
            for (int j = 0; j < n; j++) {
                int row = j * d;
                for (int k = 0; k < d; k++) {
                    double z = random.nextGaussian();
                    noise[row + k] = z;
                    points[row + k] = mean[k] + deviation[k] * z;
                }
            }
            System.arraycopy(mean, 0, points, n * d, d);
            System.arraycopy(variance, 0, sampledVariance, 0, d);
            evaluator.evaluate(points, n + 1, values);

            if (weights == Weights.ADAPTIVE) {
                estimate();
                solveWeights();
                double gamma = 1.0 / (iteration + 1);
                for (int i = 0; i < m; i++) {
                    lambda[i] = (1 - gamma) * lambda[i] + gamma * lambdaTilde[i];
                }
            }

            if (update == Update.STANDARDIZED) {
                standardizedScores();
            } else {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int i = 0; i < m; i++) {
                        s += lambda[i] * (values[j * m + i] - values[n * m + i]);
                    }
                    scores[j] = s;
                }
            }
            Arrays.fill(meanStep, 0);
            Arrays.fill(precisionStep, 0);
            // STANDARDIZED weights z_j² by u_j (A.153); PRINTED weights (z_j² − 1) by s_j (4.13/4.14):
            // shift = 1 subtracts Σ_j s_j afterwards instead of touching every product.
            double scoreSum = 0;
            for (int j = 0; j < n; j++) {
                double s = scores[j];
                if (s == 0) {
                    continue;
                }
                scoreSum += s;
                int row = j * d;
                for (int k = 0; k < d; k++) {
                    double z = noise[row + k];
                    meanStep[k] += z * s;
                    precisionStep[k] += z * z * s;
                }
            }
            double shift = update == Update.PRINTED ? scoreSum : 0;
            double rate = beta / n;
            for (int k = 0; k < d; k++) {
                mean[k] -= rate * deviation[k] * meanStep[k];
                double factor = 1 + rate * (precisionStep[k] - shift);
                if (factor < precisionFloor) {
                    factor = precisionFloor;
                    guardActivations++;
                }
                variance[k] /= factor;
                deviation[k] = Math.sqrt(variance[k]);
            }
            iteration++;
        }

        /** (4.12)-(4.13): p̂_i and ĥ_i for every objective, O(mNd). */
        private void estimate() {
            int n = samples;
            int d = dimension;
            int m = objectives;
            Arrays.fill(pHat, 0);
            Arrays.fill(hHat, 0);
            for (int j = 0; j < n; j++) {
                int row = j * d;
                for (int i = 0; i < m; i++) {
                    double delta = values[j * m + i] - values[n * m + i];
                    if (delta == 0) {
                        continue;
                    }
                    int target = i * d;
                    for (int k = 0; k < d; k++) {
                        double z = noise[row + k];
                        pHat[target + k] += z * delta;
                        hHat[target + k] += (z * z - 1) * delta;
                    }
                }
            }
            double pScale = 1.0 / n;
            double hScale = 1.0 / (2.0 * n);
            for (int index = 0; index < m * d; index++) {
                pHat[index] *= pScale;
                hHat[index] *= hScale;
            }
        }

        /** (4.10)-(4.11): λ̃ = min-norm point on G_ik = ⟨p̂_i, p̂_k⟩ + 2⟨ĥ_i, ĥ_k⟩. */
        private void solveWeights() {
            int d = dimension;
            int m = objectives;
            for (int i = 0; i < m; i++) {
                for (int l = i; l < m; l++) {
                    double pp = 0;
                    double hh = 0;
                    for (int k = 0; k < d; k++) {
                        pp += pHat[i * d + k] * pHat[l * d + k];
                        hh += hHat[i * d + k] * hHat[l * d + k];
                    }
                    gram[i * m + l] = pp + 2 * hh;
                    gram[l * m + i] = pp + 2 * hh;
                }
            }
            if (m == 1) {
                lambdaTilde[0] = 1;
            } else if (m == 2) {
                double first = MinNormPoint.closedFormPairFirst(gram[0], gram[3], gram[1]);
                lambdaTilde[0] = first;
                lambdaTilde[1] = 1 - first;
            } else {
                System.arraycopy(ActiveSetQp.onSimplex(gram, m, null), 0, lambdaTilde, 0, m);
            }
        }

        /** u_j = (a_j − mean(a)) / std(a), a_j = Σ_i λ_i F_i(x_j) (A.152-A.153); zeros if std = 0. */
        private void standardizedScores() {
            int n = samples;
            int m = objectives;
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double a = 0;
                for (int i = 0; i < m; i++) {
                    a += lambda[i] * values[j * m + i];
                }
                scores[j] = a;
                sum += a;
            }
            double average = sum / n;
            double squares = 0;
            for (int j = 0; j < n; j++) {
                double centred = scores[j] - average;
                scores[j] = centred;
                squares += centred * centred;
            }
            double std = Math.sqrt(squares / n);
            if (!(std > 0)) {
                Arrays.fill(scores, 0);
                return;
            }
            for (int j = 0; j < n; j++) {
                scores[j] /= std;
            }
        }

        public long iteration() {
            return iteration;
        }

        /** The current mean μ_t (live view: read, do not modify). */
        public double[] mean() {
            return mean;
        }

        /** The current variances diag(Σ_t) (live view). */
        public double[] variance() {
            return variance;
        }

        /** The momentum weights λ^t used by the last step (live view). */
        public double[] weights() {
            return lambda;
        }

        /** The last QP solution λ̃^t (live view; unused by ASMG-EW). */
        public double[] qpWeights() {
            return lambdaTilde;
        }

        /** p̂_i of the last step, row-major m x d (live view; ASMG only). */
        public double[] pHat() {
            return pHat;
        }

        /** ĥ_i of the last step, row-major m x d (live view; ASMG only). */
        public double[] hHat() {
            return hHat;
        }

        /**
         * (4.15) ĝ_i = Σ_t^{−1/2} p̂_i of the last step (row-major m x d, a new array), with Σ_t the
         * covariance the samples were drawn from: the unbiased estimate of ∇_μ J_i(θ_t) (Lemma A.6).
         */
        public double[] gHat() {
            double[] result = new double[objectives * dimension];
            for (int i = 0; i < objectives; i++) {
                for (int k = 0; k < dimension; k++) {
                    result[i * dimension + k] = pHat[i * dimension + k] / Math.sqrt(sampledVariance[k]);
                }
            }
            return result;
        }

        /**
         * (4.16) Ĝ_i = Σ_t^{−1} ĥ_i of the last step (diagonals, row-major m x d, a new array): the
         * estimate of ∇_Σ J_i(θ_t) used by the printed precision update.
         */
        public double[] bigGHat() {
            double[] result = new double[objectives * dimension];
            for (int i = 0; i < objectives; i++) {
                for (int k = 0; k < dimension; k++) {
                    result[i * dimension + k] = hHat[i * dimension + k] / sampledVariance[k];
                }
            }
            return result;
        }

        /** How many times a coordinate's precision factor was clamped by the guard. */
        public long guardActivations() {
            return guardActivations;
        }
    }
}
