package org.multigrad.djl.l2o;

import java.io.Serializable;
import org.multigrad.l2o.Ml2oNetwork;

/**
 * Where a truncation window starts: the learner's parameters x and the LSTM states (h, c) of every
 * coordinate, as plain arrays. Between windows the state passes through Java arrays only, so no
 * gradient can flow from one window into the previous one (the states are detached, as in truncated
 * BPTT). Layouts: {@code specificH[i * layers + l]} holds n·H values (coordinate-major),
 * {@code sharedH[l]} n·M·H values; c likewise.
 */
public record Ml2oState(double[] x, double[][] specificH, double[][] specificC, double[][] sharedH, double[][] sharedC)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Zero LSTM states for the n = x.length coordinates (the start of an episode). */
    public static Ml2oState start(Ml2oNetwork network, double[] x) {
        int n = x.length;
        int m = network.objectives();
        int layers = network.layers();
        int hidden = network.hidden();
        return new Ml2oState(x.clone(), new double[m * layers][n * hidden], new double[m * layers][n * hidden],
                new double[layers][n * m * hidden], new double[layers][n * m * hidden]);
    }
}
