package org.multigrad.method;

/** Checks on the losses that loss-based weightings share; messages name the method, the loss and the rule. */
final class LossChecks {
    private LossChecks() {
    }

    /** Every loss > 0; {@code why} says which operation needs it (a log, a ratio). */
    static void requirePositive(String method, double[] losses, String why) {
        for (int i = 0; i < losses.length; i++) {
            if (!(losses[i] > 0)) {
                throw new IllegalArgumentException(method + ": loss " + i + " is " + losses[i] + ", but losses must be > 0 ("
                        + why + ")");
            }
        }
    }

    /** Every loss ≥ 0; {@code why} says why negative losses are meaningless for the method. */
    static void requireNonNegative(String method, double[] losses, String why) {
        for (int i = 0; i < losses.length; i++) {
            if (!(losses[i] >= 0)) {
                throw new IllegalArgumentException(method + ": loss " + i + " is " + losses[i] + ", but losses must be >= 0 ("
                        + why + ")");
            }
        }
    }

    /** The losses handed to an after-step hook: present, one per objective, finite. */
    static double[] requireNewLosses(String method, double[] newLosses, int objectives) {
        if (newLosses == null) {
            throw new IllegalArgumentException(method + ": afterStep needs the losses after the step (newLosses), got null");
        }
        if (newLosses.length != objectives) {
            throw new IllegalArgumentException(method + ": afterStep got " + newLosses.length
                    + " new losses, expected one per objective (m = " + objectives + ")");
        }
        for (int i = 0; i < newLosses.length; i++) {
            if (!Double.isFinite(newLosses[i])) {
                throw new IllegalArgumentException(method + ": new loss " + i + " is " + newLosses[i] + "; losses must be finite");
            }
        }
        return newLosses.clone();
    }
}
