package org.multigrad.djl.normal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * The "first-order NODE" ablation of NORMAL (thesis Table 5.4): z(0) = r, dz/dt = g(z, t)
 * ({@link FirstOrderOde}) with the same time-aware g as {@link HeavyBallOdeBlock} and neither u nor
 * ω (the thesis does not say whether the ablation keeps them; a first-order system has no initial
 * velocity or damping). Inputs [r, positions (m)], outputs [z(p_1), ..., z(p_m)].
 */
public final class FirstOrderOdeBlock extends OdeBlock {
    private final int width;
    private final double step;
    private final Block function;

    public FirstOrderOdeBlock(int width, double step) {
        if (width < 1) {
            throw new IllegalArgumentException("ode block width must be >= 1, got " + width);
        }
        EulerGrid.requireStep(step);
        this.width = width;
        this.step = step;
        this.function = addChildBlock("function", TimeAwareFunction.twoLayers(width));
    }

    /** The block's parameter count for width d: g alone, (d + 1)d + d + d² + d = 2d² + 3d. */
    public static long parameterCount(int width) {
        long d = width;
        return 2 * d * d + 3 * d;
    }

    @Override
    public List<OdeState> solve(ParameterStore store, NDArray representation, double[] positions, boolean training) {
        return new FirstOrderOde(TimeAwareFunction.of(function, store, training), step).solve(representation, positions);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        TimeAwareFunction.initialize(function, manager, dataType, inputShapes[0], width);
    }
}
