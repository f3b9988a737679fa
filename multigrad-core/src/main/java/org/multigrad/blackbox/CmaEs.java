package org.multigrad.blackbox;

import java.util.Arrays;
import java.util.List;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.hipparchus.random.MersenneTwister;
import org.multigrad.problem.MultiObjectiveProblem;

/**
 * CMA-ES (Hansen and Ostermeier 2001; thesis ref. [46]) on the equal-weight sum f(x) = Σ_i F_i(x),
 * the thesis's CMA-ES baseline (Sec. 4.6.1). This is Hipparchus' {@link CMAESOptimizer}, not our
 * code: full covariance (active CMA), initial step σ₀ = sqrt(initial variance) (Σ₀ = I ⇒ σ₀ = 1),
 * population size λ = N, the Hipparchus default stopping rules (function-value and step-size
 * tolerances, condition number 1e14) plus the evaluation budget ({@link MaxEval}); a run that stops
 * early keeps its last mean.
 *
 * <p>The reported current solution is the distribution mean after each generation (Hipparchus'
 * statistics history); iteration k has used 1 + kλ evaluations (the start point, then λ per
 * generation). Because Hipparchus runs to completion in one call, the listener is called after
 * the run and its return value is ignored.
 */
public final class CmaEs implements BlackBoxOptimizer {
    /**
     * d x d matrices of doubles that Hipparchus holds at once: the covariance, its eigenvectors, their
     * product and the update's temporaries; it allocates them also for the diagonal (sep-CMA) variant.
     * Measured: a 200 MB heap holds d = 1500 but not d = 2000.
     */
    private static final int SQUARE_MATRICES = 8;
    private final int populationSize;
    private final boolean diagonalOnly;
    private final long seed;

    /**
     * @param populationSize λ ≥ 2 (the thesis's N)
     * @param diagonalOnly   keep the covariance diagonal (sep-CMA, O(d) per sample) instead of full
     */
    public CmaEs(int populationSize, boolean diagonalOnly, long seed) {
        if (populationSize < 2) {
            throw new IllegalArgumentException("cma-es: population size N must be >= 2, got " + populationSize);
        }
        this.populationSize = populationSize;
        this.diagonalOnly = diagonalOnly;
        this.seed = seed;
    }

    /** Heap bytes a run at dimension d needs, dominated by Hipparchus' d x d matrices. */
    public static double bytesNeeded(int dimension) {
        return SQUARE_MATRICES * 8.0 * dimension * dimension;
    }

    @Override
    public String name() {
        return "cma-es";
    }

    @Override
    public double[] minimize(Evaluator evaluator, double[] start, double initialVariance, IterationListener listener) {
        MultiObjectiveProblem problem = evaluator.problem();
        int d = problem.dimension();
        int m = problem.objectives();
        if (start.length != d) {
            throw new IllegalArgumentException("cma-es: start point has " + start.length + " coordinates, problem "
                    + problem.name() + " has d = " + d);
        }
        if (!(initialVariance > 0) || !Double.isFinite(initialVariance)) {
            throw new IllegalArgumentException("cma-es: initial variance must be finite and > 0, got "
                    + initialVariance);
        }
        long budget = evaluator.remaining();
        if (budget < 1 + populationSize) {
            return start.clone();
        }
        double[] values = new double[m];
        ObjectiveFunction sum = new ObjectiveFunction(x -> {
            evaluator.evaluate(x, 1, values);
            double total = 0;
            for (double value : values) {
                total += value;
            }
            return total;
        });
        CMAESOptimizer optimizer = new CMAESOptimizer(Integer.MAX_VALUE, 0, true, diagonalOnly ? 1 : 0,
                0, new MersenneTwister(seed), true, null);
        double[] sigma = new double[d];
        Arrays.fill(sigma, Math.sqrt(initialVariance));
        long before = evaluator.evaluations();
        optimizer.optimize(new MaxEval((int) Math.min(Integer.MAX_VALUE, budget)), sum, GoalType.MINIMIZE,
                new InitialGuess(start.clone()), SimpleBounds.unbounded(d),
                new CMAESOptimizer.Sigma(sigma), new CMAESOptimizer.PopulationSize(populationSize));
        List<RealMatrix> means = optimizer.getStatisticsMeanHistory();
        double[] current = start.clone();
        for (int k = 0; k < means.size(); k++) {
            current = means.get(k).getRow(0);
            if (listener != null) {
                listener.onIteration(k + 1, before + 1 + (long) (k + 1) * populationSize, current);
            }
        }
        return current.clone();
    }
}
