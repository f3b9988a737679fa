package org.multigrad.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongToIntFunction;
import org.multigrad.api.Jacobian;
import org.multigrad.l2o.Gml2o;
import org.multigrad.l2o.Ml2o;
import org.multigrad.l2o.Ml2oNetwork;
import org.multigrad.l2o.Ml2oWeightsFile;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.registry.MethodRegistry;

/**
 * A learned multi-gradient optimizer as the training step (seed 004): the point z_k is every
 * parameter of the model (shared block, then head 1..m), Y_k the m per-task gradients in the block
 * form of hard sharing, row i = (J_i, 0, …, h_i, …, 0) ({@link TaskGradients}), and
 * <pre>
 *   ml2o:   z_{k+1} = z_k − α g_k,  g_k = ML2O(Y_k; H_k, Θ)                        (eq. (8))
 *   gml2o:  z_{k+1} = u or x by the guard (29) on the step's batch               (Algorithms 2, 3)
 * </pre>
 * with α the run's learning rate. Every coordinate, the heads' included, is moved by ML2O (the paper
 * gives no separate rule for the task-specific coordinates). The guard compares the batch losses at
 * u and at the fallback's x = z_k − α d_k, both one more forward pass without a graph; the fallback
 * is the run's method, {@code mgda} (Algorithm 3) or {@code dssmg} (Algorithm 2, whose Y_k is the
 * mean of N_k = max(N_b, ⌈k^q⌉) mini-batches: the step's own and N_k − 1 more drawn by the loop).
 * {@code ml2o} uses one mini-batch. The LSTM states, the guard's counts and the weights file's
 * network are all the state there is: no optimizer moments.
 */
public final class LearnedOptimizerStep {
    /** The settings key of the ML2O weights file. */
    public static final String WEIGHTS = "l2o";
    /** The settings key of the state rule after a rejected proposal (gml2o). */
    public static final String AFTER_REJECTION = "after-rejection";
    /** The guarded method's fallbacks: Algorithm 3 and Algorithm 2. */
    public static final List<String> FALLBACKS = List.of("mgda", "dssmg");

    /** Fills the inputs and targets of the extra mini-batch {@code sample} (1-based) of global step {@code step}. */
    public interface BatchSampler {
        void fill(long step, int sample, float[] inputs, int[][] targets);
    }

    private final MultiTaskModel model;
    private final DjlJacobianSource source;
    private final List<Parameter> parameters;
    private final int[] sizes;
    private final int coordinates;
    private final Ml2o ml2o;
    private final Gml2o guard;
    private final LongToIntFunction samples;
    private final double alpha;
    private final DjlArrays.Scratch inputBuffer = new DjlArrays.Scratch();

    private LearnedOptimizerStep(MultiTaskModel model, Ml2o ml2o, Gml2o guard, LongToIntFunction samples, double alpha) {
        this.model = model;
        this.source = new DjlJacobianSource(model, JacobianMode.PARAMETERS, JacobianPrecision.FLOAT32);
        this.parameters = model.allParameters();
        this.sizes = new int[parameters.size()];
        int total = 0;
        for (int p = 0; p < sizes.length; p++) {
            sizes[p] = Math.toIntExact(parameters.get(p).getArray().size());
            total += sizes[p];
        }
        this.coordinates = total;
        this.ml2o = ml2o;
        this.guard = guard;
        this.samples = samples;
        this.alpha = alpha;
    }

    /** Whether {@code optimizer} names a learned optimizer ({@code ml2o}, {@code gml2o}). */
    public static boolean isLearned(String optimizer) {
        return optimizer.equals("ml2o") || optimizer.equals("gml2o");
    }

