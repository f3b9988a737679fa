package org.multigrad.djl.normal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;
import org.multigrad.djl.DjlRuntime;

class ParameterCountTest {
    private static long count(Block block) {
        long total = 0;
        for (Pair<String, Parameter> pair : block.getParameters()) {
            total += pair.getValue().getArray().size();
        }
        return total;
    }

    @Test
    void formulasCountTheBlocksParameters() {
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            for (int width : new int[] {1, 7, 50}) {
                HeavyBallOdeBlock heavyBall = new HeavyBallOdeBlock(width, 0.1, 0);
                heavyBall.initialize(manager, DataType.FLOAT32, new Shape(2, width), new Shape(2));
                assertEquals(HeavyBallOdeBlock.parameterCount(width), count(heavyBall), "heavy-ball, d = " + width);
                FirstOrderOdeBlock firstOrder = new FirstOrderOdeBlock(width, 0.1);
                firstOrder.initialize(manager, DataType.FLOAT32, new Shape(2, width), new Shape(2));
                assertEquals(FirstOrderOdeBlock.parameterCount(width), count(firstOrder), "first-order, d = " + width);
            }
        }
        assertEquals(10_251, HeavyBallOdeBlock.parameterCount(50));
    }
}
