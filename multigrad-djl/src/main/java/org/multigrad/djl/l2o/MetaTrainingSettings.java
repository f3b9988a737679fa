package org.multigrad.djl.l2o;

/**
 * The settings of ML2O meta-training; the constructor checks each, messages use the command-line names.
 *
 * @param steps total learner steps N (N/K̄ updates of Θ)
 * @param unroll K̄, learner steps per truncation window (the paper: 20)
 * @param episode learner steps before the learner is re-initialised (a multiple of K̄)
 * @param learnerRate α, the learner step x ← x − α·g (the paper: 0.0005)
 * @param metaRate Adam's learning rate on Θ (learning-to-learn: 0.001)
 * @param seed seeds Θ's initialisation, the learners' x_0 and the batches
 */
public record MetaTrainingSettings(int steps, int unroll, int episode, double learnerRate, double metaRate, long seed)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public MetaTrainingSettings {
        if (unroll < 1) {
            throw new IllegalArgumentException("--unroll must be >= 1, got " + unroll);
        }
        if (steps < 1 || steps % unroll != 0) {
            throw new IllegalArgumentException("--steps must be a positive multiple of --unroll " + unroll + ", got " + steps);
        }
        if (episode < unroll || episode % unroll != 0) {
            throw new IllegalArgumentException("--episode must be a positive multiple of --unroll " + unroll + ", got "
                    + episode);
        }
        if (!(learnerRate > 0) || !Double.isFinite(learnerRate)) {
            throw new IllegalArgumentException("--lr must be finite and > 0, got " + learnerRate);
        }
        if (!(metaRate > 0) || !Double.isFinite(metaRate)) {
            throw new IllegalArgumentException("--meta-lr must be finite and > 0, got " + metaRate);
        }
    }

    /** True when every setting but the number of steps is the same. */
    public boolean sameExceptSteps(MetaTrainingSettings other) {
        return unroll == other.unroll && episode == other.episode && learnerRate == other.learnerRate
                && metaRate == other.metaRate && seed == other.seed;
    }

    /** Θ updates: N/K̄. */
    public int windows() {
        return steps / unroll;
    }
}
