package org.multigrad.djl.moblo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.multigrad.bilevel.BilevelProblem;
import org.multigrad.djl.DjlArrays;
import org.multigrad.djl.DjlRuntime;
import org.multigrad.djl.Losses;
import org.multigrad.djl.Models;
import org.multigrad.djl.MultiTaskModel;
import org.multigrad.djl.tensor.OwnedTensors;

/**
 * Multi-task data hyper-cleaning (Ye's thesis, §3.7.1; Franceschi et al., ICML 2017, for one task):
 * one MLP 784-512-256 (ReLU) shared by the m datasets, a linear head 256 → 10 per dataset, and a
 * weight σ(α_ij) per training image j of dataset i:
 *
 * <pre>
 *   f(α, ω)   = Σ_i (1/B) Σ_{j ∈ batch_i} σ(α_ij) CE(h_i(x_ij; ω), ỹ_ij)        (noisy labels ỹ)
 *   F_i(α, ω) = (1/B) Σ_{j ∈ val1 batch_i} CE(h_i(x_ij; ω), y_ij)              (clean val1)
 * </pre>
 *
 * with batches of B images at both levels ({@link #nextBatch}: draw d takes the d-th batch of an
 * endless sequence of seeded epochs per split). α starts at 0 (every weight ½), ω at PyTorch's
 * default for {@code nn.Linear} (weights and biases uniform in ±1/√fan-in), drawn from the seed in
 * Java; inputs are pixels in [0, 1]. (DJL's Xavier start with normalised inputs diverges at the
 * thesis's step size 0.3.) ∇_α f is nonzero only on the current batch's entries. Values and
 * gradients come from DJL's autograd in float32.
 *
 * <p>Cost of the engine-neutral interface: ω (538,388 parameters for two datasets) travels as
 * double[] and is copied into the model's float tensors whenever it differs from the last copy (one
 * comparison and one copy, a few milliseconds, against tens for a forward and backward pass of two
 * batches), and each gradient is copied out the same way.
 */
public final class HyperCleaningProblem implements BilevelProblem, AutoCloseable {
    /** The thesis's trunk, 784-512-256. */
    private static final int[] HIDDEN = {512, 256};

    private final int[] hidden;

    private final List<HyperCleaningData.Splits> sets;
    private final int batch;
    private final long seed;
    private final MultiTaskModel model;
    private final List<Parameter> parameters;
    private final List<NDArray> modelWeights;
    private final int lowerDimension;
    private final int[] alphaOffset;
    private final int upperDimension;
    private final int[][] trainBatch;
    private final int[][] val1Batch;
    private final long[] cachedEpoch;
    private final int[][] cachedOrder;
    private final DjlArrays.Scratch[] inputScratch;
    private final float[] inputs;
    private final double[] initial;
    private double[] loaded;

    /** Builds the thesis's model from {@code seed} (PyTorch's generator) and draws batch 0. */
    public HyperCleaningProblem(List<HyperCleaningData.Splits> sets, int batch, long seed) {
        this(sets, batch, seed, HIDDEN);
    }

    /**
     * The trunk 784-512-(512 × extraLayers)-256: the thesis's model with {@code extraLayers} more
     * 512-wide layers, how its Fig. 3.1 grows the lower-level dimension p.
     */
    public static int[] widthsWithExtraLayers(int extraLayers) {
        if (extraLayers < 0) {
            throw new IllegalArgumentException("--extra-layers must be >= 0, got " + extraLayers);
        }
        int[] widths = new int[extraLayers + 2];
        java.util.Arrays.fill(widths, 0, extraLayers + 1, 512);
        widths[extraLayers + 1] = 256;
        return widths;
    }

