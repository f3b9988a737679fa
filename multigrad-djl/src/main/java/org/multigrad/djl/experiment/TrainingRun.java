package org.multigrad.djl.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.multigrad.djl.DjlRuntime;
import org.multigrad.djl.MultiTaskModel;
import org.multigrad.djl.MultiTaskTraining;
import org.multigrad.djl.TrainingConfig;
import org.multigrad.djl.data.MultiImageDatasets;
import org.multigrad.djl.data.MultiTaskImages;

/**
 * {@code train} as a service: one {@link TrainingRequest} trained by {@link MultiTaskTraining}
 * into its directory ({@value MetricsFile#NAME} as training goes, {@value ResultFile#RESULT} and the
 * checkpoint after every epoch, {@value ResultFile#CONFIG} at the start), returning a
 * {@link TrainingResult}. A resumed run continues from the checkpoint bit for bit and keeps the
 * earlier epochs' rows. A NaN or infinite loss or gradient ends the run with
 * {@link org.multigrad.djl.TrainingDivergedException}; the last epoch's checkpoint stays.
 */
public final class TrainingRun {
    /** Follows a run: set-up, then {@link MultiTaskTraining.Listener}'s steps and epochs. */
    public interface Listener extends MultiTaskTraining.Listener {
        /** The data is about to load (it is built and cached on first use). */
        default void loading(TrainingRequest request) {
        }

        /** The model is built (and restored from the checkpoint when resumed); training starts. */
        default void started(Start start) {
        }
    }

    /** The run as it starts: data sizes, shared parameters, steps per epoch, and where a resumed run stands. */
    public record Start(int trainImages, int testImages, int sharedParameters, int stepsPerEpoch, int epochsDone,
                        long stepsDone, boolean resumed) {
    }

    private final TrainingRequest request;
    private final TrainingConfig config;

    private TrainingRun(TrainingRequest request) {
        this.request = request;
        this.config = request.config();
    }

    /**
     * Checks the run's directory before PyTorch starts or any data loads: a resumed run needs a
     * checkpoint written with the same configuration (the epochs aside), a new run must not
     * overwrite one.
     */
    public static TrainingRun prepare(TrainingRequest request) {
        if (request.resume() && !Files.isRegularFile(request.checkpoint())) {
            throw new IllegalArgumentException("--resume: " + request.checkpoint() + " does not exist");
        }
        if (!request.resume() && Files.exists(request.checkpoint())) {
            throw new IllegalArgumentException(request.out() + " already holds a run (" + request.checkpoint()
                    + "); pass --resume to continue it or choose another --out");
        }
        TrainingRun run = new TrainingRun(request);
        if (request.resume()) {
            MultiTaskTraining.requireSameConfiguration(request.checkpoint(), run.config);
        }
        return run;
    }

    public TrainingRequest request() {
        return request;
    }

