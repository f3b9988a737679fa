package org.multigrad.l2o;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.multigrad.api.Jacobian;

class Ml2oTest {
    private static final Jacobian GRADIENTS = Jacobian.of(new double[][] {{0.3, -1e-3, 2.0, 0.3}, {-0.5, 4e-2, 0.1, -0.5}});

    @Test
    void aZeroOutputLayerGivesAZeroUpdate() {
        Ml2oNetwork network = Ml2oNetwork.random(2, 3, 2, Preprocessing.LOG_SIGN, 1, 7).withHead(new double[6], 0);
        Ml2o ml2o = new Ml2o(network);
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(new double[4], ml2o.propose(GRADIENTS));
        }
    }

    @Test
    void weightsAreSharedOverCoordinates() {
        Ml2o ml2o = new Ml2o(Ml2oNetwork.random(2, 3, 1, Preprocessing.LOG_SIGN, 0.1, 3));
        double[] first = ml2o.propose(GRADIENTS);
        double[] second = ml2o.propose(GRADIENTS);
        // coordinates 1 and 4 see the same gradients: same states, same output; others differ
        assertEquals(first[0], first[3]);
        assertEquals(second[0], second[3]);
        assertNotEquals(first[0], first[2]);
        // the state carries history: the same input gives another output at the next step
        assertNotEquals(first[0], second[0]);
        // a single coordinate run alone gives the same output as inside the vector
        Ml2o alone = new Ml2o(Ml2oNetwork.random(2, 3, 1, Preprocessing.LOG_SIGN, 0.1, 3));
        assertEquals(first[2], alone.propose(Jacobian.of(new double[][] {{2.0}, {0.1}}))[0]);
    }

    @Test
    void theOutputIsScaledAndResetForgetsTheState() {
        Ml2oNetwork network = Ml2oNetwork.random(2, 2, 1, Preprocessing.NONE, 1, 11);
        Ml2o unit = new Ml2o(network);
        Ml2o scaled = new Ml2o(new Ml2oNetwork(2, 2, 1, Preprocessing.NONE, 0.01,
                new LstmCell[][] {{network.specific(0, 0)}, {network.specific(1, 0)}},
                new LstmCell[] {network.shared(0)}, network.headWeight(), network.headBias()));
        double[] g = unit.propose(GRADIENTS);
        double[] h = scaled.propose(GRADIENTS);
        for (int j = 0; j < g.length; j++) {
            assertEquals(0.01 * g[j], h[j], 1e-15);
        }
        unit.propose(GRADIENTS);
        unit.reset();
        assertArrayEquals(g, unit.propose(GRADIENTS));
    }

    @Test
    void aRestoredStateContinuesBitForBit() throws Exception {
        Ml2oNetwork network = Ml2oNetwork.random(2, 3, 2, Preprocessing.LOG_SIGN, 0.1, 5);
        Ml2o running = new Ml2o(network);
        running.propose(GRADIENTS);
        running.propose(GRADIENTS);
        // through Java serialisation, as the training checkpoint stores it
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(running.state());
        }
        Ml2o.State saved;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            saved = (Ml2o.State) in.readObject();
        }
        Ml2o resumed = new Ml2o(network);
        resumed.restore(saved);
        assertArrayEquals(running.propose(GRADIENTS), resumed.propose(GRADIENTS));
        // a fresh state differs (the history matters), and a state of another network is refused
        assertNotEquals(new Ml2o(network).propose(GRADIENTS)[0], restored(network, saved).propose(GRADIENTS)[0]);
        Ml2o other = new Ml2o(Ml2oNetwork.random(2, 4, 2, Preprocessing.LOG_SIGN, 0.1, 5));
        assertThrows(IllegalArgumentException.class, () -> other.restore(saved));
    }

    @Test
    void logSignPreprocessingFollowsAndrychowicz() {
        double[] out = new double[2];
        Preprocessing.LOG_SIGN.apply(1e-3, out, 0);
        assertArrayEquals(new double[] {-1, 0.1484131591025766}, out, 1e-15);
        Preprocessing.LOG_SIGN.apply(-0.5, out, 0);
        assertArrayEquals(new double[] {-0.13862938842827893, -1}, out, 1e-12);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Preprocessing.parse("log"));
        assertEquals("unknown preprocessing 'log'; known: log-sign, none", unknown.getMessage());
    }

    @Test
    void refusesAnotherNumberOfObjectives() {
        Ml2o ml2o = new Ml2o(Ml2oNetwork.random(3, 2, 1, Preprocessing.LOG_SIGN, 0.1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ml2o.propose(GRADIENTS));
        assertEquals("ml2o weights are for M = 3 objectives, the problem has 2", e.getMessage());
    }

    private static Ml2o restored(Ml2oNetwork network, Ml2o.State state) {
        Ml2o ml2o = new Ml2o(network);
        ml2o.restore(state);
        return ml2o;
    }
}
