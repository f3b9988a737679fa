package org.multigrad.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;
import org.multigrad.api.Aggregator;
import org.multigrad.api.Checkpoints;
import org.multigrad.djl.data.MultiImageDatasets;
import org.multigrad.djl.data.MultiTaskImages;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.registry.MethodRegistry;

/**
 * The multi-task training loop: epochs of shuffled mini-batches (the permutation of epoch e comes
 * from the seed and e alone; an incomplete last batch is dropped so that every step sees the same
 * batch size), one {@link MultiTaskStepper} step per batch (or a bi-level task weighting's, or a
 * learned optimizer's), evaluation on the test split after each epoch, and a checkpoint after each
 * epoch holding the model, the optimizer state, the method state, the step counter and the
 * accumulated step times. Resuming from it continues bit for bit. With a step budget
 * ({@link TrainingConfig#steps}) the run ends after that many steps, mid-epoch if need be, with one
 * more evaluation and checkpoint there; a longer budget resumes inside that epoch.
 */
public final class MultiTaskTraining {
    static final int CHECKPOINT_MAGIC = 0x4d47434b;
    static final int CHECKPOINT_VERSION = 2;
    public static final String CHECKPOINT_FILE = "checkpoint.bin";

    private final TrainingConfig config;
    private final MultiTaskModel model;
    private final MultiTaskImages train;
    private final MultiTaskImages test;
    /** The upper-level batches of a bi-level task weighting; null for other methods. */
    private final MultiTaskImages validation;
    /** Exactly one of the two steps a batch: an aggregating method's, or a bi-level task weighting's. */
    private final MultiTaskStepper stepper;
    private final TaskWeightLearner learner;
    /** Or a learned optimizer's step (ml2o, gml2o), which moves every parameter itself. */
    private final LearnedOptimizerStep learned;
    private int epochsDone;
    private long steps;
    private StepTimes timeTotals = StepTimes.ZERO;
    private final DjlArrays.Scratch evaluationBuffer = new DjlArrays.Scratch();
    private boolean evaluateTrainingSet;

    /** Reported after every step. */
    public record StepEvent(int epoch, int step, int stepsPerEpoch, long globalStep, int batchSize, MultiTaskStepper.Result result) {
    }

    /**
     * Reported after every epoch: test losses, accuracies and top-5 accuracies per task, the mean of
     * the epoch's step losses ({@code trainLoss}) and, when {@link #evaluateTrainingSet} is on, the
     * loss and accuracy on the whole training split at the epoch's final parameters ({@code trainSet}:
     * [0] losses, [1] accuracies; null otherwise).
     */
    public record EpochEvent(int epoch, long globalStep, double[] testLoss, double[] testAccuracy, double[] testTop5,
                             double[] trainLoss, double[][] trainSet, StepTimes timeTotals, long steps) {
    }

    /** Receives progress; both methods may be no-ops. */
    public interface Listener {
        default void onStep(StepEvent event) {
        }

        default void onEpoch(EpochEvent event) {
        }
    }

    /** Builds the model (seeded), the method and the optimizer of {@code config}. */
    public MultiTaskTraining(TrainingConfig config, MultiTaskImages train, MultiTaskImages test) {
        this(config, train, test, JacobianPrecision.FLOAT32);
    }

    /**
     * As above, with J stored in {@code precision} (for methods that accept it, see
     * {@link JacobianPrecision#effectiveFor}). Not part of the configuration: the gradients are the
     * same float32 values in either storage, and G and Jᵀλ accumulate in double in both.
     */
    public MultiTaskTraining(TrainingConfig config, MultiTaskImages train, MultiTaskImages test, JacobianPrecision precision) {
        this(config, createModel(config, train), train, test, precision);
    }

    /** Trains a given model (tests use tiny ones); its initial parameters are the caller's. */
    public MultiTaskTraining(TrainingConfig config, MultiTaskModel model, MultiTaskImages train, MultiTaskImages test) {
        this(config, model, train, test, JacobianPrecision.FLOAT32);
    }

