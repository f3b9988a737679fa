package org.multigrad.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.multigrad.djl.normal.OdeBlock;
import org.multigrad.djl.normal.OdeState;
import org.multigrad.djl.normal.PositionGradient;
import org.multigrad.djl.normal.Positions;

/**
 * A hard-parameter-sharing model: a shared trunk z = f(x; θ_shared) and one head per task,
 * logits_i = h_i(z; θ_i). The trunk's parameters are the columns of the Jacobian; each head's
 * parameters belong to its task alone and get ordinary gradients.
 */
public final class MultiTaskModel implements AutoCloseable {
    private final String name;
    private final Block trunk;
    private final List<Block> heads;
    private final NDManager manager;
    private final ParameterStore store;
    private final Shape inputShape;
    private final List<Parameter> shared = new ArrayList<>();
    private final List<List<Parameter>> headParameters = new ArrayList<>();
    private final int sharedSize;
    private final Shape representationShape;
    /** NORMAL's ODE block between the trunk and the heads, with the task positions; null for plain hard sharing. */
    private final OdeBlock ode;
    private final Positions positions;
    private final double positionLr;

    /**
     * Initialises the blocks for inputs of {@code inputShape} (batch axis first, any batch size)
     * with PyTorch's generator, which {@link DjlRuntime#seed} seeds.
     */
    public MultiTaskModel(String name, Block trunk, List<Block> heads, Shape inputShape) {
        this(name, trunk, null, null, 0, heads, inputShape);
    }

    /**
     * A NORMAL model (Ye's thesis, Ch. 5): the trunk's representation r enters the ODE block, and
     * head i reads the block's state at position p_i; the block's parameters are shared (Jacobian
     * columns after the trunk's), the positions move by their own step {@code positionLr} on the
     * gradient (5.11) ({@link #stepPositions}).
     */
    public MultiTaskModel(String name, Block trunk, OdeBlock ode, Positions positions, double positionLr, List<Block> heads,
                          Shape inputShape) {
        if (heads.isEmpty()) {
            throw new IllegalArgumentException(name + ": a multi-task model needs at least one head");
        }
        this.name = name;
        this.trunk = trunk;
        this.heads = List.copyOf(heads);
        this.inputShape = inputShape;
        this.manager = DjlRuntime.engine().newBaseManager();
        trunk.initialize(manager, DataType.FLOAT32, inputShape);
        Shape[] representation = trunk.getOutputShapes(new Shape[] {inputShape});
        this.representationShape = representation[0];
        if ((ode == null) != (positions == null)) {
            throw new IllegalArgumentException(name + ": an ODE block needs task positions and positions need a block");
        }
        if (positions != null && positions.tasks() != heads.size()) {
            throw new IllegalArgumentException(name + ": " + positions.tasks() + " positions for " + heads.size() + " heads");
        }
        if (!(positionLr >= 0) || !Double.isFinite(positionLr)) {
            throw new IllegalArgumentException("position-lr must be a finite number >= 0, got " + positionLr);
        }
        this.ode = ode;
        this.positions = positions;
        this.positionLr = positionLr;
        if (ode != null) {
            ode.initialize(manager, DataType.FLOAT32, representationShape, new Shape(heads.size()));
        }
        for (Block head : this.heads) {
            head.initialize(manager, DataType.FLOAT32, representation);
        }
        long size = 0;
        List<Pair<String, Parameter>> sharedPairs = new ArrayList<>();
        trunk.getParameters().forEach(sharedPairs::add);
        if (ode != null) {
            ode.getParameters().forEach(sharedPairs::add);
        }
        for (Pair<String, Parameter> pair : sharedPairs) {
            shared.add(pair.getValue());
            size += pair.getValue().getArray().size();
        }
        if (size > Integer.MAX_VALUE / Math.max(1, heads.size())) {
            throw new IllegalArgumentException(name + ": " + size + " shared parameters are too many for a dense Jacobian");
        }
        this.sharedSize = (int) size;
        for (Block head : this.heads) {
            List<Parameter> list = new ArrayList<>();
            for (Pair<String, Parameter> pair : head.getParameters()) {
                list.add(pair.getValue());
            }
            headParameters.add(list);
        }
        this.store = new ParameterStore(manager, false);
    }

    public String name() {
        return name;
    }

    public int tasks() {
        return heads.size();
    }

    public NDManager manager() {
        return manager;
    }

    /** The trunk's parameters, in a fixed order: the Jacobian's columns are their entries, concatenated. */
    public List<Parameter> sharedParameters() {
        return shared;
    }

    public List<Parameter> headParameters(int task) {
        return headParameters.get(task);
    }

