package org.multigrad.djl;

import ai.djl.ndarray.NDArray;

/** Loss functions on logits, written with DJL operations so that PyTorch differentiates them. */
public final class Losses {
    private Losses() {
    }

    /** Mean cross-entropy of logits (batch x classes) against integer labels (batch). */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        long classes = logits.getShape().get(1);
        NDArray logProbabilities = logits.logSoftmax(1);
        NDArray oneHot = labels.oneHot((int) classes);
        return logProbabilities.mul(oneHot).sum().neg().div(logits.getShape().get(0));
    }

    /** Number of rows whose arg-max equals the label. */
    public static long correct(NDArray logits, NDArray labels) {
        return logits.argMax(1).toType(labels.getDataType(), false).eq(labels).sum().getLong();
    }
}
