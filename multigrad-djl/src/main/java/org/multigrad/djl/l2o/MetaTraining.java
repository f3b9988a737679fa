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

    private MetaTraining() {
    }

    public static Result run(MetaTrainingSettings settings, Ml2oNetwork initial, MetaLearner learner, NDManager manager,
                             DataType type, Listener listener) {
        SplittableRandom random = new SplittableRandom(settings.seed());
        Adam adam = new Adam(settings.metaRate(), 0);
        double[] flat = Ml2oParameters.flatten(initial);
        Ml2oNetwork theta = initial;
        Ml2oState state = null;
        int windowsPerEpisode = settings.episode() / settings.unroll();
        double[] losses = new double[settings.windows()];
        long started = System.nanoTime();
        for (int w = 0; w < settings.windows(); w++) {
            if (w % windowsPerEpisode == 0) {
                state = Ml2oState.start(initial, learner.initial(random));
            }
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
            if (listener != null) {
                listener.window(w, outcome.metaLoss(), outcome.lastLosses());
            }
        }
        return new Result(theta, losses, (System.nanoTime() - started) / 1e9);
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