    /** Every parameter: shared first, then head 0, head 1, ... (the checkpoint order). */
    public List<Parameter> allParameters() {
        List<Parameter> all = new ArrayList<>(shared);
        headParameters.forEach(all::addAll);
        return all;
    }

    /** n, the number of shared parameters. */
    public int sharedSize() {
        return sharedSize;
    }

    /** Every trained weight of the network: shared and all heads (a NORMAL model's positions not included). */
    public long parameterCount() {
        long count = 0;
        for (Parameter parameter : allParameters()) {
            count += parameter.getArray().size();
        }
        return count;
    }

    public Shape inputShape() {
        return inputShape;
    }

    /** Shape of the shared representation for the initialisation batch. */
    public Shape representationShape() {
        return representationShape;
    }

    /** z = trunk(x). */
    public NDArray representation(NDArray input, boolean training) {
        return trunk.forward(store, new NDList(input), training).singletonOrThrow();
    }

    /** Whether heads read an ODE block's states at task positions (NORMAL) instead of the representation itself. */
    public boolean hasOde() {
        return ode != null;
    }

    /** p_1..p_m of a NORMAL model; null for plain hard sharing. */
    public double[] positions() {
        return positions == null ? null : positions.values();
    }

    /**
     * What each head reads: the representation r itself (hard sharing), or the ODE states z(p_i)
     * integrated from r in one pass, with q for the position gradients (NORMAL).
     *
     * @param states the ODE states by task (null for hard sharing)
     */
    public record TaskInputs(List<NDArray> inputs, List<OdeState> states) {
    }

    public TaskInputs taskInputs(NDArray representation, boolean training) {
        if (ode == null) {
            return new TaskInputs(java.util.Collections.nCopies(heads.size(), representation), null);
        }
        List<OdeState> states = ode.solve(store, representation, positions.values(), training);
        return new TaskInputs(states.stream().map(OdeState::z).toList(), states);
    }

    /**
     * The position gradients (5.11) of a NORMAL model, d_{p_i} = −⟨∂L_i/∂z(p_i), q(t_n)⟩, each from a
     * backward through head i alone on a detached copy of z(p_i) (head gradients zeroed after);
     * {@code loss} maps (task, logits) to that task's batch loss. Call before the step's own backwards.
     */
    public double[] positionGradients(TaskInputs inputs, java.util.function.BiFunction<Integer, NDArray, NDArray> loss,
                                      boolean training) {
        double[] gradients = new double[heads.size()];
        for (int task = 0; task < gradients.length; task++) {
            int t = task;
            gradients[task] = PositionGradient.headOnly(inputs.states().get(task),
                    z -> loss.apply(t, head(t, z, training)), headParameters(task));
        }
        return gradients;
    }

    /** p_i ← p_i − η d_{p_i} with the model's position step η (Alg. 4); a no-op for fixed positions or η = 0. */
    public void stepPositions(double[] gradients) {
        positions.step(gradients, positionLr);
    }

    /** logits of task i from the representation. */
    public NDArray head(int task, NDArray representation, boolean training) {
        return heads.get(task).forward(store, new NDList(representation), training).singletonOrThrow();
    }

    /**
     * The m mean cross-entropies of a batch ({@code labels[i]}: task i's labels) at the current
     * parameters, one forward pass without a graph; its tensors belong to {@code input}'s manager.
     */
    public double[] lossesWithoutGraph(NDArray input, NDArray[] labels) {
        boolean previous = ai.djl.pytorch.jni.JniUtils.isGradMode();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        try {
            TaskInputs z = taskInputs(representation(input, false), false);
            double[] values = new double[labels.length];
            for (int task = 0; task < labels.length; task++) {
                values[task] = Losses.crossEntropy(head(task, z.inputs().get(task), false), labels[task]).getFloat();
            }
            return values;
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(previous);
        }
    }

    /** Writes every parameter (exact float bits) in the checkpoint order. */
    public void save(DataOutputStream out) throws IOException {
        trunk.saveParameters(out);
        if (ode != null) {
            ode.saveParameters(out);
            for (double value : positions.raw()) {
                out.writeDouble(value);
            }
        }
        for (Block head : heads) {
            head.saveParameters(out);
        }
    }

    public void load(DataInputStream in) throws IOException {
        try {
            trunk.loadParameters(manager, in);
            if (ode != null) {
                ode.loadParameters(manager, in);
                double[] raw = new double[positions.tasks()];
                for (int task = 0; task < raw.length; task++) {
                    raw[task] = in.readDouble();
                }
                positions.restore(raw);
            }
            for (Block head : heads) {
                head.loadParameters(manager, in);
            }
            // Loaded arrays are fresh tensors: make them autograd leaves again.
            for (Parameter parameter : allParameters()) {
                parameter.getArray().setRequiresGradient(true);
            }
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException(name + ": checkpoint does not match the model: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