    /** Trains a given model with J stored in {@code precision} (where the method accepts it). */
    public MultiTaskTraining(TrainingConfig config, MultiTaskModel model, MultiTaskImages train, MultiTaskImages test,
                             JacobianPrecision precision) {
        this(config, model, train, null, test, precision);
    }

    /**
     * Trains with a validation split: the upper-level batches of a bi-level task weighting
     * ({@link TaskWeightLearner}: forum, moml), which needs one of at least one batch; null for other methods.
     */
    public MultiTaskTraining(TrainingConfig config, MultiTaskModel model, MultiTaskImages train, MultiTaskImages validation,
                             MultiTaskImages test, JacobianPrecision precision) {
        if (train.tasks() != model.tasks()) {
            throw new IllegalArgumentException("dataset has " + train.tasks() + " tasks, model " + model.tasks() + " heads");
        }
        if (train.size() < config.batchSize()) {
            throw new IllegalArgumentException("training set has " + train.size() + " images, fewer than one batch of "
                    + config.batchSize());
        }
        this.config = config;
        this.model = model;
        this.train = train;
        this.test = test;
        if (LearnedOptimizerStep.isLearned(config.optimizer())) {
            this.validation = null;
            this.stepper = null;
            this.learner = null;
            this.learned = LearnedOptimizerStep.create(config, model);
            return;
        }
        this.learned = null;
        CheckpointableOptimizer optimizer = CheckpointableOptimizer.named(config.optimizer(), config.learningRate());
        if (TaskWeightLearner.isBilevel(config.method())) {
            if (validation == null || validation.size() < config.batchSize()) {
                throw new IllegalArgumentException(config.method() + " needs a validation split of at least one batch of "
                        + config.batchSize() + " images, got " + (validation == null ? "none" : validation.size() + " images")
                        + "; raise --val-split");
            }
            this.validation = validation;
            this.stepper = null;
            this.learner = TaskWeightLearner.create(config.method(), config.params(), model, optimizer, precision);
        } else {
            MethodSpec method = MethodRegistry.get(config.method());
            Aggregator aggregator = method.create(config.params());
            this.validation = null;
            this.learner = null;
            JacobianMode mode = config.mode().effectiveFor(method);
            if (model.hasOde() && mode == JacobianMode.REPRESENTATION) {
                if (config.mode() == JacobianMode.REPRESENTATION || method.wantsRepresentationGradients()) {
                    throw new IllegalArgumentException(model.name() + " takes the Jacobian with respect to the parameters: its"
                            + " ODE block lies between the representation and the heads (use --mode parameters, and mgda for"
                            + " mgda-ub)");
                }
                // the single-backward shortcut of gradient-free weightings would bypass the block's aggregation
                mode = JacobianMode.PARAMETERS;
            }
            this.stepper = new MultiTaskStepper(new DjlJacobianSource(model, mode, precision.effectiveFor(method)), aggregator,
                    optimizer);
        }
    }

    /** The configured model, its initialisation seeded by the run's seed. */
    public static MultiTaskModel createModel(TrainingConfig config, MultiTaskImages train) {
        DjlRuntime.seed(config.seed());
        return Models.create(config.model(), train.tasks(), train.classes(0), config.modelParams());
    }

    public MultiTaskModel model() {
        return model;
    }

    /** The method's training-loop hooks (through wrappers), or null when it has none. */
    public org.multigrad.api.TrainingHooks hooks() {
        return stepper == null ? null : stepper.hooks();
    }

    /** The learned optimizer's share of accepted proposals so far (1 for ml2o); empty for other optimizers. */
    public java.util.OptionalDouble acceptanceRate() {
        return learned == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(learned.acceptanceRate());
    }

    /**
     * Also evaluates the whole training split after every epoch (one forward pass over it without a
     * graph): the "final training loss" of seed 002's Table 2. Off by default; does not change training.
     */
    public void evaluateTrainingSet(boolean on) {
        this.evaluateTrainingSet = on;
    }

