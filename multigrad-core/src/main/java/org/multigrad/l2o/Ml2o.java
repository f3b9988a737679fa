package org.multigrad.l2o;

import java.util.Arrays;
import org.multigrad.api.Jacobian;

/**
 * ML2O inference (seed 004, eq. (8) and section 3): g_k = M({y^i_k}, H_k; Θ), and the learner steps
 * x_{k+1} = x_k − α_k g_k. For each coordinate j, with s^i the preprocessed y^i_j,
 * <pre>
 *   h^i = m_i(s^i; h^i, c^i)  (i = 1..M),   h^sh = m_sh((h^1, ..., h^M); h^sh, c^sh),
 *   g_j = scale · (wᵀ h^sh + b).
 * </pre>
 * The paper does not say how the LSTMs meet an N-dimensional gradient; since it runs one Θ trained on
 * CNN1 on LeNet and VGG (Tables 2 and 3), the networks must act coordinate-wise with Θ shared over the
 * coordinates, as in Andrychowicz et al. (NeurIPS 2016), which this class does: each coordinate keeps
 * its own states, all coordinates use the same weights. Every coordinate is updated by ML2O, including
 * the task-specific (head) ones whose gradient from the other objective is zero (spec [UNSPECIFIED]).
 *
 * <p>State: allocated at the first step (zero), dropped by {@link #reset()}; the number of
 * coordinates must stay the same between resets.
 */
public final class Ml2o implements Proposal {
    private final Ml2oNetwork network;
    private int coordinates = -1;
    // per layer: h and c of every coordinate, [coordinate * width + unit]
    private double[][][] specificH;
    private double[][][] specificC;
    private double[][] sharedH;
    private double[][] sharedC;
    private final double[] features;
    private final double[] gates;
    private final double[] concatenated;

    public Ml2o(Ml2oNetwork network) {
        this.network = network;
        int width = network.objectives() * network.hidden();
        this.features = new double[network.preprocessing().features()];
        this.gates = new double[4 * width];
        this.concatenated = new double[width];
    }

    public Ml2oNetwork network() {
        return network;
    }

    @Override
    public double[] propose(Jacobian gradients) {
        int m = network.objectives();
        if (gradients.objectives() != m) {
            throw new IllegalArgumentException("ml2o weights are for M = " + m + " objectives, the problem has "
                    + gradients.objectives());
        }
        gradients.requireFinite();
        int n = gradients.parameters();
        if (coordinates < 0) {
            allocate(n);
        } else if (coordinates != n) {
            throw new IllegalArgumentException("ml2o: the state holds " + coordinates + " coordinates, the gradients have "
                    + n + "; reset() before changing the model");
        }
        int hidden = network.hidden();
        int width = m * hidden;
        int layers = network.layers();
        Preprocessing preprocessing = network.preprocessing();
        double scale = network.outputScale();
        double[] direction = new double[n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                preprocessing.apply(gradients.get(i, j), features, 0);
                double[] input = features;
                int inputOffset = 0;
                for (int l = 0; l < layers; l++) {
                    network.specific(i, l).step(input, inputOffset, specificH[i][l], specificC[i][l], j * hidden, gates);
                    input = specificH[i][l];
                    inputOffset = j * hidden;
                }
                System.arraycopy(input, inputOffset, concatenated, i * hidden, hidden);
            }
            double[] input = concatenated;
            int inputOffset = 0;
            for (int l = 0; l < layers; l++) {
                network.shared(l).step(input, inputOffset, sharedH[l], sharedC[l], j * width, gates);
                input = sharedH[l];
                inputOffset = j * width;
            }
            double out = network.headBias();
            for (int u = 0; u < width; u++) {
                out += network.headWeight(u) * input[inputOffset + u];
            }
            direction[j] = scale * out;
        }
        return direction;
    }

    private void allocate(int n) {
        int m = network.objectives();
        int hidden = network.hidden();
        int layers = network.layers();
        specificH = new double[m][layers][n * hidden];
        specificC = new double[m][layers][n * hidden];
        sharedH = new double[layers][n * m * hidden];
        sharedC = new double[layers][n * m * hidden];
        coordinates = n;
    }

    /** The hidden state h of the shared LSTM's last layer at coordinate j (a copy), for tests and logs. */
    public double[] sharedState(int coordinate) {
        int width = network.objectives() * network.hidden();
        return Arrays.copyOfRange(sharedH[network.layers() - 1], coordinate * width, (coordinate + 1) * width);
    }

    /**
     * The LSTM states H_k (h and c of every layer and coordinate; null arrays before the first step),
     * for a training checkpoint: {@link #restore} continues bit for bit.
     */
    public record State(int coordinates, double[][][] specificH, double[][][] specificC, double[][] sharedH,
                        double[][] sharedC) implements java.io.Serializable {
    }

    /** A deep copy of the current states. */
    public State state() {
        return new State(coordinates, deepCopy(specificH), deepCopy(specificC), deepCopy(sharedH), deepCopy(sharedC));
    }

    /** Continues from {@code saved}, which must come from a network of the same M, H and layers. */
    public void restore(State saved) {
        if (saved.coordinates() < 0) {
            reset();
            return;
        }
        int m = network.objectives();
        int layers = network.layers();
        int n = saved.coordinates();
        if (saved.specificH().length != m || saved.sharedH().length != layers
                || saved.sharedH()[0].length != (long) n * m * network.hidden()) {
            throw new IllegalArgumentException("the saved ml2o state does not fit this network (M = " + m + ", H = "
                    + network.hidden() + ", layers = " + layers + ")");
        }
        coordinates = n;
        specificH = deepCopy(saved.specificH());
        specificC = deepCopy(saved.specificC());
        sharedH = deepCopy(saved.sharedH());
        sharedC = deepCopy(saved.sharedC());
    }

    private static double[][][] deepCopy(double[][][] values) {
        if (values == null) {
            return null;
        }
        double[][][] copy = new double[values.length][][];
        for (int i = 0; i < values.length; i++) {
            copy[i] = deepCopy(values[i]);
        }
        return copy;
    }

    private static double[][] deepCopy(double[][] values) {
        if (values == null) {
            return null;
        }
        double[][] copy = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[i].clone();
        }
        return copy;
    }

    @Override
    public void reset() {
        coordinates = -1;
        specificH = null;
        specificC = null;
        sharedH = null;
        sharedC = null;
    }
}
