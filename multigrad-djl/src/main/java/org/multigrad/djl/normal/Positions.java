package org.multigrad.djl.normal;

import java.util.Arrays;

/**
 * The task positions p_1..p_m of NORMAL and the Table 5.4 ablations on them, by the option
 * {@code positions}:
 * <ul>
 *   <li>{@code learned}: p_i learned directly, initialised at 1 (the thesis gives no initial value);</li>
 *   <li>{@code exp}: p_i = e^{v_i} (positive positions), v_i learned from 0, so p_i starts at 1;
 *       d_{v_i} = d_{p_i} e^{v_i};</li>
 *   <li>{@code shared:P}: one constant p = P for every task ("constant and identical");</li>
 *   <li>{@code fixed:P1,...,Pm}: constant task-specific positions ("constant but different").</li>
 * </ul>
 * Learned positions take plain gradient steps p_i ← p_i − η d_{p_i} with their own rate η
 * (Algorithm 4, line 7); the step has no state, so a checkpoint needs only {@link #raw()}.
 */
public final class Positions {
    /** How the positions are parameterised. */
    public enum Kind { LEARNED, EXP, SHARED, FIXED }

    public static final String USAGE = "learned, exp, shared:P or fixed:P1,...,Pm";

    private final Kind kind;
    private final double[] raw;

    private Positions(Kind kind, double[] raw) {
        this.kind = kind;
        this.raw = raw;
        for (int task = 0; task < raw.length; task++) {
            EulerGrid.requirePosition(task, position(task));
        }
    }

    /** Parses the {@code positions} option for a model with {@code tasks} tasks. */
    public static Positions parse(String spec, int tasks) {
        if (tasks < 1) {
            throw new IllegalArgumentException("positions need at least one task, got " + tasks);
        }
        String text = spec.trim();
        if (text.equals("learned")) {
            return new Positions(Kind.LEARNED, filled(tasks, 1));
        }
        if (text.equals("exp")) {
            return new Positions(Kind.EXP, filled(tasks, 0));
        }
        if (text.startsWith("shared:")) {
            return new Positions(Kind.SHARED, filled(tasks, number(text.substring(7), spec)));
        }
        if (text.startsWith("fixed:")) {
            String[] parts = text.substring(6).split(",", -1);
            if (parts.length != tasks) {
                throw new IllegalArgumentException("positions '" + spec + "' lists " + parts.length + " positions, the model has "
                        + tasks + " tasks");
            }
            double[] values = new double[tasks];
            for (int task = 0; task < tasks; task++) {
                values[task] = number(parts[task], spec);
            }
            return new Positions(Kind.FIXED, values);
        }
        throw new IllegalArgumentException("unknown positions variant '" + spec + "'; expected " + USAGE);
    }

    private static double[] filled(int tasks, double value) {
        double[] values = new double[tasks];
        Arrays.fill(values, value);
        return values;
    }

    private static double number(String text, String spec) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("positions '" + spec + "': '" + text.trim() + "' is not a number");
        }
    }

    public Kind kind() {
        return kind;
    }

    public int tasks() {
        return raw.length;
    }

    /** Whether the positions move during training. */
    public boolean learned() {
        return kind == Kind.LEARNED || kind == Kind.EXP;
    }

    /** p_i. */
    public double position(int task) {
        return kind == Kind.EXP ? Math.exp(raw[task]) : raw[task];
    }

    /** p_1..p_m. */
    public double[] values() {
        double[] values = new double[raw.length];
        Arrays.setAll(values, this::position);
        return values;
    }

    /** The learned numbers (p for {@code learned}, v for {@code exp}, the constants otherwise): the checkpoint. */
    public double[] raw() {
        return raw.clone();
    }

    /** Restores {@link #raw()} from a checkpoint. */
    public void restore(double[] saved) {
        if (saved.length != raw.length) {
            throw new IllegalArgumentException("checkpoint holds " + saved.length + " positions, the model has " + raw.length + " tasks");
        }
        double[] previous = raw.clone();
        System.arraycopy(saved, 0, raw, 0, raw.length);
        try {
            for (int task = 0; task < raw.length; task++) {
                EulerGrid.requirePosition(task, position(task));
            }
        } catch (IllegalArgumentException e) {
            System.arraycopy(previous, 0, raw, 0, raw.length);
            throw e;
        }
    }

    /**
     * One step with the position gradients d_{p_i} (5.11) at rate η ≥ 0; constant positions and η = 0
     * leave every position bitwise unchanged.
     */
    public void step(double[] gradients, double rate) {
        if (!(rate >= 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("position-lr must be a finite number >= 0, got " + rate);
        }
        if (gradients.length != raw.length) {
            throw new IllegalArgumentException("got " + gradients.length + " position gradients for " + raw.length + " tasks");
        }
        for (int task = 0; task < raw.length; task++) {
            if (!Double.isFinite(gradients[task])) {
                throw new IllegalArgumentException("position gradient of task " + task + " is " + gradients[task]);
            }
        }
        if (!learned() || rate == 0) {
            return;
        }
        double[] next = raw.clone();
        for (int task = 0; task < raw.length; task++) {
            double gradient = kind == Kind.EXP ? gradients[task] * Math.exp(raw[task]) : gradients[task];
            next[task] = raw[task] - rate * gradient;
        }
        restore(next);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + Arrays.toString(values());
    }
}
