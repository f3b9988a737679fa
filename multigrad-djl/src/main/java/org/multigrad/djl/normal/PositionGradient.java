package org.multigrad.djl.normal;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import java.util.function.Function;

/**
 * The gradient of a task position, thesis (5.11): d_{p_i} = dL_i/dp_i = ⟨∂L_i/∂z(p_i), dz/dp_i⟩ =
 * −⟨∂L_i/∂z(p_i), q⟩, the inner product summed over the batch and the features. The thesis takes
 * q(p_i), the continuous solution's velocity; we take q(t_n) at the last grid point before p_i, which
 * is the exact derivative of the discrete (Euler) solution z(p) = z(t_n) − (p − t_n) q(t_n) inside
 * its last step, so the gradient agrees with finite differences of the loss actually computed.
 * ∂L_i/∂z(p_i) comes from a backward through the head alone (the trunk and block are not traversed).
 */
public final class PositionGradient {
    private PositionGradient() {
    }

    /** d_p = ⟨∂L/∂z(p), dz/dp⟩ from the loss gradient at z(p) and the state's dz/dp (= −q(t_n)). */
    public static double of(NDArray lossGradient, OdeState state) {
        if (!lossGradient.getShape().equals(state.velocity().getShape())) {
            throw new IllegalArgumentException("loss gradient has shape " + lossGradient.getShape() + ", the state "
                    + state.velocity().getShape());
        }
        try (NDArray product = lossGradient.mul(state.velocity().stopGradient()).sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false)) {
            return product.getDouble();
        }
    }

    /**
     * d_p from a head-only backward: {@code loss} (the task's head and loss) is applied to a detached
     * copy of z(p) and differentiated back to it. The backward also reaches the head's parameters, so
     * their gradients are zeroed afterwards: call this before the step's own backward.
     */
    public static double headOnly(OdeState state, Function<NDArray, NDArray> loss, List<Parameter> headParameters) {
        NDArray leaf = state.z().stopGradient();
        leaf.setRequiresGradient(true);
        NDArray value = loss.apply(leaf);
        try (NDArray ones = value.getManager().ones(value.getShape(), value.getDataType())) {
            JniUtils.backward((PtNDArray) value, (PtNDArray) ones, false, false);
        }
        for (Parameter parameter : headParameters) {
            if (parameter.getArray().hasGradient()) {
                JniUtils.zeroGrad((PtNDArray) parameter.getArray());
            }
        }
        try (NDArray gradient = leaf.getGradient()) {
            return of(gradient, state);
        }
    }
}
