package org.multigrad.l2o;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One LSTM cell, the module of ML2O (seed 004, section 3, the gate equations of m_i and m_sh):
 * <pre>
 *   i = σ(W_ii s + b_ii + W_hi h + b_hi),   f = σ(W_if s + b_if + W_hf h + b_hf),
 *   g = tanh(W_ig s + b_ig + W_hg h + b_hg), o = σ(W_io s + b_io + W_ho h + b_ho),
 *   c' = f ⊙ c + i ⊙ g,   h' = o ⊙ tanh(c').
 * </pre>
 * The paper prints the cell candidate g with the forget gate's weights; that is a typo (spec [FIX]):
 * g has its own weights, as in every LSTM and in PyTorch's {@code nn.LSTMCell}, whose layout is kept
 * here so that weights move between the two unchanged: {@code weightIh} is 4H x in and
 * {@code weightHh} 4H x H, row-major, gate blocks in the order i, f, g, o, and two bias vectors.
 */
public final class LstmCell {
    private final int inputs;
    private final int hidden;
    private final double[] weightIh;
    private final double[] weightHh;
    private final double[] biasIh;
    private final double[] biasHh;

    /** Copies nothing: the arrays become the cell's. Checks their lengths and that every entry is finite. */
    public LstmCell(int inputs, int hidden, double[] weightIh, double[] weightHh, double[] biasIh, double[] biasHh,
                    String name) {
        if (inputs < 1 || hidden < 1) {
            throw new IllegalArgumentException(name + ": input size and hidden size must be >= 1, got "
                    + inputs + " and " + hidden);
        }
        requireShape(name + " weight_ih", weightIh, 4 * hidden * inputs);
        requireShape(name + " weight_hh", weightHh, 4 * hidden * hidden);
        requireShape(name + " bias_ih", biasIh, 4 * hidden);
        requireShape(name + " bias_hh", biasHh, 4 * hidden);
        this.inputs = inputs;
        this.hidden = hidden;
        this.weightIh = weightIh;
        this.weightHh = weightHh;
        this.biasIh = biasIh;
        this.biasHh = biasHh;
    }

    /** PyTorch's initialisation: every weight and bias uniform in [−1/√H, 1/√H]. */
    public static LstmCell random(int inputs, int hidden, SplittableRandom random, String name) {
        double bound = 1 / Math.sqrt(hidden);
        return new LstmCell(inputs, hidden, uniform(4 * hidden * inputs, bound, random),
                uniform(4 * hidden * hidden, bound, random), uniform(4 * hidden, bound, random),
                uniform(4 * hidden, bound, random), name);
    }

    static double[] uniform(int length, double bound, SplittableRandom random) {
        double[] values = new double[length];
        for (int e = 0; e < length; e++) {
            values[e] = random.nextDouble(-bound, bound);
        }
        return values;
    }

    private static void requireShape(String name, double[] values, int expected) {
        if (values == null || values.length != expected) {
            throw new IllegalArgumentException(name + " has " + (values == null ? 0 : values.length)
                    + " entries, expected " + expected);
        }
        for (int e = 0; e < values.length; e++) {
            if (!Double.isFinite(values[e])) {
                throw new IllegalArgumentException(name + " entry " + (e + 1) + " is " + values[e]
                        + "; weights must be finite");
            }
        }
    }

    public int inputs() {
        return inputs;
    }

    public int hidden() {
        return hidden;
    }

    /** Copies of the four arrays (for the weights file). */
    public double[] weightIh() {
        return weightIh.clone();
    }

    public double[] weightHh() {
        return weightHh.clone();
    }

    public double[] biasIh() {
        return biasIh.clone();
    }

    public double[] biasHh() {
        return biasHh.clone();
    }

    /**
     * One step: reads s = {@code input[inputOffset..+in]} and the state (h, c) at
     * {@code state[stateOffset..+H]} of {@code h} and {@code c}, and overwrites that state with (h', c').
     * {@code gates} is scratch of length ≥ 4H.
     */
    public void step(double[] input, int inputOffset, double[] h, double[] c, int stateOffset, double[] gates) {
        int rows = 4 * hidden;
        for (int r = 0; r < rows; r++) {
            double sum = biasIh[r] + biasHh[r];
            int wi = r * inputs;
            for (int j = 0; j < inputs; j++) {
                sum += weightIh[wi + j] * input[inputOffset + j];
            }
            int wh = r * hidden;
            for (int j = 0; j < hidden; j++) {
                sum += weightHh[wh + j] * h[stateOffset + j];
            }
            gates[r] = sum;
        }
        for (int u = 0; u < hidden; u++) {
            double in = sigmoid(gates[u]);
            double forget = sigmoid(gates[hidden + u]);
            double candidate = Math.tanh(gates[2 * hidden + u]);
            double out = sigmoid(gates[3 * hidden + u]);
            double cell = forget * c[stateOffset + u] + in * candidate;
            c[stateOffset + u] = cell;
            h[stateOffset + u] = out * Math.tanh(cell);
        }
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** True when both cells hold the same sizes and bit-identical arrays. */
    boolean sameAs(LstmCell other) {
        return inputs == other.inputs && hidden == other.hidden && Arrays.equals(weightIh, other.weightIh)
                && Arrays.equals(weightHh, other.weightHh) && Arrays.equals(biasIh, other.biasIh)
                && Arrays.equals(biasHh, other.biasHh);
    }
}