    /** The Jacobian mode the steps run in: the configured one, or representation for gradient-free weightings ({@link JacobianMode#effectiveFor}). */
    public JacobianMode stepMode() {
        return stepper == null ? JacobianMode.PARAMETERS : stepper.source().mode();
    }

    /** ω's optimizer; null for a learned optimizer, which keeps no state beyond its own. */
    private CheckpointableOptimizer optimizer() {
        return stepper != null ? stepper.optimizer() : learner != null ? learner.optimizer() : null;
    }

    /** The size of the validation split (0 when the method uses none). */
    public int validationImages() {
        return validation == null ? 0 : validation.size();
    }

    public int epochsDone() {
        return epochsDone;
    }

    public long steps() {
        return steps;
    }

    public StepTimes timeTotals() {
        return timeTotals;
    }

    public int stepsPerEpoch() {
        return train.size() / config.batchSize();
    }

    /**
     * Runs the remaining epochs up to {@code config.epochs()}, or the remaining steps up to
     * {@code config.steps()} when set, checkpointing into {@code dir} (null: no checkpoints).
     */
    public void run(Path dir, Listener listener) {
        int batch = config.batchSize();
        int perImage = train.rows() * train.columns();
        float[] inputs = new float[batch * perImage];
        int[][] targets = new int[train.tasks()][batch];
        float[] validationInputs = validation == null ? null : new float[batch * perImage];
        int[][] validationTargets = new int[train.tasks()][batch];
        int stepsPerEpoch = stepsPerEpoch();
        boolean bySteps = config.steps() > 0;
        for (int epoch = epochsDone; bySteps ? steps < config.steps() : epoch < config.epochs(); epoch++) {
            int[] order = MultiImageDatasets.permutation(train.size(), new Random(config.seed() * 1_000_003L + epoch));
            // the validation batches of epoch e: a permutation drawn from (seed, e) alone, read cyclically
            int[] validationOrder = validation == null ? null
                    : MultiImageDatasets.permutation(validation.size(), new Random(config.seed() * 1_000_003L + epoch + 500_009L));
            double[] lossSums = new double[train.tasks()];
            // a run stopped by its step budget inside this epoch continues where it stopped
            int firstStep = (int) (steps - (long) epoch * stepsPerEpoch);
            int lastStep = bySteps ? (int) Math.min(stepsPerEpoch, config.steps() - (long) epoch * stepsPerEpoch) : stepsPerEpoch;
            for (int step = firstStep; step < lastStep; step++) {
                train.batch(order, step * batch, batch, MultiImageDatasets.MEAN, MultiImageDatasets.STD, inputs, targets);
                MultiTaskStepper.Result result;
                try {
                    if (learned != null) {
                        result = learned.step(steps + 1, inputs, batch, targets, this::extraBatch);
                    } else if (learner == null) {
                        result = stepper.step(inputs, batch, targets);
                    } else {
                        int validationBatches = validation.size() / batch;
                        validation.batch(validationOrder, (step % validationBatches) * batch, batch, MultiImageDatasets.MEAN,
                                MultiImageDatasets.STD, validationInputs, validationTargets);
                        result = learner.step(inputs, batch, targets, validationInputs, batch, validationTargets);
                    }
                } catch (TrainingDivergedException e) {
                    throw e.at(steps + 1);
                }
                steps++;
                timeTotals = timeTotals.plus(result.times());
                for (int task = 0; task < lossSums.length; task++) {
                    lossSums[task] += result.losses()[task];
                }
                listener.onStep(new StepEvent(epoch, step, stepsPerEpoch, steps, batch, result));
            }
            boolean complete = lastStep == stepsPerEpoch;
            if (stepper != null && complete) {
                stepper.endEpoch();
            }
            for (int task = 0; task < lossSums.length; task++) {
                lossSums[task] /= Math.max(1, lastStep - firstStep);
            }
            if (complete) {
                epochsDone = epoch + 1;
            }
            double[][] evaluation = evaluate(test, 500);
            double[][] trainSet = evaluateTrainingSet ? evaluate(train, 500) : null;
            listener.onEpoch(new EpochEvent(epoch, steps, evaluation[0], evaluation[1], evaluation[2], lossSums, trainSet,
                    timeTotals, steps));
            // after the listener has written out this epoch's rows: the run's files never lag the checkpoint
            if (dir != null) {
                saveCheckpoint(dir.resolve(CHECKPOINT_FILE));
            }
        }
    }

