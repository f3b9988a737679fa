package org.multigrad.djl.l2o;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.multigrad.djl.DjlRuntime;
import org.multigrad.djl.data.MultiImageDatasets;
import org.multigrad.djl.data.MultiTaskImages;
import org.multigrad.l2o.Ml2oNetwork;

/**
 * Meta-trains ML2O on a multi-task image set ({@link MetaTraining} on an {@link MlpLearner} or {@link Cnn1Learner} over the
 * training split): Θ starts from PyTorch's initialisation for the request's seed; tensors are
 * float32. Returns the trained Θ, the meta-loss of every window and the wall time.
 */
public final class MetaTrainService {
    private MetaTrainService() {
    }

    public static MetaTraining.Result run(MetaTrainRequest request, MetaTraining.Listener listener) {
        return run(request, listener, null, null);
    }

    /** From {@code resume} (null: from the start), handing {@code saver} (may be null) a checkpoint per window. */
    public static MetaTraining.Result run(MetaTrainRequest request, MetaTraining.Listener listener, MetaCheckpoint resume,
                                          MetaTraining.Saver saver) {
        DjlRuntime.engine();
        if (request.data().threads() > 0) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(request.data().threads());
        }
        long seed = request.settings().seed();
        MultiTaskImages train = MultiImageDatasets.load(request.dataset(), seed, request.data().mnistDir(),
                request.data().fashionDir(), request.data().cache()).train().head(request.data().trainLimit());
        MetaLearner learner = request.model().equals("cnn1") ? new Cnn1Learner(train, request.batch(), seed)
                : new MlpLearner(train, request.learnerWidth(), request.batch(), seed);
        Ml2oNetwork initial = Ml2oNetwork.random(learner.objectives(), request.hidden(), request.layers(),
                request.preprocessing(), request.outputScale(), seed);
        try (NDManager manager = DjlRuntime.engine().newBaseManager()) {
            return MetaTraining.run(request.settings(), initial, learner, manager, DataType.FLOAT32, listener, resume,
                    saver);
        }
    }
}
