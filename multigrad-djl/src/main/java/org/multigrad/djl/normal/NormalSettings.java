package org.multigrad.djl.normal;

import java.util.List;
import java.util.Map;

/**
 * The options of a NORMAL model ({@code -p key=value} of {@code train --model normal-lenet}):
 * {@code ode} heavy-ball (thesis (5.5)) or first-order (Table 5.4's ablation), {@code ode-step} the
 * Euler step h (default 0.1), {@code ode-xi} ξ (default 0, HBNODE's), {@code positions}
 * ({@link Positions#USAGE}, default learned from 1) and {@code position-lr} η of p_i ← p_i − η d_{p_i}
 * (Alg. 4; the thesis gives no value: default 0.01, ours).
 */
public record NormalSettings(String ode, double step, double xi, String positions, double positionLr) {
    public static final List<String> KEYS = List.of("ode", "ode-step", "ode-xi", "positions", "position-lr");
    public static final double DEFAULT_POSITION_LR = 0.01;

    public NormalSettings {
        if (!ode.equals("heavy-ball") && !ode.equals("first-order")) {
            throw new IllegalArgumentException("-p ode must be heavy-ball or first-order, got '" + ode + "'");
        }
        EulerGrid.requireStep(step);
        if (!Double.isFinite(xi)) {
            throw new IllegalArgumentException("-p ode-xi must be finite, got " + xi);
        }
        if (!(positionLr >= 0) || !Double.isFinite(positionLr)) {
            throw new IllegalArgumentException("-p position-lr must be a finite number >= 0, got " + positionLr);
        }
    }

    /** The settings in {@code raw} (keys of {@link #KEYS}), defaults for the rest. */
    public static NormalSettings parse(Map<String, String> raw) {
        for (String key : raw.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("a NORMAL model has no option '" + key + "'; its options: " + String.join(", ", KEYS));
            }
        }
        return new NormalSettings(raw.getOrDefault("ode", "heavy-ball"), number(raw, "ode-step", HeavyBallOdeBlock.DEFAULT_STEP),
                number(raw, "ode-xi", 0), raw.getOrDefault("positions", "learned"),
                number(raw, "position-lr", DEFAULT_POSITION_LR));
    }

    private static double number(Map<String, String> raw, String key, double fallback) {
        String text = raw.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-p " + key + ": '" + text + "' is not a number");
        }
    }

    /** The ODE block for a representation of width d. */
    public OdeBlock block(int width) {
        return ode.equals("heavy-ball") ? new HeavyBallOdeBlock(width, step, xi) : new FirstOrderOdeBlock(width, step);
    }

    /** The task positions for {@code tasks} tasks (checked: count, bound, numbers). */
    public Positions positions(int tasks) {
        return Positions.parse(positions, tasks);
    }
}