    /** Trains the remaining epochs and writes the run's files. */
    public TrainingResult run(Listener listener) {
        DjlRuntime.engine();
        if (request.data().threads() > 0) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(request.data().threads());
        }
        listener.loading(request);
        MultiImageDatasets.Splits splits = request.data().load(request.dataset(), request.seed());
        MultiTaskImages train = splits.train();
        MultiTaskImages test = splits.test();
        MultiTaskImages validation = null;
        if (config.validationSplit() > 0) {
            // the last ⌊split·N⌋ training images are the upper level's; the lower level never sees them
            int held = (int) Math.floor(config.validationSplit() * train.size());
            validation = train.slice(train.size() - held, held);
            train = train.slice(0, train.size() - held);
        }
        MultiTaskTraining training = new MultiTaskTraining(config, MultiTaskTraining.createModel(config, train), train, validation, test,
                request.precision());
        try {
            training.evaluateTrainingSet(request.evaluateTrainingSet());
            Files.createDirectories(request.out());
            return train(training, train, test, listener);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + request.out() + ": " + e.getMessage(), e);
        } finally {
            training.model().close();
        }
    }

    private TrainingResult train(MultiTaskTraining training, MultiTaskImages train, MultiTaskImages test,
                                 Listener listener) {
        List<TrainingResult.Step> history = new ArrayList<>();
        List<TrainingResult.Evaluation> evaluations = new ArrayList<>();
        MetricsFile metrics;
        if (request.resume()) {
            training.loadCheckpoint(request.checkpoint());
            metrics = MetricsFile.resume(request.out(), request.seed(), train.tasks(), training.steps(), history,
                    evaluations);
        } else {
            metrics = MetricsFile.create(request.out(), request.seed(), train.tasks());
        }
        int epochsBefore = training.epochsDone();
        ResultFile.writeConfig(request.out(), config, train.size(), training.validationImages(), test.size(),
                training.model().sharedSize(), training.model().parameterCount());
        listener.started(new Start(train.size(), test.size(), training.model().sharedSize(), training.stepsPerEpoch(),
                epochsBefore, training.steps(), request.resume()));
        double[][][] last = new double[1][][];
        MultiTaskModel model = training.model();
        PositionsFile positions = model.hasOde()
                ? PositionsFile.open(request.out(), request.seed(), train.tasks(), request.resume(), training.steps()) : null;
        Map<String, Object> extras = new java.util.LinkedHashMap<>();
        try (metrics; positions) {
            training.run(request.out(), new MultiTaskTraining.Listener() {
                @Override
                public void onStep(MultiTaskTraining.StepEvent event) {
                    metrics.step(event);
                    if (positions != null) {
                        positions.step(event.globalStep(), event.epoch(), model.positions());
                    }
                    history.add(new TrainingResult.Step(event.epoch(), event.globalStep(), event.result().losses(),
                            event.result().weights()));
                    listener.onStep(event);
                }

                @Override
                public void onEpoch(MultiTaskTraining.EpochEvent event) {
                    metrics.epoch(event);
                    if (positions != null) {
                        positions.flush();
                    }
                    evaluations.add(new TrainingResult.Evaluation(event.epoch(), event.globalStep(), event.testLoss(),
                            event.testAccuracy()));
                    last[0] = new double[][] {event.testLoss(), event.testAccuracy(),
                        event.trainSet() == null ? null : event.trainSet()[0],
                        event.trainSet() == null ? null : event.trainSet()[1]};
                    if (positions != null) {
                        putPositions(extras, model.positions());
                    }
                    training.acceptanceRate().ifPresent(rate -> extras.put("acceptance_rate", rate));
                    extras.put("test_top5_accuracy", event.testTop5());
                    ResultFile.write(result(training, history, evaluations, last[0], epochsBefore), extras);
                    listener.onEpoch(event);
                }
            });
        }
        if (last[0] == null) {
            double[][] evaluation = training.evaluate(test, 500);
            extras.put("test_top5_accuracy", evaluation[2]);
            double[][] trainSet = request.evaluateTrainingSet() ? training.evaluate(train, 500) : new double[2][];
            last[0] = new double[][] {evaluation[0], evaluation[1], trainSet[0], trainSet[1]};
        }
        TrainingResult result = result(training, history, evaluations, last[0], epochsBefore);
        if (positions != null) {
            putPositions(extras, model.positions());
        }
        training.acceptanceRate().ifPresent(rate -> extras.put("acceptance_rate", rate));
        ResultFile.write(result, extras);
        return result;
    }

    /** The final positions, and on fashion-ovr their mean distances within and between the garment families. */
    private void putPositions(Map<String, Object> extras, double[] values) {
        extras.put("positions", values);
        if (config.dataset().equals("fashion-ovr")) {
            FamilyDistances distances = FamilyDistances.of(values, org.multigrad.djl.data.MultiImageDatasets.FASHION_FAMILIES);
            extras.put("position_distance_within_families", distances.within());
            extras.put("position_distance_between_families", distances.between());
        }
    }

    /** The result so far; {@code last}: test losses, test accuracies, training-split losses and accuracies (or null). */
    private TrainingResult result(MultiTaskTraining training, List<TrainingResult.Step> history,
                                  List<TrainingResult.Evaluation> evaluations, double[][] last, int epochsBefore) {
        return new TrainingResult(config, request.out(), training.stepMode(), training.epochsDone(), training.steps(),
                training.epochsDone() - epochsBefore, List.copyOf(history), List.copyOf(evaluations), last[0], last[1],
                last[2], last[3], TrainingResult.TimePerStep.of(training.timeTotals(), training.steps(),
                config.batchSize()));
    }

    /** A finished run's result, read back from its files (how {@link BenchStudy} reuses a run). */
    public TrainingResult finished() {
        return ResultFile.read(request.out(), config);
    }

    /** The epochs the run's result.json reports, 0 when there is none. */
    public int epochsDone() {
        return ResultFile.epochs(request.out());
    }
}
