package org.multigrad.djl;

import ai.djl.ndarray.NDArray;

/** Loss functions on logits, written with DJL operations so that PyTorch differentiates them. */
public final class Losses {
    private Losses() {
    }

    /**
     * Mean cross-entropy of logits (batch x classes) against integer labels (batch). The batch size
     * divides as a tensor that PyTorch owns ({@link DjlArrays#scalar}): autograd keeps the divisor
     * for the backward pass, after the Java handle is gone.
     */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        long classes = logits.getShape().get(1);
        NDArray logProbabilities = logits.logSoftmax(1);
        NDArray oneHot = labels.oneHot((int) classes);
        NDArray batch = DjlArrays.scalar(logits.getManager(), logits.getShape().get(0));
        return logProbabilities.mul(oneHot).sum().neg().div(batch);
    }

    /** Number of rows whose arg-max equals the label. */
    public static long correct(NDArray logits, NDArray labels) {
        return logits.argMax(1).toType(labels.getDataType(), false).eq(labels).sum().getLong();
    }
}
