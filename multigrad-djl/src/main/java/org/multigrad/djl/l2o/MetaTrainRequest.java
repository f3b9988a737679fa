package org.multigrad.djl.l2o;

import org.multigrad.djl.experiment.TrainingData;
import org.multigrad.djl.data.MultiImageDatasets;
import org.multigrad.l2o.Preprocessing;

/**
 * One ML2O meta-training run on an image dataset; the constructor checks every field, messages name
 * the command-line option.
 *
 * @param dataset a multi-task image set ({@link MultiImageDatasets#NAMES})
 * @param model the learner: {@code mlp} ({@link MlpLearner}) or {@code cnn1} ({@link Cnn1Learner})
 * @param learnerWidth the hidden width of the mlp learner (cnn1 has fixed channels)
 * @param batch images per learner step
 * @param hidden H of ML2O
 * @param layers LSTM layers per module
 * @param preprocessing of the gradient coordinates
 * @param outputScale the head's scale
 * @param settings steps, K̄, episode, α, meta learning rate, seed
 * @param data where the images come from, PyTorch threads
 */
public record MetaTrainRequest(String dataset, String model, int learnerWidth, int batch, int hidden, int layers,
                               Preprocessing preprocessing, double outputScale, MetaTrainingSettings settings,
                               TrainingData data) {
    /** The learners that meta-training can unroll. */
    public static final java.util.List<String> MODELS = java.util.List.of("mlp", "cnn1");

    public MetaTrainRequest {
        if (!MultiImageDatasets.NAMES.contains(dataset)) {
            throw new IllegalArgumentException("--dataset: unknown dataset '" + dataset + "'; known: "
                    + String.join(", ", MultiImageDatasets.NAMES));
        }
        if (!MODELS.contains(model)) {
            throw new IllegalArgumentException("--model: meta-training unrolls only " + String.join(", ", MODELS)
                    + " so far, got '" + model + "'");
        }
        if (learnerWidth < 1) {
            throw new IllegalArgumentException("--learner-width must be >= 1, got " + learnerWidth);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batch);
        }
        if (hidden < 1) {
            throw new IllegalArgumentException("--hidden must be >= 1, got " + hidden);
        }
        if (layers < 1) {
            throw new IllegalArgumentException("--layers must be >= 1, got " + layers);
        }
        if (!(outputScale > 0) || !Double.isFinite(outputScale)) {
            throw new IllegalArgumentException("--scale must be finite and > 0, got " + outputScale);
        }
    }
}
