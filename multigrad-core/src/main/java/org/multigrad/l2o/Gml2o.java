package org.multigrad.l2o;

import org.multigrad.api.Aggregator;
import org.multigrad.api.Jacobian;

/**
 * GML2O, the guarded learned optimizer (seed 004, section 4, eq. (29), Algorithms 2 and 3). At z_k,
 * with the step α_k and the (averaged) gradients Y_k, two candidates are formed,
 * <pre>
 *   u = z_k − α_k g_k   (the proposal, ML2O by default),
 *   x = z_k − α_k d_k   (the fallback: DSSMG's direction (11)–(13) for Algorithm 2, MGDA's (3)–(4) for Algorithm 3),
 * </pre>
 * and z_{k+1} = u when max_i (f^i(u) − f^i(z_k)) &lt; max_i (f^i(x) − f^i(z_k)), else z_{k+1} = x: ties
 * (and a non-finite proposal) go to the fallback, as in Algorithm 2. Algorithm 3 as printed sets
 * z_{k+1} = u in both branches; the intended reading, consistent with (29), takes the fallback in the
 * first (spec [FIX]). The guard makes every step at least as good, in the worst objective, as the
 * fallback's, which is what Theorems 4.1–4.3 need.
 *
 * <p>The paper does not say what happens to the LSTM state after a rejected proposal: it is kept by
 * default ({@link AfterRejection#KEEP}, the proposal has already advanced its state with Y_k) or reset.
 * The number of accepted proposals is counted for the acceptance rate.
 */
public final class Gml2o {
    /** What the proposal's state does after its candidate is rejected. */
    public enum AfterRejection {
        KEEP("keep"), RESET("reset");

        private final String label;

        AfterRejection(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static AfterRejection parse(String label) {
            for (AfterRejection value : values()) {
                if (value.label.equals(label)) {
                    return value;
                }
            }
            throw new IllegalArgumentException("unknown state rule after a rejection '" + label + "'; known: keep, reset");
        }
    }

    /** One guarded step: the new point, whether the proposal was taken, and both worst changes. */
    public record Step(double[] z, boolean accepted, double proposalChange, double fallbackChange) {
    }

    private final Proposal proposal;
    private final Aggregator fallback;
    private final AfterRejection afterRejection;
    private long steps;
    private long accepted;

    public Gml2o(Proposal proposal, Aggregator fallback, AfterRejection afterRejection) {
        if (proposal == null || fallback == null || afterRejection == null) {
            throw new IllegalArgumentException("gml2o needs a proposal, a fallback method and a state rule");
        }
        this.proposal = proposal;
        this.fallback = fallback;
        this.afterRejection = afterRejection;
    }

    /**
     * One step of Algorithm 2/3 from z (not modified) with step α, the gradients Y at z and the
     * objective values {@code objectives} (f(z) is taken from {@code valuesAtZ}).
     */
    public Step step(double[] z, double alpha, Jacobian gradients, double[] valuesAtZ, Objectives objectives) {
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("gml2o: the step size must be finite and > 0, got " + alpha);
        }
        if (gradients.parameters() != z.length) {
            throw new IllegalArgumentException("gml2o: the gradients have " + gradients.parameters()
                    + " coordinates, the point has " + z.length);
        }
        double[] g = proposal.propose(gradients);
        double[] d = fallback.aggregate(gradients, valuesAtZ).direction();
        double[] u = new double[z.length];
        double[] x = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            u[j] = z[j] - alpha * g[j];
            x[j] = z[j] - alpha * d[j];
        }
        double fallbackChange = worstChange(objectives.values(x), valuesAtZ);
        double proposalChange = worstChange(objectives.values(u), valuesAtZ);
        steps++;
        // strict: ties go to the fallback; a NaN change compares false and goes there too
        if (proposalChange < fallbackChange) {
            accepted++;
            return new Step(u, true, proposalChange, fallbackChange);
        }
        if (afterRejection == AfterRejection.RESET) {
            proposal.reset();
        }
        return new Step(x, false, proposalChange, fallbackChange);
    }

    /** max_i (f^i(candidate) − f^i(z)). */
    static double worstChange(double[] candidate, double[] atZ) {
        double worst = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < atZ.length; i++) {
            double change = candidate[i] - atZ[i];
            if (Double.isNaN(change)) {
                return Double.NaN;
            }
            worst = Math.max(worst, change);
        }
        return worst;
    }

    /** Guarded steps so far. */
    public long steps() {
        return steps;
    }

    /** Accepted proposals so far. */
    public long accepted() {
        return accepted;
    }

    /** accepted / steps (0 before the first step). */
    public double acceptanceRate() {
        return steps == 0 ? 0 : (double) accepted / steps;
    }

    /** Continues the counts of a checkpointed run: {@code steps} guarded steps, {@code accepted} of them accepted. */
    public void restoreCounts(long steps, long accepted) {
        if (steps < 0 || accepted < 0 || accepted > steps) {
            throw new IllegalArgumentException("gml2o: invalid counts " + accepted + " accepted of " + steps + " steps");
        }
        this.steps = steps;
        this.accepted = accepted;
    }

    /** Resets the proposal's state, the fallback's and the counts. */
    public void reset() {
        proposal.reset();
        fallback.reset();
        steps = 0;
        accepted = 0;
    }
}
