package org.multigrad.djl.normal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

/**
 * The networks of NORMAL's ODE block (thesis §5.5.1): FC(d) → LeakyReLU → FC(d), for u(r) and, with
 * t appended to the input as one more column (the thesis does not say how g sees t), for g(z, t).
 * LeakyReLU has PyTorch's default slope 0.01.
 */
final class TimeAwareFunction {
    static final float LEAKY_SLOPE = 0.01f;

    private TimeAwareFunction() {
    }

    static Block twoLayers(int width) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(width).build())
                .add(Activation.leakyReluBlock(LEAKY_SLOPE))
                .add(Linear.builder().setUnits(width).build());
    }

    /** Initialises g for representations of {@code shape} (batch x d): its input has d + 1 columns. */
    static void initialize(Block function, NDManager manager, DataType dataType, Shape representation, int width) {
        if (representation.dimension() != 2 || representation.get(1) != width) {
            throw new IllegalArgumentException("ode block of width " + width + " got representations of shape " + representation);
        }
        function.initialize(manager, dataType, new Shape(representation.get(0), width + 1));
    }

    /** g(z, t) = function([z, t]). */
    static OdeFunction of(Block function, ParameterStore store, boolean training) {
        return (z, t) -> {
            NDArray time = z.getManager().full(new Shape(z.getShape().get(0), 1), (float) t, z.getDataType());
            return function.forward(store, new NDList(NDArrays.concat(new NDList(z, time), 1)), training).singletonOrThrow();
        };
    }
}