    /** Builds a model with trunk widths {@code hidden} (ReLU after each) from {@code seed} and draws batch 0. */
    public HyperCleaningProblem(List<HyperCleaningData.Splits> sets, int batch, long seed, int[] hidden) {
        if (sets.isEmpty()) {
            throw new IllegalArgumentException("hyper-cleaning needs at least one dataset");
        }
        for (HyperCleaningData.Splits set : sets) {
            if (batch < 1 || batch > set.train().size() || batch > set.val1().size()) {
                throw new IllegalArgumentException("--batch-size must be in 1.." + Math.min(set.train().size(),
                        set.val1().size()) + " (the " + set.name() + " train and val1 splits), got " + batch);
            }
        }
        this.hidden = hidden.clone();
        this.sets = List.copyOf(sets);
        this.batch = batch;
        this.seed = seed;
        DjlRuntime.seed(seed);
        this.model = Models.mlp(HyperCleaningData.PIXELS, this.hidden, 0, sets.size(), HyperCleaningData.CLASSES);
        this.parameters = model.allParameters();
        this.modelWeights = parameters.stream().map(Parameter::getArray).toList();
        long size = 0;
        for (Parameter parameter : parameters) {
            size += parameter.getArray().size();
        }
        this.lowerDimension = Math.toIntExact(size);
        this.alphaOffset = new int[sets.size()];
        int offset = 0;
        for (int i = 0; i < sets.size(); i++) {
            alphaOffset[i] = offset;
            offset += sets.get(i).train().size();
        }
        this.upperDimension = offset;
        this.trainBatch = new int[sets.size()][];
        this.val1Batch = new int[sets.size()][];
        this.cachedEpoch = new long[2 * sets.size()];
        Arrays.fill(cachedEpoch, -1);
        this.cachedOrder = new int[2 * sets.size()][];
        this.inputScratch = new DjlArrays.Scratch[sets.size()];
        for (int i = 0; i < sets.size(); i++) {
            inputScratch[i] = new DjlArrays.Scratch();
        }
        this.inputs = new float[batch * HyperCleaningData.PIXELS];
        this.initial = linearDefault(parameters, lowerDimension, seed);
        nextBatch(0);
    }

    @Override
    public String name() {
        return "hyper-cleaning";
    }

    @Override
    public int upperDimension() {
        return upperDimension;
    }

    @Override
    public int lowerDimension() {
        return lowerDimension;
    }

    @Override
    public int objectives() {
        return sets.size();
    }

    /** The index of α_ij, the weight logit of training image j of dataset i. */
    public int upperIndex(int dataset, int image) {
        return alphaOffset[dataset] + image;
    }

    @Override
    public void nextBatch(long draw) {
        for (int i = 0; i < sets.size(); i++) {
            trainBatch[i] = batchAt(2 * i, sets.get(i).train().size(), draw);
            val1Batch[i] = batchAt(2 * i + 1, sets.get(i).val1().size(), draw);
        }
    }

    /** Batch {@code draw} of split {@code stream}: epochs of ⌊size/B⌋ batches, each epoch a permutation from (seed, stream, epoch). */
    private int[] batchAt(int stream, int size, long draw) {
        int perEpoch = size / batch;
        long epoch = draw / perEpoch;
        int position = (int) (draw % perEpoch);
        if (cachedEpoch[stream] != epoch) {
            Random random = new Random(seed ^ (epoch * 0x9E3779B97F4A7C15L) ^ ((stream + 1) * 0xC2B2AE3D27D4EB4FL));
            cachedOrder[stream] = org.multigrad.djl.data.MultiImageDatasets.permutation(size, random);
            cachedEpoch[stream] = epoch;
        }
        return Arrays.copyOfRange(cachedOrder[stream], position * batch, (position + 1) * batch);
    }

    @Override
    public double lower(double[] alpha, double[] omega) {
        return trainingPass(alpha, omega, null, null);
    }

    @Override
    public void lowerGradient(double[] alpha, double[] omega, double[] gradAlpha, double[] gradOmega) {
        trainingPass(alpha, omega, gradAlpha, gradOmega);
    }

    /** ∇_ω of the unweighted training loss Σ_i (1/B) Σ_j CE on the current batches: the {@code none} baseline's step. */
    public double unweightedGradient(double[] omega, double[] gradOmega) {
        return trainingPass(null, omega, null, gradOmega);
    }

    @Override
    public double upper(int objective, double[] alpha, double[] omega) {
        return validationPass(objective, omega, null);
    }

