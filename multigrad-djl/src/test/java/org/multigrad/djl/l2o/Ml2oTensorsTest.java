package org.multigrad.djl.l2o;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.multigrad.api.Jacobian;
import org.multigrad.djl.DjlRuntime;
import org.multigrad.l2o.Ml2o;
import org.multigrad.l2o.Ml2oNetwork;
import org.multigrad.l2o.Preprocessing;

/** The DJL forward against the core's pure-Java ML2O on random Θ and gradients, over several steps (states carried). */
class Ml2oTensorsTest {
    @Test
    void djlForwardAgreesWithPureJavaOverThreeSteps() {
        for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
            for (Preprocessing preprocessing : Preprocessing.values()) {
                compare(Ml2oNetwork.random(3, 4, 2, preprocessing, 0.5, 11), 7, type);
            }
        }
    }

    private static void compare(Ml2oNetwork network, int n, DataType type) {
        Ml2o reference = new Ml2o(network);
        SplittableRandom random = new SplittableRandom(5);
        int m = network.objectives();
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            Ml2oTensors tensors = new Ml2oTensors(network, manager, type);
            Ml2oTensors.States states = tensors.states(manager, Ml2oState.start(network, new double[n]));
            for (int step = 0; step < 3; step++) {
                double[][] y = new double[m][n];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        y[i][j] = random.nextDouble(-2, 2) * Math.pow(10, -random.nextInt(4));
                    }
                }
                double[] expected = reference.propose(Jacobian.of(y));
                NDArray g = tensors.step(UnrolledWindow.features(manager, y, network.preprocessing(), n, type), states);
                double[] actual = UnrolledWindow.values(g);
                assertArrayEquals(expected, actual, 1e-5, type + " " + network.preprocessing() + " step " + step);
                for (double value : expected) {
                    assertTrue(Math.abs(value) > 1e-4, "a nontrivial output");
                }
            }
        }
    }

    @Test
    void flattenAndRebuildGiveTheSameNetwork() {
        Ml2oNetwork network = Ml2oNetwork.random(2, 3, 2, Preprocessing.LOG_SIGN, 0.01, 4);
        double[] flat = Ml2oParameters.flatten(network);
        // 2 objectives × (layer 1: 4·3·2 + 4·3·3 + 2·12, layer 2: 4·3·3·2 + 2·12) + shared 2 × (2·4·6·6 + 2·24) + head 6 + 1
        assertEquals(2 * (24 + 36 + 24 + 36 + 36 + 24) + 2 * (288 + 48) + 7, flat.length);
        assertTrue(network.sameAs(Ml2oParameters.network(network, flat)));
    }
}
