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

    /**
     * Initialises the blocks for inputs of {@code inputShape} (batch axis first, any batch size)
     * with PyTorch's generator, which {@link DjlRuntime#seed} seeds.
     */
    public MultiTaskModel(String name, Block trunk, List<Block> heads, Shape inputShape) {
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
        for (Block head : this.heads) {
            head.initialize(manager, DataType.FLOAT32, representation);
        }
        long size = 0;
        for (Pair<String, Parameter> pair : trunk.getParameters()) {
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

    /** logits of task i from the representation. */
    public NDArray head(int task, NDArray representation, boolean training) {
        return heads.get(task).forward(store, new NDList(representation), training).singletonOrThrow();
    }

    /** Writes every parameter (exact float bits) in the checkpoint order. */
    public void save(DataOutputStream out) throws IOException {
        trunk.saveParameters(out);
        for (Block head : heads) {
            head.saveParameters(out);
        }
    }

    public void load(DataInputStream in) throws IOException {
        try {
            trunk.loadParameters(manager, in);
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
