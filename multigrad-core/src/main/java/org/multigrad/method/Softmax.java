package org.multigrad.method;

/** softmax(x) = e^x / Σe^x (shifted by max x, so it never overflows) and its vector-Jacobian product. */
final class Softmax {
    private Softmax() {
    }

    static double[] of(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double value : logits) {
            max = Math.max(max, value);
        }
        double[] result = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            result[i] = Math.exp(logits[i] - max);
            sum += result[i];
        }
        for (int i = 0; i < logits.length; i++) {
            result[i] /= sum;
        }
        return result;
    }

    /**
     * J_softmax(x)ᵀ v for z = softmax(x): (diag z − z zᵀ) v = z ⊙ (v − ⟨z, v⟩), what autograd of
     * softmax with {@code grad_outputs = v} returns.
     */
    static double[] transposedJacobianTimes(double[] z, double[] v) {
        double dot = 0;
        for (int i = 0; i < z.length; i++) {
            dot += z[i] * v[i];
        }
        double[] result = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            result[i] = z[i] * (v[i] - dot);
        }
        return result;
    }
}
