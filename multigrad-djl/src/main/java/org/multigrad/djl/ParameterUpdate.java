package org.multigrad.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;

/**
 * The optimizer step over every parameter of a model: each parameter moves by its own gradient
 * (installed by the caller), then every gradient is zeroed. Optimizer state is keyed by position
 * ({@code p:name}), since DJL's parameter ids are random UUIDs, different in every process, which
 * would orphan the state of a resumed run.
 */
public final class ParameterUpdate {
    private final List<Parameter> parameters;
    private final CheckpointableOptimizer optimizer;
    private final String[] ids;

    public ParameterUpdate(List<Parameter> parameters, CheckpointableOptimizer optimizer) {
        this.parameters = List.copyOf(parameters);
        this.optimizer = optimizer;
        this.ids = new String[parameters.size()];
        for (int p = 0; p < ids.length; p++) {
            ids[p] = p + ":" + parameters.get(p).getName();
        }
    }

    public CheckpointableOptimizer optimizer() {
        return optimizer;
    }

    /** One optimizer step with the gradients the parameters hold, in no-grad mode, then zeroes them. */
    public void step() {
        JniUtils.setGradMode(false);
        for (int p = 0; p < parameters.size(); p++) {
            Parameter parameter = parameters.get(p);
            try (NDArray gradient = parameter.getArray().getGradient()) {
                optimizer.update(ids[p], parameter.getArray(), gradient);
            }
        }
        DjlJacobianSource.zeroGradients(parameters);
    }
}
