package org.multigrad.djl.l2o;

import org.multigrad.l2o.LstmCell;
import org.multigrad.l2o.Ml2oNetwork;

/**
 * Θ as one flat vector, for the meta-optimiser: per objective i and layer l the cell's
 * weight_ih, weight_hh, bias_ih, bias_hh (PyTorch layout, {@link LstmCell}), then the shared stack's
 * cells, then the head's weights and bias. {@link Ml2oTensors} creates its leaves in this order.
 */
public final class Ml2oParameters {
    private Ml2oParameters() {
    }

    /** The number of entries of Θ. */
    public static int size(Ml2oNetwork network) {
        return flatten(network).length;
    }

    public static double[] flatten(Ml2oNetwork network) {
        int m = network.objectives();
        int layers = network.layers();
        double[][] parts = new double[4 * layers * (m + 1) + 2][];
        int p = 0;
        for (int i = 0; i < m; i++) {
            for (int l = 0; l < layers; l++) {
                p = cell(network.specific(i, l), parts, p);
            }
        }
        for (int l = 0; l < layers; l++) {
            p = cell(network.shared(l), parts, p);
        }
        parts[p++] = network.headWeight();
        parts[p] = new double[] {network.headBias()};
        int total = 0;
        for (double[] part : parts) {
            total += part.length;
        }
        double[] flat = new double[total];
        int offset = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, flat, offset, part.length);
            offset += part.length;
        }
        return flat;
    }

    private static int cell(LstmCell cell, double[][] parts, int p) {
        parts[p] = cell.weightIh();
        parts[p + 1] = cell.weightHh();
        parts[p + 2] = cell.biasIh();
        parts[p + 3] = cell.biasHh();
        return p + 4;
    }

    /** The network with {@code layout}'s settings (M, H, depth, preprocessing, scale) and the weights {@code flat}. */
    public static Ml2oNetwork network(Ml2oNetwork layout, double[] flat) {
        int expected = size(layout);
        if (flat.length != expected) {
            throw new IllegalArgumentException("ml2o: Θ has " + flat.length + " entries, the layout " + expected);
        }
        int m = layout.objectives();
        int layers = layout.layers();
        int hidden = layout.hidden();
        int width = m * hidden;
        int[] offset = {0};
        LstmCell[][] specific = new LstmCell[m][layers];
        for (int i = 0; i < m; i++) {
            for (int l = 0; l < layers; l++) {
                specific[i][l] = cell(flat, offset, l == 0 ? layout.preprocessing().features() : hidden, hidden,
                        "objective-specific LSTM " + (i + 1) + " layer " + (l + 1));
            }
        }
        LstmCell[] shared = new LstmCell[layers];
        for (int l = 0; l < layers; l++) {
            shared[l] = cell(flat, offset, width, width, "shared LSTM layer " + (l + 1));
        }
        double[] head = take(flat, offset, width);
        return new Ml2oNetwork(m, hidden, layers, layout.preprocessing(), layout.outputScale(), specific, shared, head,
                flat[offset[0]]);
    }

    private static LstmCell cell(double[] flat, int[] offset, int inputs, int hidden, String name) {
        return new LstmCell(inputs, hidden, take(flat, offset, 4 * hidden * inputs), take(flat, offset, 4 * hidden * hidden),
                take(flat, offset, 4 * hidden), take(flat, offset, 4 * hidden), name);
    }

    private static double[] take(double[] flat, int[] offset, int length) {
        double[] part = new double[length];
        System.arraycopy(flat, offset[0], part, 0, length);
        offset[0] += length;
        return part;
    }
}