    /**
     * Extra mini-batch {@code sample} of global step {@code step} for a growing sample (DSSMG's N_k):
     * {@code batch} training images drawn without replacement by a generator seeded with the run's
     * seed, the step and the sample alone, so that a resumed run draws the same ones.
     */
    private void extraBatch(long step, int sample, float[] inputs, int[][] targets) {
        Random random = new Random(config.seed() * 1_000_003L + step * 1_009L + sample + 900_007L);
        int[] order = MultiImageDatasets.permutation(train.size(), random);
        train.batch(order, 0, config.batchSize(), MultiImageDatasets.MEAN, MultiImageDatasets.STD, inputs, targets);
    }

    /**
     * Mean loss ({@code [0]}), accuracy ({@code [1]}) and top-5 accuracy ({@code [2]}, ML2O's Tables
     * 1–3) per task on a set, without building a graph.
     */
    public double[][] evaluate(MultiTaskImages set, int batchSize) {
        int tasks = set.tasks();
        double[] loss = new double[tasks];
        double[] correct = new double[tasks];
        double[] top5 = new double[tasks];
        int perImage = set.rows() * set.columns();
        int[] order = new int[set.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        float[] inputs = new float[batchSize * perImage];
        int[][] targets = new int[tasks][batchSize];
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int from = 0; from < set.size(); from += batchSize) {
                int size = Math.min(batchSize, set.size() - from);
                set.batch(order, from, size, MultiImageDatasets.MEAN, MultiImageDatasets.STD, inputs, targets);
                long[] dims = model.inputShape().getShape().clone();
                dims[0] = size;
                try (NDManager scope = model.manager().newSubManager()) {
                    NDArray input = scope.create(DjlArrays.fill(evaluationBuffer, inputs, size * perImage), new Shape(dims),
                            ai.djl.ndarray.types.DataType.FLOAT32);
                    MultiTaskModel.TaskInputs z = model.taskInputs(model.representation(input, false), false);
                    for (int task = 0; task < tasks; task++) {
                        long[] labels = new long[size];
                        for (int b = 0; b < size; b++) {
                            labels[b] = targets[task][b];
                        }
                        NDArray labelArray = scope.create(labels);
                        NDArray logits = model.head(task, z.inputs().get(task), false);
                        loss[task] += Losses.crossEntropy(logits, labelArray).getFloat() * size;
                        correct[task] += Losses.correct(logits, labelArray);
                        top5[task] += Losses.correctTopK(logits, labels, 5);
                    }
                }
            }
        } finally {
            JniUtils.setGradMode(previous);
        }
        for (int task = 0; task < tasks; task++) {
            loss[task] /= set.size();
            correct[task] /= set.size();
            top5[task] /= set.size();
        }
        return new double[][] {loss, correct, top5};
    }


    /** Writes the checkpoint atomically (temporary file, then rename). */
    public void saveCheckpoint(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                out.writeInt(CHECKPOINT_MAGIC);
                out.writeInt(CHECKPOINT_VERSION);
                out.writeUTF(config.fingerprint());
                out.writeInt(epochsDone);
                out.writeLong(steps);
                for (long value : new long[] {timeTotals.forward(), timeTotals.backward(), timeTotals.gramian(),
                    timeTotals.solve(), timeTotals.combine(), timeTotals.optimizer(), timeTotals.afterStep()}) {
                    out.writeLong(value);
                }
                // every method is Serializable: its whole state (generators, histories, trainable
                // parameters) travels in one Checkpoints blob
                // a bi-level task weighting saves θ, its Adam and its own state instead
                // a learned optimizer saves its LSTM states and the guard's counts
                byte[] methodBytes = stepper != null ? Checkpoints.save(stepper.aggregator())
                        : learner != null ? learner.save() : learned.save();
                out.writeBoolean(true);
                out.writeInt(methodBytes.length);
                out.write(methodBytes);
                if (optimizer() != null) {
                    optimizer().save(out);
                }
                model.save(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a method that reads an input this loop does not compute, before training starts: the
     * loop gives the Gramian or Jacobian of the shared parameters (or representation), the losses,
     * the after-step losses and the epoch ends, but no curvature (Hessian information) and one
     * mini-batch per step, not a growing number of averaged samples (DSSMG).
     */
    public static void requireSupported(MethodSpec method) {
        if (method.needsCurvature()) {
            throw new IllegalArgumentException(method.name() + " needs " + MethodSpec.Input.CURVATURE.label()
                    + " at every step, which multi-task training does not compute; use it through the library"
                    + " (Aggregator.aggregate with a Curvature) or `multigrad amoo`");
        }
        if (method.inputs().contains(MethodSpec.Input.GROWING_SAMPLE)) {
            throw new IllegalArgumentException(method.name() + " needs " + MethodSpec.Input.GROWING_SAMPLE.label()
                    + ", which multi-task training does not draw (one mini-batch per step); use it with"
                    + " `multigrad solve` or through the library (MethodSpec.samplesPerStep)");
        }
    }

    /**
     * Refuses a checkpoint written under another configuration than {@code config} (the number of
     * epochs aside), naming the differing settings: {@code train --resume} (through
     * {@link #loadCheckpoint}) and {@code bench}'s check of earlier runs before it skips or resumes them.
     */
    public static void requireSameConfiguration(Path file, TrainingConfig config) {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 10))) {
            requireSameConfiguration(file, readFingerprint(in, file), config);
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException(file + " is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static void requireSameConfiguration(Path file, String fingerprint, TrainingConfig config) {
        String differences = config.differences(fingerprint);
        if (differences != null) {
            throw new IllegalArgumentException(file + " was written by another configuration (" + differences
                    + "): use the same options (only --epochs may change) or another --out");
        }
    }

    /** The checkpoint's header: a clear error for another file or format version, else the configuration's fingerprint. */
    private static String readFingerprint(DataInputStream in, Path file) throws IOException {
        if (in.readInt() != CHECKPOINT_MAGIC) {
            throw new IllegalArgumentException(file + " is not a multigrad training checkpoint");
        }
        int version = in.readInt();
        if (version != CHECKPOINT_VERSION) {
            throw new IllegalArgumentException(file + ": checkpoint written in format v" + version + " by another MultiGrad"
                    + " version; this version resumes format v" + CHECKPOINT_VERSION + " only");
        }
        return in.readUTF();
    }

    /** Restores a checkpoint written by a run with the same configuration (the epoch count may differ). */
    public void loadCheckpoint(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no checkpoint to resume from: " + file + " does not exist");
        }
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            requireSameConfiguration(file, readFingerprint(in, file), config);
            int epochs = in.readInt();
            long stepCount = in.readLong();
            long[] times = new long[7];
            for (int k = 0; k < times.length; k++) {
                times[k] = in.readLong();
            }
            boolean hasMethodState = in.readBoolean();
            byte[] methodBytes = new byte[in.readInt()];
            in.readFully(methodBytes);
            if (!hasMethodState) {
                throw new IllegalArgumentException(file + " holds no method state; it cannot be resumed exactly");
            }
            if (stepper != null) {
                stepper.restoreAggregator(Checkpoints.restore(methodBytes));
            } else if (learner != null) {
                learner.restore(methodBytes);
            } else {
                learned.restore(methodBytes);
            }
            if (optimizer() != null) {
                optimizer().load(in);
            }
            model.load(in);
            epochsDone = epochs;
            steps = stepCount;
            timeTotals = new StepTimes(times[0], times[1], times[2], times[3], times[4], times[5], times[6]);
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException(file + " is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
