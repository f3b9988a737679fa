package org.multigrad.l2o;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The weights Θ = {Θ^1, ..., Θ^M, Θ^sh, Θ^l} of ML2O (seed 004, section 3): per objective i a stack
 * of {@code layers} LSTM cells m_i of hidden size H (the first reads the preprocessed coordinate of
 * y^i), a shared stack m_sh of hidden size M·H (the first reads the concatenation (h^1, ..., h^M)),
 * and a linear head g = scale·(wᵀh^sh + b). The paper stacks single-layer LSTMs for depth; H, the
 * depth, the preprocessing and the output scale are not given there (spec [UNSPECIFIED]) and are
 * recorded here and in the weights file. Immutable; every entry is checked finite.
 */
public final class Ml2oNetwork {
    private final int objectives;
    private final int hidden;
    private final int layers;
    private final Preprocessing preprocessing;
    private final double outputScale;
    private final LstmCell[][] specific;
    private final LstmCell[] shared;
    private final double[] headWeight;
    private final double headBias;

    /**
     * Checks every shape against M, H and the depth: {@code specific[i][l]} reads the preprocessed
     * coordinate (l = 0) or H values, {@code shared[l]} reads M·H values, the head has M·H weights.
     */
    public Ml2oNetwork(int objectives, int hidden, int layers, Preprocessing preprocessing, double outputScale,
                       LstmCell[][] specific, LstmCell[] shared, double[] headWeight, double headBias) {
        if (objectives < 1) {
            throw new IllegalArgumentException("ml2o: the number of objectives M must be >= 1, got " + objectives);
        }
        if (hidden < 1) {
            throw new IllegalArgumentException("ml2o: the hidden size H must be >= 1, got " + hidden);
        }
        if (layers < 1) {
            throw new IllegalArgumentException("ml2o: the number of LSTM layers must be >= 1, got " + layers);
        }
        if (!(outputScale > 0) || !Double.isFinite(outputScale)) {
            throw new IllegalArgumentException("ml2o: the output scale must be finite and > 0, got " + outputScale);
        }
        if (specific.length != objectives) {
            throw new IllegalArgumentException("ml2o: " + specific.length + " objective-specific LSTMs, expected M = "
                    + objectives);
        }
        for (int i = 0; i < objectives; i++) {
            requireStack("objective-specific LSTM " + (i + 1), specific[i], layers, preprocessing.features(), hidden);
        }
        requireStack("shared LSTM", shared, layers, objectives * hidden, objectives * hidden);
        if (headWeight.length != objectives * hidden) {
            throw new IllegalArgumentException("ml2o: the output layer has " + headWeight.length
                    + " weights, expected M·H = " + objectives * hidden);
        }
        for (int e = 0; e < headWeight.length; e++) {
            if (!Double.isFinite(headWeight[e])) {
                throw new IllegalArgumentException("ml2o: output layer weight " + (e + 1) + " is " + headWeight[e]
                        + "; weights must be finite");
            }
        }
        if (!Double.isFinite(headBias)) {
            throw new IllegalArgumentException("ml2o: the output layer bias is " + headBias + "; weights must be finite");
        }
        this.objectives = objectives;
        this.hidden = hidden;
        this.layers = layers;
        this.preprocessing = preprocessing;
        this.outputScale = outputScale;
        this.specific = new LstmCell[objectives][];
        for (int i = 0; i < objectives; i++) {
            this.specific[i] = specific[i].clone();
        }
        this.shared = shared.clone();
        this.headWeight = headWeight.clone();
        this.headBias = headBias;
    }

    private static void requireStack(String name, LstmCell[] stack, int layers, int firstInputs, int hidden) {
        if (stack.length != layers) {
            throw new IllegalArgumentException("ml2o: " + name + " has " + stack.length + " layers, expected " + layers);
        }
        for (int l = 0; l < layers; l++) {
            int inputs = l == 0 ? firstInputs : hidden;
            if (stack[l].inputs() != inputs || stack[l].hidden() != hidden) {
                throw new IllegalArgumentException("ml2o: " + name + " layer " + (l + 1) + " maps " + stack[l].inputs()
                        + " inputs to hidden size " + stack[l].hidden() + ", expected " + inputs + " to " + hidden);
            }
        }
    }

    /**
     * A fresh Θ with PyTorch's initialisation (LSTM and linear weights uniform in [−1/√fan, 1/√fan]),
     * determined by the seed.
     */
    public static Ml2oNetwork random(int objectives, int hidden, int layers, Preprocessing preprocessing,
                                     double outputScale, long seed) {
        if (objectives < 1 || hidden < 1 || layers < 1) {
            throw new IllegalArgumentException("ml2o: M, H and the number of layers must be >= 1, got " + objectives
                    + ", " + hidden + " and " + layers);
        }
        SplittableRandom random = new SplittableRandom(seed);
        LstmCell[][] specific = new LstmCell[objectives][layers];
        for (int i = 0; i < objectives; i++) {
            for (int l = 0; l < layers; l++) {
                specific[i][l] = LstmCell.random(l == 0 ? preprocessing.features() : hidden, hidden, random,
                        "objective-specific LSTM " + (i + 1) + " layer " + (l + 1));
            }
        }
        int width = objectives * hidden;
        LstmCell[] shared = new LstmCell[layers];
        for (int l = 0; l < layers; l++) {
            shared[l] = LstmCell.random(width, width, random, "shared LSTM layer " + (l + 1));
        }
        double bound = 1 / Math.sqrt(width);
        double[] head = LstmCell.uniform(width, bound, random);
        return new Ml2oNetwork(objectives, hidden, layers, preprocessing, outputScale, specific, shared, head,
                random.nextDouble(-bound, bound));
    }

    /** The same Θ with another output layer (w, b). */
    public Ml2oNetwork withHead(double[] weight, double bias) {
        return new Ml2oNetwork(objectives, hidden, layers, preprocessing, outputScale, specific, shared, weight, bias);
    }

    /** M. */
    public int objectives() {
        return objectives;
    }

    /** H, the hidden size of each objective-specific LSTM (the shared one has M·H). */
    public int hidden() {
        return hidden;
    }

    public int layers() {
        return layers;
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    public double outputScale() {
        return outputScale;
    }

    /** Layer l (from 0) of objective i's (from 0) LSTM. */
    public LstmCell specific(int objective, int layer) {
        return specific[objective][layer];
    }

    public LstmCell shared(int layer) {
        return shared[layer];
    }

    public double[] headWeight() {
        return headWeight.clone();
    }

    public double headBias() {
        return headBias;
    }

    double headWeight(int index) {
        return headWeight[index];
    }

    /** True when the two hold the same settings and bit-identical weights. */
    public boolean sameAs(Ml2oNetwork other) {
        if (objectives != other.objectives || hidden != other.hidden || layers != other.layers
                || preprocessing != other.preprocessing
                || Double.doubleToRawLongBits(outputScale) != Double.doubleToRawLongBits(other.outputScale)
                || Double.doubleToRawLongBits(headBias) != Double.doubleToRawLongBits(other.headBias)
                || !Arrays.equals(headWeight, other.headWeight)) {
            return false;
        }
        for (int l = 0; l < layers; l++) {
            if (!shared[l].sameAs(other.shared[l])) {
                return false;
            }
            for (int i = 0; i < objectives; i++) {
                if (!specific[i][l].sameAs(other.specific[i][l])) {
                    return false;
                }
            }
        }
        return true;
    }
}
