package org.multigrad.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.multigrad.djl.tensor.OwnedTensors;

/** Loss functions on logits, written with DJL operations so that PyTorch differentiates them. */
public final class Losses {
    private Losses() {
    }

    /**
     * Mean cross-entropy of logits (batch x classes) against integer labels (batch). The batch size
     * divides as a tensor that PyTorch owns ({@link OwnedTensors#scalar}): autograd keeps the divisor
     * for the backward pass, after the Java handle is gone.
     */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        long classes = logits.getShape().get(1);
        NDArray logProbabilities = logits.logSoftmax(1);
        NDArray oneHot = labels.oneHot((int) classes);
        NDArray batch = OwnedTensors.scalar(logits.getManager(), logits.getShape().get(0), DataType.FLOAT32);
        return logProbabilities.mul(oneHot).sum().neg().div(batch);
    }

    /** Number of rows whose arg-max equals the label. */
    public static long correct(NDArray logits, NDArray labels) {
        return logits.argMax(1).toType(labels.getDataType(), false).eq(labels).sum().getLong();
    }

    /**
     * Number of rows whose label is among the {@code k} largest logits: fewer than k classes have a
     * strictly larger logit than the label's (a tie counts for the label).
     */
    public static long correctTopK(NDArray logits, long[] labels, int k) {
        int classes = (int) logits.getShape().get(1);
        float[] values = logits.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        long correct = 0;
        for (int row = 0; row < labels.length; row++) {
            float own = values[row * classes + (int) labels[row]];
            int above = 0;
            for (int c = 0; c < classes; c++) {
                if (values[row * classes + c] > own) {
                    above++;
                }
            }
            if (above < k) {
                correct++;
            }
        }
        return correct;
    }
}
