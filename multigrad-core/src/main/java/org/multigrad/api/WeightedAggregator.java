package org.multigrad.api;


/**
 * d = Jᵀλ with λ from a {@link Weighting}: one Gramian pass over J (only if the weighting asks for
 * G), an m-dimensional solve, one combination pass.
 */
public final class WeightedAggregator implements Aggregator {
    private static final long serialVersionUID = 5594531697841602076L;

    private final Weighting weighting;

    public WeightedAggregator(Weighting weighting) {
        this.weighting = weighting;
    }

    public Weighting weighting() {
        return weighting;
    }

    /** The training-loop hooks of the aggregator's weighting (through wrappers), or null when it has none. */
    public static TrainingHooks hooks(Aggregator aggregator) {
        return aggregator instanceof WeightedAggregator weighted ? TrainingHooks.of(weighted.weighting()) : null;
    }

    @Override
    public Aggregation aggregate(Jacobian jacobian, double[] losses) {
        return aggregate(jacobian, losses, null);
    }

    @Override
    public Aggregation aggregate(Jacobian jacobian, double[] losses, Curvature curvature) {
        double[] weights = weights(jacobian, losses, curvature);
        double[] direction = jacobian.combine(weights);
        requireFinite(jacobian, direction);
        return new Aggregation(direction, weights);
    }

    /** Aggregates into a caller-owned direction buffer (length n): no allocation proportional to n. */
    public double[] aggregateInto(Jacobian jacobian, double[] losses, double[] direction) {
        double[] weights = weights(jacobian, losses, null);
        jacobian.combine(weights, direction);
        requireFinite(jacobian, direction);
        return weights;
    }

    /**
     * Methods that never form G (loss-based ones) would otherwise pass a NaN in J straight through;
     * scanning d costs n reads, not m·n.
     */
    private static void requireFinite(Jacobian jacobian, double[] direction) {
        for (double value : direction) {
            if (!Double.isFinite(value)) {
                jacobian.requireFinite();
                throw new IllegalArgumentException("direction overflows the double range; rescale the objectives");
            }
        }
    }

    private double[] weights(Jacobian jacobian, double[] losses, Curvature curvature) {
        WeightingInput input = WeightingInput.of(jacobian, losses);
        double[] weights = weighting.weights(curvature == null ? input : input.withCurvature(curvature));
        if (weights.length != jacobian.objectives()) {
            throw new IllegalStateException(weighting.getClass().getSimpleName() + " returned " + weights.length
                    + " weights for m = " + jacobian.objectives());
        }
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i])) {
                throw new IllegalStateException(weighting.getClass().getSimpleName() + " returned weight " + i + " = "
                        + weights[i] + " (a bug: weights must be finite)");
            }
        }
        return weights;
    }

    @Override
    public void reset() {
        weighting.reset();
    }

    @Override
    public String toString() {
        return "WeightedAggregator(" + weighting + ")";
    }
}
