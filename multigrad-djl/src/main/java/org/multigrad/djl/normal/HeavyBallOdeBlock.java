package org.multigrad.djl.normal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.List;

/**
 * NORMAL's time-aware heavy-ball ODE block Q_φ (thesis (5.5)–(5.9)): from the shared representation
 * r = f_θ(x) (batch x d), z(0) = r and q(0) = u(r), then dz/dt = −q, dq/dt = −γ q + g(z, t) + ξ z
 * integrated by {@link HeavyBallOde} to each task position; task i reads z(p_i).
 * u = FC(d) → LeakyReLU → FC(d) and g = FC(d) → LeakyReLU → FC(d) on [z, t] (t appended as one more
 * input column: the thesis does not say how g sees t) follow its §5.5.1 table; γ = sigmoid(ω) with ω
 * learnable, initialised at −3, and ξ fixed (default 0) follow HBNODE ({@code HeavyBallNODE} in
 * hedixia/HeavyBallNODE, {@code gamma = Parameter([-3.0])}, {@code corr = 0}). LeakyReLU has
 * PyTorch's default slope 0.01.
 *
 * <p>As a DJL block its inputs are [r, positions (m)] and its outputs [z(p_1), ..., z(p_m)]; its
 * parameters (u, g, ω) are shared and so belong to the Jacobian. The positions are not parameters of
 * the block: they have their own optimizer and gradient ({@link PositionGradient}).
 */
public final class HeavyBallOdeBlock extends AbstractBlock {
    /** PyTorch's {@code nn.LeakyReLU} default. */
    static final float LEAKY_SLOPE = 0.01f;
    /** HBNODE's initial ω (γ = sigmoid(−3) ≈ 0.047). */
    public static final float OMEGA_INIT = -3f;
    public static final double DEFAULT_STEP = 0.1;

    private final int width;
    private final double step;
    private final double xi;
    private final Block velocity;
    private final Block function;
    private final Parameter omega;

    /**
     * @param width d, the width of the representation
     * @param step  the Euler step h &gt; 0
     * @param xi    the skip coefficient ξ (fixed)
     */
    public HeavyBallOdeBlock(int width, double step, double xi) {
        if (width < 1) {
            throw new IllegalArgumentException("ode block width must be >= 1, got " + width);
        }
        EulerGrid.requireStep(step);
        if (!Double.isFinite(xi)) {
            throw new IllegalArgumentException("ode skip coefficient xi must be finite, got " + xi);
        }
        this.width = width;
        this.step = step;
        this.xi = xi;
        this.velocity = addChildBlock("velocity", twoLayers(width));
        this.function = addChildBlock("function", twoLayers(width));
        this.omega = addParameter(Parameter.builder().setName("omega").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1)).optInitializer(new ConstantInitializer(OMEGA_INIT)).build());
    }

    private static Block twoLayers(int width) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(width).build())
                .add(Activation.leakyReluBlock(LEAKY_SLOPE))
                .add(Linear.builder().setUnits(width).build());
    }

    public double step() {
        return step;
    }

    public double xi() {
        return xi;
    }

    /** ω, whose sigmoid is the damping γ. */
    public Parameter omega() {
        return omega;
    }

    /** The states read by the tasks at {@code positions}, from one integration pass. */
    public List<OdeState> solve(ParameterStore store, NDArray representation, double[] positions, boolean training) {
        NDArray q0 = velocity.forward(store, new NDList(representation), training).singletonOrThrow();
        NDArray gamma = Activation.sigmoid(store.getValue(omega, representation.getDevice(), training));
        OdeFunction g = (z, t) -> {
            NDArray time = z.getManager().full(new Shape(z.getShape().get(0), 1), (float) t, z.getDataType());
            return function.forward(store, new NDList(NDArrays.concat(new NDList(z, time), 1)), training).singletonOrThrow();
        };
        return new HeavyBallOde(g, gamma, xi, step).solve(representation, q0, positions);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        double[] positions = inputs.get(1).toType(DataType.FLOAT64, false).toDoubleArray();
        NDList out = new NDList();
        for (OdeState state : solve(store, inputs.get(0), positions, training)) {
            out.add(state.z());
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[(int) inputShapes[1].get(0)];
        java.util.Arrays.fill(out, inputShapes[0]);
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape representation = inputShapes[0];
        if (representation.dimension() != 2 || representation.get(1) != width) {
            throw new IllegalArgumentException("ode block of width " + width + " got representations of shape " + representation);
        }
        velocity.initialize(manager, dataType, representation);
        function.initialize(manager, dataType, new Shape(representation.get(0), width + 1));
    }
}
