package org.multigrad.djl.l2o;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.SplittableRandom;
import org.multigrad.l2o.Ml2oNetwork;
import org.multigrad.optim.Adam;

/**
 * ML2O meta-training by truncated BPTT (seed 004, section 3; Andrychowicz et al., NeurIPS 2016): the
 * learner runs N steps in windows of K̄ ({@link UnrolledWindow}); after each window Θ takes one Adam
 * step (the core's {@link Adam}, PyTorch's semantics) on ∂𝓛/∂Θ; the learner's x and the LSTM states
 * carry over to the next window as values, and every {@code episode} steps the learner restarts from
 * a fresh x_0 with zero states. The paper prints plain gradient descent on Θ with an unnamed rate;
 * Adam at 0.001 is learning-to-learn's choice (spec [UNSPECIFIED]).
 */
public final class MetaTraining {
    /** Told after every window (Θ update) w (from 0) with its meta-loss and the learner's losses f^i(x_K̄). */
    public interface Listener {
        void window(int window, double metaLoss, double[] learnerLosses);
    }

    /** The trained Θ and 𝓛 of every window, in order. */
    public record Result(Ml2oNetwork theta, double[] metaLosses, double seconds) {
    }

    /** Receives a checkpoint after every window. */
    public interface Saver {
        void save(MetaCheckpoint checkpoint);
    }

    private MetaTraining() {
    }

    public static Result run(MetaTrainingSettings settings, Ml2oNetwork initial, MetaLearner learner, NDManager manager,
                             DataType type, Listener listener) {
        return run(settings, initial, learner, manager, type, listener, null, null);
    }

    /**
     * Meta-training from {@code resume} (null: from {@code initial}), handing {@code saver} (may be
     * null) a checkpoint after every window. A resumed run takes the same steps as an uninterrupted one;
     * only the total number of steps may differ from the checkpoint's (to extend a run).
     */
    public static Result run(MetaTrainingSettings settings, Ml2oNetwork initial, MetaLearner learner, NDManager manager,
                             DataType type, Listener listener, MetaCheckpoint resume, Saver saver) {
        Adam adam = new Adam(settings.metaRate(), 0);
        double[] flat = Ml2oParameters.flatten(initial);
        Ml2oState state = null;
        int first = 0;
        double[][] rows = new double[settings.windows()][];
        if (resume != null) {
            if (!resume.settings().sameExceptSteps(settings) || resume.windows() > settings.windows()) {
                throw new IllegalArgumentException("--resume: the checkpoint was written with " + resume.settings()
                        + ", this run asks for " + settings);
            }
            if (resume.theta().length != flat.length) {
                throw new IllegalArgumentException("--resume: the checkpoint's Θ has " + resume.theta().length
                        + " entries, this network " + flat.length + " (other --hidden, --layers or preprocessing?)");
            }
            flat = resume.theta().clone();
            adam = resume.adam();
            state = resume.state();
            first = resume.windows();
            System.arraycopy(resume.rows(), 0, rows, 0, first);
        }
        Ml2oNetwork theta = Ml2oParameters.network(initial, flat);
        int windowsPerEpisode = settings.episode() / settings.unroll();
        double[] losses = new double[settings.windows()];
        for (int w = 0; w < first; w++) {
            losses[w] = rows[w][0];
        }
        long started = System.nanoTime();
        for (int w = first; w < settings.windows(); w++) {
            if (w % windowsPerEpisode == 0) {
                state = Ml2oState.start(initial, learner.initial(new SplittableRandom(derived(settings.seed(), 2L * w))));
            }
            learner.seedBatches(derived(settings.seed(), 2L * w + 1));
            UnrolledWindow.Outcome outcome = UnrolledWindow.run(learner, theta, state, settings.learnerRate(),
                    settings.unroll(), manager, type);
            if (!Double.isFinite(outcome.metaLoss()) || !allFinite(outcome.gradient())) {
                throw new IllegalStateException("ml2o meta-training diverged at window " + (w + 1) + " (meta-loss "
                        + outcome.metaLoss() + "); lower --lr or --meta-lr");
            }
            adam.step(flat, outcome.gradient());
            theta = Ml2oParameters.network(initial, flat);
            state = outcome.end();
            losses[w] = outcome.metaLoss();
            rows[w] = new double[1 + outcome.lastLosses().length];
            rows[w][0] = outcome.metaLoss();
            System.arraycopy(outcome.lastLosses(), 0, rows[w], 1, outcome.lastLosses().length);
            if (saver != null) {
                saver.save(new MetaCheckpoint(settings, w + 1, flat.clone(), adam, state, rows));
            }
            if (listener != null) {
                listener.window(w, outcome.metaLoss(), outcome.lastLosses());
            }
        }
        return new Result(theta, losses, (System.nanoTime() - started) / 1e9);
    }

    /** A seed for stream {@code index} of {@code seed}: one SplittableRandom draw, so nearby indices are unrelated. */
    static long derived(long seed, long index) {
        return new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (index + 1)).nextLong();
    }

    private static boolean allFinite(double[] values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }
}
