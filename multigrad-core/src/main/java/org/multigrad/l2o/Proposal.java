package org.multigrad.l2o;

import org.multigrad.api.Jacobian;

/**
 * An update rule that GML2O guards: from the m (averaged) gradients Y_k at z_k it proposes g_k, and
 * the candidate is u = z_k − α_k g_k (seed 004, Algorithm 2). It may keep state across steps
 * (ML2O's LSTM states H_k).
 */
public interface Proposal {
    /** g_k for the gradients Y_k (m x n), a new array of length n. */
    double[] propose(Jacobian gradients);

    /** Forgets the state (H_k back to zero). */
    default void reset() {
    }
}
