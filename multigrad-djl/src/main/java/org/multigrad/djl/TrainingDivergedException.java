package org.multigrad.djl;

/**
 * Training produced a loss or a gradient that is NaN or infinite: the parameters have left the
 * range where the model is defined (typically a learning rate that is too large). The step's update
 * is not applied, and the last checkpoint, written at the end of the last complete epoch, is kept.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long step;
    private final int task;
    private final String problem;

    private TrainingDivergedException(long step, int task, String problem) {
        super((step > 0 ? "diverged at step " + step : "diverged") + ": " + problem
                + "; try a smaller learning rate (--lr); the last checkpoint is kept, so --resume continues from it");
        this.step = step;
        this.task = task;
        this.problem = problem;
    }

    /** The loss of {@code task} (0-based) is {@code value}. */
    static TrainingDivergedException loss(int task, double value) {
        return new TrainingDivergedException(0, task, "loss of task " + (task + 1) + " is " + value);
    }

    /** The gradient of {@code task} (0-based) has the non-finite entry {@code value} at {@code index}. */
    static TrainingDivergedException gradient(int task, int index, double value) {
        return new TrainingDivergedException(0, task, "gradient of task " + (task + 1) + " is " + value + " at shared entry "
                + (index + 1));
    }

    /** The gradient of {@code task}'s head (0-based) has the non-finite entry {@code value} at {@code index}. */
    static TrainingDivergedException headGradient(int task, int index, double value) {
        return new TrainingDivergedException(0, task, "gradient of task " + (task + 1) + "'s head is " + value + " at entry "
                + (index + 1));
    }

    /** The position gradient (5.11) of {@code task} (0-based) is {@code value}. */
    static TrainingDivergedException position(int task, double value) {
        return new TrainingDivergedException(0, task, "position gradient of task " + (task + 1) + " is " + value);
    }

    /** A position step left the integrable range; {@code reason} names the task and the value. */
    static TrainingDivergedException positionBound(String reason) {
        return new TrainingDivergedException(0, 0, reason + " after a position step; try a smaller -p position-lr");
    }

    /** The learned optimizer's update z − αg is {@code value} at parameter {@code index} (0-based, all parameters in order). */
    static TrainingDivergedException learnedUpdate(int index, double value) {
        return new TrainingDivergedException(0, 0, "the learned optimizer's update is " + value + " at parameter "
                + (index + 1));
    }

    /** This failure, located at 1-based global {@code step}. */
    TrainingDivergedException at(long globalStep) {
        return new TrainingDivergedException(globalStep, task, problem);
    }

    /** The 1-based global step, or 0 when not located yet. */
    public long step() {
        return step;
    }

    /** The 1-based task whose loss or gradient is not finite. */
    public int task() {
        return task + 1;
    }
}
