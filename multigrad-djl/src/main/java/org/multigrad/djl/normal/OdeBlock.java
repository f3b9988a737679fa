package org.multigrad.djl.normal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.List;

/**
 * An ODE block read at task positions: inputs [r (batch x d), positions (m)], outputs
 * [z(p_1), ..., z(p_m)], all from one integration pass ({@link #solve}).
 */
public abstract class OdeBlock extends AbstractBlock {
    /** The states read by the tasks at {@code positions}, from one integration pass. */
    public abstract List<OdeState> solve(ParameterStore store, NDArray representation, double[] positions, boolean training);

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        double[] positions = inputs.get(1).toType(DataType.FLOAT64, false).toDoubleArray();
        NDList out = new NDList();
        for (OdeState state : solve(store, inputs.get(0), positions, training)) {
            out.add(state.z());
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[(int) inputShapes[1].get(0)];
        Arrays.fill(out, inputShapes[0]);
        return out;
    }
}
