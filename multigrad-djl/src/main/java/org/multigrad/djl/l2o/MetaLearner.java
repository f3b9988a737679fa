package org.multigrad.djl.l2o;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;

/**
 * A learner for meta-training in functional form: its M objectives f^i(x; ξ) are tensor expressions
 * of a flat parameter vector x (n), so that x can be x_k(Θ), the output of unrolled ML2O steps, and
 * autograd reaches Θ through it (seed 004, section 3: "x_k depends on Θ").
 */
public interface MetaLearner {
    /** M. */
    int objectives();

    /** n, the length of x. */
    int parameters();

    /** A fresh x_0, drawn from {@code random} (a new episode re-initialises the learner). */
    double[] initial(SplittableRandom random);

    /** Restarts the batch sampling from {@code seed} (meta-training calls it before every window). */
    default void seedBatches(long seed) {
    }

    /** Draws the sample ξ_k of the next step; its tensors belong to {@code scope}. Deterministic learners do nothing. */
    void nextBatch(NDManager scope);

    /** (f^1(x; ξ_k), ..., f^M(x; ξ_k)) as an M-vector, differentiable in x. */
    NDArray losses(NDArray x);
}
