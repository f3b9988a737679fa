package org.multigrad.experiment;

/**
 * One recorded point of a run. What a run does not measure is absent: {@code evaluations} -1,
 * {@code distance} and {@code stationarity} NaN, {@code weights} and {@code x} null; the trajectory
 * file leaves out a column that no row has.
 *
 * @param step the iteration (0 is the start point)
 * @param evaluations function evaluations spent so far
 * @param objectives the exact objectives f1..fm at the point
 * @param distance distance to the Pareto set
 * @param stationarity Pareto stationarity min_{λ ∈ Δ} ||Jᵀλ|| (box-aware)
 * @param weights the weights w1..wm of the step that led here
 * @param x the point
 * @param constraint a bi-level run's constraint value q(z) = f(z) − min_ω f(α, ω) ≥ 0 (NaN elsewhere)
 */
public record TrajectoryRow(long step, long evaluations, double[] objectives, double distance, double stationarity,
                            double[] weights, double[] x, double constraint) {
    /** A row without a constraint value (every run but a bi-level one). */
    public TrajectoryRow(long step, long evaluations, double[] objectives, double distance, double stationarity,
                         double[] weights, double[] x) {
        this(step, evaluations, objectives, distance, stationarity, weights, x, Double.NaN);
    }
}
