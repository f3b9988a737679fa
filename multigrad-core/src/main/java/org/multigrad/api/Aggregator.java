package org.multigrad.api;

import java.io.Serializable;

/**
 * Maps the m x n Jacobian (and optionally the m losses) of one step to an update direction of
 * length n with the sign of a gradient. Most aggregators are a {@link WeightedAggregator}; the few
 * that need coordinates implement this directly. Serialisable, with all state, for {@link Checkpoints}.
 */
public interface Aggregator extends Serializable {
    /** Aggregates J; {@code losses} may be null for methods that do not use them. */
    Aggregation aggregate(Jacobian jacobian, double[] losses);

    default Aggregation aggregate(Jacobian jacobian) {
        return aggregate(jacobian, null);
    }

    /**
     * Aggregates J with second-order information for methods that use it (CAMOO); the default
     * ignores {@code curvature}, which may be null.
     */
    default Aggregation aggregate(Jacobian jacobian, double[] losses, Curvature curvature) {
        return aggregate(jacobian, losses);
    }

    /** Restores the initial state; a no-op for stateless aggregators. */
    default void reset() {
    }
}
