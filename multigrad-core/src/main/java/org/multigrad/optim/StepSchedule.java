package org.multigrad.optim;

import java.util.Locale;

/** Step sizes η_k for k = 1, 2, ...: constant η_0, η_0/√k or η_0/k. */
public enum StepSchedule {
    CONSTANT, INV_SQRT, INV;

    /** η_k for step k ≥ 1. */
    public double rate(double eta0, long step) {
        switch (this) {
            case INV_SQRT:
                return eta0 / Math.sqrt(step);
            case INV:
                return eta0 / step;
            default:
                return eta0;
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses constant, inv-sqrt (also sqrt) or inv. */
    public static StepSchedule parse(String text) {
        String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "constant":
                return CONSTANT;
            case "inv-sqrt":
            case "sqrt":
                return INV_SQRT;
            case "inv":
                return INV;
            default:
                throw new IllegalArgumentException("unknown step-size schedule '" + text
                        + "'; use constant, inv-sqrt (eta0/sqrt(k)) or inv (eta0/k)");
        }
    }
}
