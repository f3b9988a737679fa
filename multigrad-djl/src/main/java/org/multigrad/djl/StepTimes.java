package org.multigrad.djl;

/**
 * Where the time of one training step went, in nanoseconds: the forward pass (trunk, heads and
 * losses), the m task backwards plus gathering the gradients into J, the Gramian, the
 * method's m-dimensional solve, the combination d = Jᵀλ (for coordinate-wise aggregators the
 * whole aggregation is counted as solve), the optimizer (writing d back, the backward through
 * the trunk in representation mode, and the parameter update), and the method's after-step hook
 * (for FAMO the extra forward pass for the losses after the step; zero for methods without hooks).
 */
public record StepTimes(long forward, long backward, long gramian, long solve, long combine, long optimizer,
                        long afterStep) {
    public static final StepTimes ZERO = new StepTimes(0, 0, 0, 0, 0, 0, 0);

    public long total() {
        return forward + backward + gramian + solve + combine + optimizer + afterStep;
    }

    /** Gramian + solve + combine: the part MultiGrad's core owns. */
    public long aggregation() {
        return gramian + solve + combine;
    }

    public StepTimes plus(StepTimes other) {
        return new StepTimes(forward + other.forward, backward + other.backward, gramian + other.gramian,
                solve + other.solve, combine + other.combine, optimizer + other.optimizer, afterStep + other.afterStep);
    }
}
