package org.multigrad.djl;

import org.multigrad.method.spec.MethodSpec;

/**
 * With respect to what the per-task gradients are taken.
 *
 * <ul>
 *   <li>{@link #PARAMETERS}: J holds ∂L_i/∂θ_shared (m backwards through the whole trunk). Every
 *       method's guarantees apply as stated.</li>
 *   <li>{@link #REPRESENTATION}: MGDA-UB (Sener and Koltun 2018, section 3.3): J holds ∂L_i/∂z for
 *       the shared representation z (batch x features, flattened), so the m task backwards stop at z
 *       and only one backward goes through the trunk, with the combined gradient Σλ_i ∂L_i/∂z. The
 *       trunk then receives Σλ_i ∂L_i/∂θ: the same combination of the parameter gradients, with λ
 *       computed from the representation Gramian instead of the parameter Gramian. It suits
 *       Gramian-based weightings whose weights are meaningful on any inner-product space: mgda (the
 *       paper's upper bound: ‖Σλ_i ∇_θ L_i‖ ≤ ‖∂z/∂θ‖·‖Σλ_i ∇_z L_i‖), and heuristically cagrad,
 *       imtl-g, pcgrad and the loss-based methods (rlw, mean, sum, constant, which ignore J).
 *       Non-conflict is then guaranteed in representation space only, not for the parameters.
 *       Coordinate-wise aggregators would act on z's coordinates and are not the same method.</li>
 * </ul>
 */
public enum JacobianMode {
    PARAMETERS,
    REPRESENTATION;

    /**
     * The mode a step of {@code method} runs in when this one is requested: {@link #REPRESENTATION}
     * for a method that asks for representation gradients (mgda-ub) and for one whose weights read
     * no gradients ({@link MethodSpec#readsGradients()} false:
     * mean, sum, constant, rlw, uw, dwa, famo, gls), else this mode. For those methods both modes give
     * the same update (the trunk receives Σλ_i ∂L_i/∂θ = ∂/∂θ ⟨Σλ_i ∂L_i/∂z, z⟩, the heads their own
     * task's gradient, λ does not depend on J), but representation mode back-propagates through
     * the trunk once instead of m times: PyTorch's cost for a weighted-sum loss.
     */
    public JacobianMode effectiveFor(MethodSpec method) {
        if (method.wantsRepresentationGradients()) {
            return REPRESENTATION;
        }
        return this == PARAMETERS && !method.readsGradients() ? REPRESENTATION : this;
    }
}