    @Override
    public void upperGradient(int objective, double[] alpha, double[] omega, double[] gradAlpha, double[] gradOmega) {
        if (gradAlpha != null) {
            Arrays.fill(gradAlpha, 0);
        }
        validationPass(objective, omega, gradOmega);
    }

    @Override
    public double[] initialUpper() {
        return new double[upperDimension];
    }

    @Override
    public double[] initialLower() {
        return initial.clone();
    }

    /** PyTorch's nn.Linear start: every weight (out x in) and its layer's bias uniform in ±1/√in, floats as the model holds them. */
    private static double[] linearDefault(List<Parameter> parameters, int size, long seed) {
        double[] omega = new double[size];
        Random random = new Random(seed);
        int offset = 0;
        long fanIn = 1;
        for (Parameter parameter : parameters) {
            Shape shape = parameter.getArray().getShape();
            if (shape.dimension() == 2) {
                fanIn = shape.get(1);
            }
            double bound = 1 / Math.sqrt(fanIn);
            for (long k = 0; k < shape.size(); k++) {
                omega[offset++] = (float) (bound * (2 * random.nextDouble() - 1));
            }
        }
        return omega;
    }

    /** f (α null: every weight 1) on the current training batches, with the asked gradients. */
    private double trainingPass(double[] alpha, double[] omega, double[] gradAlpha, double[] gradOmega) {
        load(omega);
        boolean gradients = gradAlpha != null || gradOmega != null;
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(gradients);
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray[] logits = new NDArray[sets.size()];
            NDArray total = weightedLoss(scope, alpha, gradAlpha != null, logits, modelWeights);
            double value = total.getFloat();
            if (gradients) {
                backward(scope, total);
                takeGradients(gradOmega, parameters);
                if (gradAlpha != null) {
                    takeAlphaGradient(logits, gradAlpha);
                }
            }
            return value;
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /**
     * ∇²_ωω f·v and ∇²_αω f·v as the gradient of s(α, ω) = ⟨∇_ω f(α, ω), v⟩, where ∇_ω f is written
     * out as tensor operations ({@link #explicitGradient}: backpropagation through the MLP, ReLU
     * masks held constant as autograd's own double backward holds them) on fresh leaves holding ω and
     * this batch's α logits; one ordinary backward pass of s then fills the leaves with ∇_ω s and
     * ∇_α s. This is the double backward of the issue with the first pass spelled out: DJL can only
     * run the first pass with {@code create_graph} into leaves' {@code .grad}, whose graph then
     * refers back to the leaf (PyTorch's parameter–gradient reference cycle) and cannot be reset
     * from DJL, which leaked about 6 MB of native memory per product here. Leaves and graph belong to
     * one sub-manager closed on return. Cost: about two forward and backward passes.
     */
    @Override
    public void lowerHessianVector(double[] alpha, double[] omega, double[] v, double[] hOmega, double[] hAlpha) {
        if (v.length != lowerDimension) {
            throw new IllegalArgumentException("hyper-cleaning: v has " + v.length + " entries, the model "
                    + lowerDimension);
        }
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try (NDManager scope = model.manager().newSubManager()) {
            List<NDArray> leaves = leaves(scope, omega);
            NDArray[] logits = new NDArray[sets.size()];
            List<NDArray> gradient = explicitGradient(scope, alpha, logits, leaves);
            NDArray inner = null;
            int offset = 0;
            for (int l = 0; l < leaves.size(); l++) {
                int size = (int) leaves.get(l).size();
                NDArray term = gradient.get(l).mul(scope.create(slice(v, offset, size), leaves.get(l).getShape())).sum();
                inner = inner == null ? term : inner.add(term);
                offset += size;
            }
            backward(scope, inner);
            if (hOmega != null) {
                offset = 0;
                for (NDArray leaf : leaves) {
                    takeGradient(leaf, hOmega, offset);
                    offset += (int) leaf.size();
                }
            }
            if (hAlpha != null) {
                takeAlphaGradient(logits, hAlpha);
            }
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /** ω copied into new leaf tensors (requiring gradients) shaped as the model's parameters. */
    private List<NDArray> leaves(NDManager scope, double[] omega) {
        if (omega.length != lowerDimension) {
            throw new IllegalArgumentException("hyper-cleaning: omega has " + omega.length + " entries, the model "
                    + lowerDimension);
        }
        List<NDArray> leaves = new ArrayList<>();
        int offset = 0;
        for (NDArray weights : modelWeights) {
            int size = (int) weights.size();
            NDArray leaf = scope.create(slice(omega, offset, size), weights.getShape());
            leaf.setRequiresGradient(true);
            leaves.add(leaf);
            offset += size;
        }
        return leaves;
    }

    /**
     * ∇_ω f on the current training batches as a differentiable function of {@code weights} and the
     * batch logits (which go to {@code logits}, leaves requiring gradients): per dataset, with
     * c_b = σ(α_b)/B, δ = (softmax(z) − onehot(y))·c at the head's output z, then per layer from the
     * top ∇W = δᵀa_in, ∇b = Σ_b δ and δ_in = (δW)·1[z_in > 0]; trunk gradients summed over datasets.
     */
    List<NDArray> explicitGradient(NDManager scope, double[] alpha, NDArray[] logits, List<NDArray> weights) {
        int layers = hidden.length;
        NDArray[] gradients = new NDArray[weights.size()];
        for (int i = 0; i < sets.size(); i++) {
            HyperCleaningData.Split split = sets.get(i).train();
            int[] indices = trainBatch[i];
            split.fill(indices, inputs);
            NDArray input = scope.create(DjlArrays.fill(inputScratch[i], inputs, batch * HyperCleaningData.PIXELS),
                    new Shape(batch, HyperCleaningData.PIXELS), DataType.FLOAT32);
            long[] labels = new long[batch];
            float[] values = new float[batch];
            for (int b = 0; b < batch; b++) {
                labels[b] = split.labels()[indices[b]];
                values[b] = (float) alpha[alphaOffset[i] + indices[b]];
            }
            logits[i] = scope.create(values);
            logits[i].setRequiresGradient(true);
            NDArray[] activations = new NDArray[layers + 1];
            NDArray[] masks = new NDArray[layers];
            activations[0] = input;
            for (int l = 0; l < layers; l++) {
                NDArray z = Linear.linear(activations[l], weights.get(2 * l), weights.get(2 * l + 1)).singletonOrThrow();
                masks[l] = z.stopGradient().gt(0).toType(DataType.FLOAT32, false);
                activations[l + 1] = Activation.relu(z);
            }
            int head = 2 * layers + 2 * i;
            NDArray output = Linear.linear(activations[layers], weights.get(head), weights.get(head + 1)).singletonOrThrow();
            NDArray scale = Activation.sigmoid(logits[i]).div(OwnedTensors.scalar(scope, batch, DataType.FLOAT32)).reshape(batch, 1);
            NDArray delta = output.softmax(1).sub(scope.create(labels).oneHot(HyperCleaningData.CLASSES)).mul(scale);
            gradients[head] = delta.transpose().matMul(activations[layers]);
            gradients[head + 1] = delta.sum(new int[] {0});
            NDArray upstream = delta.matMul(weights.get(head));
            for (int l = layers - 1; l >= 0; l--) {
                NDArray local = upstream.mul(masks[l]);
                add(gradients, 2 * l, local.transpose().matMul(activations[l]));
                add(gradients, 2 * l + 1, local.sum(new int[] {0}));
                if (l > 0) {
                    upstream = local.matMul(weights.get(2 * l));
                }
            }
        }
        for (int l = 0; l < gradients.length; l++) {
            if (gradients[l] == null) {
                gradients[l] = weights.get(l).zerosLike();
            }
        }
        return List.of(gradients);
    }

    /** The values of {@link #explicitGradient} at (α, ω), for tests against autograd's. */
    double[] explicitGradientValues(double[] alpha, double[] omega) {
        double[] out = new double[lowerDimension];
        try (NDManager scope = model.manager().newSubManager()) {
            List<NDArray> gradient = explicitGradient(scope, alpha, new NDArray[sets.size()], leaves(scope, omega));
            int offset = 0;
            for (NDArray block : gradient) {
                float[] values = block.toFloatArray();
                for (int k = 0; k < values.length; k++) {
                    out[offset + k] = values[k];
                }
                offset += values.length;
            }
        }
        return out;
    }

    private static void add(NDArray[] sums, int index, NDArray term) {
        sums[index] = sums[index] == null ? term : sums[index].add(term);
    }

    private static float[] slice(double[] values, int offset, int size) {
        float[] slice = new float[size];
        for (int k = 0; k < size; k++) {
            slice[k] = (float) values[offset + k];
        }
        return slice;
    }

    /** Σ_i (1/B) Σ_j σ(α_ij) CE_ij on the current training batches (α null: weights 1); the batch logits go to {@code logits}. */
    private NDArray weightedLoss(NDManager scope, double[] alpha, boolean alphaGradient, NDArray[] logits,
            List<NDArray> weights) {
        NDArray total = null;
        for (int i = 0; i < sets.size(); i++) {
            NDArray losses = sampleLosses(scope, i, sets.get(i).train(), trainBatch[i], weights);
            if (alpha != null) {
                float[] values = new float[batch];
                for (int b = 0; b < batch; b++) {
                    values[b] = (float) alpha[alphaOffset[i] + trainBatch[i][b]];
                }
                logits[i] = scope.create(values);
                logits[i].setRequiresGradient(alphaGradient);
                losses = losses.mul(Activation.sigmoid(logits[i]));
            }
            NDArray term = losses.sum().div(OwnedTensors.scalar(scope, batch, DataType.FLOAT32));
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    /** The batch logits' gradients scattered into α's layout (zero elsewhere). */
    private void takeAlphaGradient(NDArray[] logits, double[] gradAlpha) {
        Arrays.fill(gradAlpha, 0);
        for (int i = 0; i < sets.size(); i++) {
            try (NDArray gradient = logits[i].getGradient()) {
                float[] values = gradient.toFloatArray();
                for (int b = 0; b < batch; b++) {
                    gradAlpha[alphaOffset[i] + trainBatch[i][b]] = values[b];
                }
            }
        }
    }

    /** F_i on the current val1 batch of dataset i, with ∇_ω F_i when {@code gradOmega} is given (other heads: 0). */
    private double validationPass(int dataset, double[] omega, double[] gradOmega) {
        load(omega);
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(gradOmega != null);
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray loss = sampleLosses(scope, dataset, sets.get(dataset).val1(), val1Batch[dataset], modelWeights).sum()
                    .div(OwnedTensors.scalar(scope, batch, DataType.FLOAT32));
            double value = loss.getFloat();
            if (gradOmega != null) {
                backward(scope, loss);
                Arrays.fill(gradOmega, 0);
                int offset = 0;
                for (Parameter parameter : parameters) {
                    boolean used = model.sharedParameters().contains(parameter)
                            || model.headParameters(dataset).contains(parameter);
                    if (used) {
                        takeGradient(parameter.getArray(), gradOmega, offset);
                    }
                    offset += (int) parameter.getArray().size();
                }
            }
            return value;
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /**
     * h_i(x; ω) = W_i relu(W_2 relu(W_1 x + b_1) + b_2) + b_i with ω's tensors in the model's
     * parameter order (trunk layers, then each head): the model's own forward, written out so that
     * it also runs on fresh leaves ({@link #lowerHessianVector}).
     */
    private NDArray forward(int dataset, NDArray input, List<NDArray> weights) {
        NDArray x = input;
        for (int layer = 0; layer < hidden.length; layer++) {
            x = Activation.relu(Linear.linear(x, weights.get(2 * layer), weights.get(2 * layer + 1)).singletonOrThrow());
        }
        int head = 2 * hidden.length + 2 * dataset;
        return Linear.linear(x, weights.get(head), weights.get(head + 1)).singletonOrThrow();
    }

    /** Per-image cross-entropy −log softmax(h_i(x))_y of the images {@code indices} of {@code split} (a vector of B). */
    private NDArray sampleLosses(NDManager scope, int dataset, HyperCleaningData.Split split, int[] indices,
            List<NDArray> weights) {
        split.fill(indices, inputs);
        // the input tensor aliases the scratch buffer and autograd keeps it: one buffer per dataset, alive until the scope closes
        NDArray input = scope.create(DjlArrays.fill(inputScratch[dataset], inputs, indices.length * HyperCleaningData.PIXELS),
                new Shape(indices.length, HyperCleaningData.PIXELS), DataType.FLOAT32);
        long[] labels = new long[indices.length];
        for (int b = 0; b < indices.length; b++) {
            labels[b] = split.labels()[indices[b]];
        }
        NDArray logits = forward(dataset, input, weights);
        return logits.logSoftmax(1).mul(scope.create(labels).oneHot(HyperCleaningData.CLASSES)).sum(new int[] {1}).neg();
    }

    /**
     * Loss, accuracy and macro-F1 per dataset of the current ω on one split of each dataset
     * ({@code which} picks it from the dataset's splits), without a graph.
     */
    public ClassificationScores[] evaluate(double[] omega, java.util.function.Function<HyperCleaningData.Splits,
            HyperCleaningData.Split> which) {
        load(omega);
        ClassificationScores[] scores = new ClassificationScores[sets.size()];
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int i = 0; i < sets.size(); i++) {
                HyperCleaningData.Split split = which.apply(sets.get(i));
                int[] predictions = new int[split.size()];
                double loss = 0;
                for (int from = 0; from < split.size(); from += batch) {
                    int size = Math.min(batch, split.size() - from);
                    int[] indices = new int[size];
                    for (int b = 0; b < size; b++) {
                        indices[b] = from + b;
                    }
                    try (NDManager scope = model.manager().newSubManager()) {
                        split.fill(indices, inputs);
                        NDArray input = scope.create(DjlArrays.fill(inputScratch[i], inputs, size * HyperCleaningData.PIXELS),
                                new Shape(size, HyperCleaningData.PIXELS), DataType.FLOAT32);
                        NDArray logits = forward(i, input, modelWeights);
                        long[] labels = new long[size];
                        for (int b = 0; b < size; b++) {
                            labels[b] = split.labels()[from + b];
                        }
                        loss += Losses.crossEntropy(logits, scope.create(labels)).getFloat() * size;
                        long[] predicted = logits.argMax(1).toLongArray();
                        for (int b = 0; b < size; b++) {
                            predictions[from + b] = (int) predicted[b];
                        }
                    }
                }
                scores[i] = ClassificationScores.of(loss / split.size(), split.labels(), predictions,
                        HyperCleaningData.CLASSES);
            }
        } finally {
            JniUtils.setGradMode(previous);
        }
        return scores;
    }

    /** Copies ω into the model's tensors unless they already hold it. */
    private void load(double[] omega) {
        if (omega.length != lowerDimension) {
            throw new IllegalArgumentException("hyper-cleaning: omega has " + omega.length + " entries, the model "
                    + lowerDimension);
        }
        if (loaded != null && Arrays.equals(loaded, omega)) {
            return;
        }
        int offset = 0;
        for (Parameter parameter : parameters) {
            int size = (int) parameter.getArray().size();
            float[] values = new float[size];
            for (int k = 0; k < size; k++) {
                values[k] = (float) omega[offset + k];
            }
            DjlArrays.assign(parameter.getArray(), values);
            offset += size;
        }
        loaded = omega.clone();
    }

    private static void backward(NDManager scope, NDArray loss) {
        try (NDArray ones = scope.ones(new Shape())) {
            JniUtils.backward((PtNDArray) loss, (PtNDArray) ones, false, false);
        }
    }

    /** Every parameter's gradient into {@code out} (null: only cleared). */
    private static void takeGradients(double[] out, List<Parameter> parameters) {
        int offset = 0;
        for (Parameter parameter : parameters) {
            if (out != null) {
                takeGradient(parameter.getArray(), out, offset);
            } else {
                JniUtils.zeroGrad((PtNDArray) parameter.getArray());
            }
            offset += (int) parameter.getArray().size();
        }
    }

    private static void takeGradient(NDArray array, double[] out, int offset) {
        try (NDArray gradient = array.getGradient()) {
            float[] values = gradient.toFloatArray();
            for (int k = 0; k < values.length; k++) {
                out[offset + k] = values[k];
            }
            JniUtils.zeroGrad((PtNDArray) array);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
