package org.multigrad.djl.normal;

/**
 * Where explicit Euler with step h stops on its way to a task position p: {@code steps} full steps
 * of signed length s·h (s = sign p; negative positions are integrated backwards) reach the last grid
 * point t_n = s·n·h, then one fractional step of {@code remainder} = p − t_n (|p − t_n| &lt; h) hits p
 * exactly (a position within 1e-9 h of a grid point is that grid point). The grid is the same for every position, so one pass that visits the positions in order
 * of |p| reproduces each task's own integration.
 *
 * @param steps     n, the number of full steps
 * @param gridTime  t_n = s·n·h
 * @param remainder p − t_n, of the sign of p
 * @param step      s·h, the signed full step
 */
public record EulerGrid(int steps, double gridTime, double remainder, double step) {
    /** Positions are bounded so that a pass stays short and a diverging position is caught: |p| ≤ 100. */
    public static final double MAX_POSITION = 100;
    /** The most full steps one pass may take (h = 1e-4 reaches |p| = 100). */
    public static final int MAX_STEPS = 1_000_000;
    /** Relative distance (in steps) below which a position counts as lying on a grid point. */
    static final double SNAP = 1e-9;

    /** Checks that h is a usable Euler step. */
    public static void requireStep(double step) {
        if (!(step > 0) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("ode-step must be a finite number > 0, got " + step);
        }
    }

    /** Checks that p is a finite task position with |p| ≤ {@link #MAX_POSITION}. */
    public static void requirePosition(int task, double position) {
        if (Double.isNaN(position)) {
            throw new IllegalArgumentException("the position of task " + (task + 1) + " is NaN");
        }
        if (!(Math.abs(position) <= MAX_POSITION)) {
            throw new IllegalArgumentException("the position of task " + (task + 1) + " is " + position + ", outside [-" + MAX_POSITION
                    + ", " + MAX_POSITION + "]");
        }
    }

    /** The grid for reaching position p of task {@code task} with step h. */
    public static EulerGrid of(int task, double position, double step) {
        requireStep(step);
        requirePosition(task, position);
        double distance = Math.abs(position);
        double quotient = distance / step;
        if (quotient > MAX_STEPS) {
            throw new IllegalArgumentException("ode-step " + step + " needs " + (long) quotient + " Euler steps to reach task position "
                    + task + " = " + position + "; at most " + MAX_STEPS + " are allowed");
        }
        int steps = (int) Math.floor(quotient);
        // distance / step may round across an integer: keep 0 ≤ distance − n·h < h
        if (distance - steps * step >= step) {
            steps++;
        } else if (steps > 0 && distance - steps * step < 0) {
            steps--;
        }
        double sign = position < 0 ? -1 : 1;
        // a position within rounding of the next grid point (0.7 / 0.1 = 6.999...) is that grid point
        if ((steps + 1) * step - distance <= SNAP * step) {
            steps++;
            return new EulerGrid(steps, sign * (steps * step), 0, sign * step);
        }
        double gridTime = sign * (steps * step);
        return new EulerGrid(steps, gridTime, position - gridTime, sign * step);
    }

    /** The time of grid point k on this grid's side of 0. */
    public double time(int k) {
        return k * step;
    }
}
