package org.multigrad.api;


/**
 * Brings a fresh method to the state it would have after training steps with known past losses,
 * for callers that see a single step without its training loop ({@code multigrad aggregate}).
 * Row t of the history (oldest first) is replayed as one step of the {@link TrainingHooks}
 * contract, on the current Jacobian since past Jacobians are not known:
 *
 * <pre>  aggregate(J, L⁽ᵗ⁾);  afterStep(L⁽ᵗ⁺¹⁾);  endEpoch()</pre>
 *
 * where L⁽ᵗ⁺¹⁾ is the next row, or the current losses after the last row. So each row counts as
 * one step and as one epoch: DWA (epoch mode) reads the rows as epoch mean losses, GradNorm takes
 * L(0) from the first row, FAMO's logits learn from the decrease between consecutive rows, UW's
 * and IMTL's scales take one optimizer step per row, DB-MTL averages J/L⁽ᵗ⁾ over the rows.
 * Methods without hooks only see the extra {@code aggregate} calls.
 */
public final class LossHistory {
    private LossHistory() {
    }

    /** Replays {@code history} (rows of m losses, oldest first) into {@code aggregator}; {@code current} follows it. */
    public static void replay(Aggregator aggregator, Jacobian jacobian, double[][] history, double[] current) {
        int m = jacobian.objectives();
        for (int t = 0; t < history.length; t++) {
            if (history[t].length != m) {
                throw new IllegalArgumentException("loss_history row " + t + " has " + history[t].length
                        + " entries, expected one loss per objective (m = " + m + ")");
            }
        }
        TrainingHooks hooks = WeightedAggregator.hooks(aggregator);
        for (int t = 0; t < history.length; t++) {
            aggregator.aggregate(jacobian, history[t]);
            if (hooks != null) {
                hooks.afterStep(t + 1 < history.length ? history[t + 1] : current);
                hooks.endEpoch();
            }
        }
    }
}