    /**
     * Checks a learned optimizer's settings before a run: the weights file (read, M against the
     * tasks when {@code tasks} &gt; 0), the fallback method and the keys; returns the network.
     */
    public static Ml2oNetwork check(String optimizer, String method, Map<String, String> params,
                                    Map<String, String> settings, int tasks) {
        for (String key : settings.keySet()) {
            if (!key.equals(WEIGHTS) && !key.equals(AFTER_REJECTION)) {
                throw new IllegalArgumentException("unknown " + optimizer + " setting '" + key + "'; known: " + WEIGHTS + ", "
                        + AFTER_REJECTION);
            }
        }
        String file = settings.get(WEIGHTS);
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("--optimizer " + optimizer + " needs the ML2O weights: --l2o FILE"
                    + " (from multigrad l2o meta-train)");
        }
        if (optimizer.equals("ml2o") && settings.containsKey(AFTER_REJECTION)) {
            throw new IllegalArgumentException("-p " + AFTER_REJECTION + " belongs to --optimizer gml2o, not ml2o");
        }
        Gml2o.AfterRejection.parse(settings.getOrDefault(AFTER_REJECTION, "keep"));
        if (optimizer.equals("gml2o")) {
            if (!FALLBACKS.contains(method)) {
                throw new IllegalArgumentException("--optimizer gml2o takes its fallback from --methods: mgda (Algorithm 3)"
                        + " or dssmg (Algorithm 2), got '" + method + "'");
            }
            MethodRegistry.get(method).resolve(params);
        }
        Ml2oNetwork network = Ml2oWeightsFile.read(Path.of(file));
        if (tasks > 0 && network.objectives() != tasks) {
            throw new IllegalArgumentException("ML2O weights " + file + " are for M = " + network.objectives()
                    + " objectives, the dataset has " + tasks + " tasks");
        }
        return network;
    }

    /** The step of {@code config} (optimizer ml2o or gml2o) for {@code model}. */
    static LearnedOptimizerStep create(TrainingConfig config, MultiTaskModel model) {
        if (model.hasOde()) {
            throw new IllegalArgumentException("--optimizer " + config.optimizer() + " does not train NORMAL models (their"
                    + " positions take their own step); use lenet, mlp or cnn1");
        }
        Ml2oNetwork network = check(config.optimizer(), config.method(), config.params(), config.optimizerParams(),
                model.tasks());
        Ml2o ml2o = new Ml2o(network);
        if (config.optimizer().equals("ml2o")) {
            return new LearnedOptimizerStep(model, ml2o, null, k -> 1, config.learningRate());
        }
        MethodSpec fallback = MethodRegistry.get(config.method());
        Gml2o guard = new Gml2o(ml2o, fallback.create(config.params()),
                Gml2o.AfterRejection.parse(config.optimizerParams().getOrDefault(AFTER_REJECTION, "keep")));
        return new LearnedOptimizerStep(model, ml2o, guard, fallback.samplesPerStep(config.params()), config.learningRate());
    }

    /** The share of accepted proposals so far (1 for ml2o, which has no guard). */
    public double acceptanceRate() {
        return guard == null ? 1 : guard.acceptanceRate();
    }

    /** N_k, the mini-batches averaged into Y_k at global step k (1-based). */
    int samples(long step) {
        return samples.applyAsInt(step);
    }

    /**
     * Step k (1-based, global) on a batch; {@code sampler} gives the extra batches of a growing sample.
     *
     * @throws TrainingDivergedException if a loss, a gradient or the update is not finite (nothing is updated)
     */
    public MultiTaskStepper.Result step(long step, float[] inputs, int batch, int[][] targets, BatchSampler sampler) {
        int m = model.tasks();
        int draws = samples(step);
        double[] y = new double[m * coordinates];
        double[] losses = null;
        long forward = 0;
        long backward = 0;
        float[] extraInputs = draws > 1 ? new float[inputs.length] : null;
        int[][] extraTargets = draws > 1 ? new int[m][batch] : null;
        for (int s = 0; s < draws; s++) {
            if (s > 0) {
                sampler.fill(step, s, extraInputs, extraTargets);
            }
            TaskGradients gradients = TaskGradients.of(source, s == 0 ? inputs : extraInputs, batch,
                    s == 0 ? targets : extraTargets);
            TaskWeightLearner.requireFinite(gradients);
            if (s == 0) {
                losses = gradients.losses();
            }
            accumulate(gradients, y, 1.0 / draws);
            forward += gradients.forwardNanos();
            backward += gradients.backwardNanos();
        }
        Jacobian rows = Jacobian.wrap(m, coordinates, y);
        double[] z = read();
        long start = System.nanoTime();
        double[] next;
        if (guard == null) {
            double[] g = ml2o.propose(rows);
            next = new double[coordinates];
            for (int j = 0; j < coordinates; j++) {
                next[j] = z[j] - alpha * g[j];
            }
        } else {
            next = guard.step(z, alpha, rows, losses.clone(), x -> {
                write(x);
                return losses(inputs, batch, targets);
            }).z();
        }
        long solve = System.nanoTime() - start;
        for (int j = 0; j < coordinates; j++) {
            if (!Double.isFinite(next[j])) {
                write(z);
                throw TrainingDivergedException.learnedUpdate(j, next[j]);
            }
        }
        start = System.nanoTime();
        write(next);
        long update = System.nanoTime() - start;
        return new MultiTaskStepper.Result(losses, null, new StepTimes(forward, backward, 0, solve, 0, update, 0));
    }

    /** Adds c·∇L_i, in the block form, to row i of {@code y} (m x N, row-major). */
    private void accumulate(TaskGradients gradients, double[] y, double c) {
        Jacobian shared = gradients.shared();
        int n = shared.parameters();
        for (int i = 0; i < model.tasks(); i++) {
            int row = i * coordinates;
            for (int j = 0; j < n; j++) {
                y[row + j] += c * shared.get(i, j);
            }
            int offset = n;
            for (int task = 0; task < i; task++) {
                offset += gradients.heads()[task].length;
            }
            float[] head = gradients.heads()[i];
            for (int k = 0; k < head.length; k++) {
                y[row + offset + k] += c * head[k];
            }
        }
    }

    /** z: every parameter's values in {@link MultiTaskModel#allParameters} order. */
    private double[] read() {
        double[] z = new double[coordinates];
        int offset = 0;
        for (int p = 0; p < sizes.length; p++) {
            float[] values = parameters.get(p).getArray().toFloatArray();
            for (int k = 0; k < values.length; k++) {
                z[offset + k] = values[k];
            }
            offset += sizes[p];
        }
        return z;
    }

    private void write(double[] z) {
        int offset = 0;
        for (int p = 0; p < sizes.length; p++) {
            float[] values = new float[sizes[p]];
            for (int k = 0; k < values.length; k++) {
                values[k] = (float) z[offset + k];
            }
            DjlArrays.assign(parameters.get(p).getArray(), values);
            offset += sizes[p];
        }
    }

    /** The m batch losses at the current parameters, without a graph. */
    private double[] losses(float[] inputs, int batch, int[][] targets) {
        long[] dims = model.inputShape().getShape().clone();
        dims[0] = batch;
        int perImage = inputs.length / batch;
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray input = scope.create(DjlArrays.fill(inputBuffer, inputs, batch * perImage), new Shape(dims), DataType.FLOAT32);
            NDArray[] labels = new NDArray[model.tasks()];
            for (int task = 0; task < labels.length; task++) {
                long[] values = new long[batch];
                for (int b = 0; b < batch; b++) {
                    values[b] = targets[task][b];
                }
                labels[task] = scope.create(values);
            }
            return model.lossesWithoutGraph(input, labels);
        }
    }

    /** The state beyond the model: ML2O's LSTM states and the guard's counts. */
    private record State(Ml2o.State lstm, long guardedSteps, long accepted) implements Serializable {
    }

    /** The state as bytes, for the training checkpoint. */
    byte[] save() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new State(ml2o.state(), guard == null ? 0 : guard.steps(), guard == null ? 0 : guard.accepted()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Continues from {@link #save}'s bytes. */
    void restore(byte[] saved) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(saved))) {
            State state = (State) in.readObject();
            ml2o.restore(state.lstm());
            if (guard != null) {
                guard.restoreCounts(state.guardedSteps(), state.accepted());
            }
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("the checkpoint's learned-optimizer state cannot be read: " + e.getMessage(), e);
        }
    }
}
