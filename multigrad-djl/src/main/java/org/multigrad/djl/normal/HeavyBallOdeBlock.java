package org.multigrad.djl.normal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import java.util.List;

/**
 * NORMAL's time-aware heavy-ball ODE block Q_φ (thesis (5.5)–(5.9)): from the shared representation
 * r = f_θ(x) (batch x d), z(0) = r and q(0) = u(r), then dz/dt = −q, dq/dt = −γ q + g(z, t) + ξ z
 * integrated by {@link HeavyBallOde} to each task position; task i reads z(p_i).
 * u and g are {@link TimeAwareFunction}s (FC → LeakyReLU → FC, g on [z, t]); γ = sigmoid(ω) with ω
 * learnable, initialised at −3, and ξ fixed (default 0) follow HBNODE ({@code HeavyBallNODE} in
 * hedixia/HeavyBallNODE, {@code gamma = Parameter([-3.0])}, {@code corr = 0}).
 *
 * <p>As a DJL block its inputs are [r, positions (m)] and its outputs [z(p_1), ..., z(p_m)]; its
 * parameters (u, g, ω) are shared and so belong to the Jacobian. The positions are not parameters of
 * the block: they have their own optimizer and gradient ({@link PositionGradient}).
 */
public final class HeavyBallOdeBlock extends OdeBlock {
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
        this.velocity = addChildBlock("velocity", TimeAwareFunction.twoLayers(width));
        this.function = addChildBlock("function", TimeAwareFunction.twoLayers(width));
        this.omega = addParameter(Parameter.builder().setName("omega").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1)).optInitializer(new ConstantInitializer(OMEGA_INIT)).build());
    }

    /**
     * The block's parameter count for width d: u has 2(d² + d), g has (d + 1)d + d + d² + d, and ω one,
     * so 4d² + 5d + 1 (10,251 for LeNet's d = 50, against the 21,330 parameters of its shared trunk: not negligible).
     */
    public static long parameterCount(int width) {
        long d = width;
        return 4 * d * d + 5 * d + 1;
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

    @Override
    public List<OdeState> solve(ParameterStore store, NDArray representation, double[] positions, boolean training) {
        NDArray q0 = velocity.forward(store, new NDList(representation), training).singletonOrThrow();
        NDArray gamma = Activation.sigmoid(store.getValue(omega, representation.getDevice(), training));
        return new HeavyBallOde(TimeAwareFunction.of(function, store, training), gamma, xi, step).solve(representation, q0, positions);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        TimeAwareFunction.initialize(function, manager, dataType, inputShapes[0], width);
        velocity.initialize(manager, dataType, inputShapes[0]);
    }
}
