package org.multigrad.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.Map;

/**
 * Reads checkpoints whose classes have since moved to another package: MultiGrad 0.1's methods lived
 * in {@code weighting}, {@code aggregate}, {@code stochastic}, {@code jacobian}, {@code registry} and
 * {@code optim} before the layering of the core moved them to {@code method}, {@code api},
 * {@code method.spec} and {@code descent}. A stream class named by its old name is read as the class
 * now at the new name, provided both have the same {@code serialVersionUID} (every serialised class
 * declares the value it had, so that one is kept across the move); nested classes follow their
 * outer class.
 */
final class RelocatingObjectInputStream extends ObjectInputStream {
    /** Old top-level class name to new one. */
    static final Map<String, String> MOVED = Map.ofEntries(
            Map.entry("org.multigrad.aggregate.Aggregation", "org.multigrad.api.Aggregation"),
            Map.entry("org.multigrad.aggregate.Aggregator", "org.multigrad.api.Aggregator"),
            Map.entry("org.multigrad.aggregate.Checkpoints", "org.multigrad.api.Checkpoints"),
            Map.entry("org.multigrad.aggregate.LossHistory", "org.multigrad.api.LossHistory"),
            Map.entry("org.multigrad.aggregate.WeightedAggregator", "org.multigrad.api.WeightedAggregator"),
            Map.entry("org.multigrad.jacobian.Gramian", "org.multigrad.api.Gramian"),
            Map.entry("org.multigrad.jacobian.Jacobian", "org.multigrad.api.Jacobian"),
            Map.entry("org.multigrad.weighting.Curvature", "org.multigrad.api.Curvature"),
            Map.entry("org.multigrad.weighting.TrainingHooks", "org.multigrad.api.TrainingHooks"),
            Map.entry("org.multigrad.weighting.Weighting", "org.multigrad.api.Weighting"),
            Map.entry("org.multigrad.weighting.WeightingInput", "org.multigrad.api.WeightingInput"),
            Map.entry("org.multigrad.optim.DescentDriver", "org.multigrad.descent.DescentDriver"),
            Map.entry("org.multigrad.optim.StoppingRule", "org.multigrad.descent.StoppingRule"),
            Map.entry("org.multigrad.stochastic.SampleSchedule", "org.multigrad.descent.SampleSchedule"),
            Map.entry("org.multigrad.aggregate.DbMtl", "org.multigrad.method.DbMtl"),
            Map.entry("org.multigrad.aggregate.GradDrop", "org.multigrad.method.GradDrop"),
            Map.entry("org.multigrad.stochastic.CrMogm", "org.multigrad.method.CrMogm"),
            Map.entry("org.multigrad.stochastic.MoCo", "org.multigrad.method.MoCo"),
            Map.entry("org.multigrad.stochastic.Periodic", "org.multigrad.method.Periodic"),
            Map.entry("org.multigrad.stochastic.SeededRandom", "org.multigrad.method.SeededRandom"),
            Map.entry("org.multigrad.weighting.AlignedMtl", "org.multigrad.method.AlignedMtl"),
            Map.entry("org.multigrad.weighting.CaGrad", "org.multigrad.method.CaGrad"),
            Map.entry("org.multigrad.weighting.Camoo", "org.multigrad.method.Camoo"),
            Map.entry("org.multigrad.weighting.Constant", "org.multigrad.method.Constant"),
            Map.entry("org.multigrad.weighting.DualProj", "org.multigrad.method.DualProj"),
            Map.entry("org.multigrad.weighting.Dwa", "org.multigrad.method.Dwa"),
            Map.entry("org.multigrad.weighting.Famo", "org.multigrad.method.Famo"),
            Map.entry("org.multigrad.weighting.Gls", "org.multigrad.method.Gls"),
            Map.entry("org.multigrad.weighting.GradNorm", "org.multigrad.method.GradNorm"),
            Map.entry("org.multigrad.weighting.GradVac", "org.multigrad.method.GradVac"),
            Map.entry("org.multigrad.weighting.Imtl", "org.multigrad.method.Imtl"),
            Map.entry("org.multigrad.weighting.ImtlG", "org.multigrad.method.ImtlG"),
            Map.entry("org.multigrad.weighting.LossChecks", "org.multigrad.method.LossChecks"),
            Map.entry("org.multigrad.weighting.Mean", "org.multigrad.method.Mean"),
            Map.entry("org.multigrad.weighting.Mgda", "org.multigrad.method.Mgda"),
            Map.entry("org.multigrad.weighting.NashMtl", "org.multigrad.method.NashMtl"),
            Map.entry("org.multigrad.weighting.Pamoo", "org.multigrad.method.Pamoo"),
            Map.entry("org.multigrad.weighting.PcGrad", "org.multigrad.method.PcGrad"),
            Map.entry("org.multigrad.weighting.Rlw", "org.multigrad.method.Rlw"),
            Map.entry("org.multigrad.weighting.Softmax", "org.multigrad.method.Softmax"),
            Map.entry("org.multigrad.weighting.Sum", "org.multigrad.method.Sum"),
            Map.entry("org.multigrad.weighting.UpGrad", "org.multigrad.method.UpGrad"),
            Map.entry("org.multigrad.weighting.Uw", "org.multigrad.method.Uw"),
            Map.entry("org.multigrad.registry.MethodSpec", "org.multigrad.method.spec.MethodSpec"),
            Map.entry("org.multigrad.registry.ParamSpec", "org.multigrad.method.spec.ParamSpec"),
            Map.entry("org.multigrad.registry.Params", "org.multigrad.method.spec.Params"),
            Map.entry("org.multigrad.registry.Property", "org.multigrad.method.spec.Property"),
            Map.entry("org.multigrad.registry.WrapperSpec", "org.multigrad.method.spec.WrapperSpec"));

    RelocatingObjectInputStream(InputStream in) throws IOException {
        super(in);
    }

    /** The current name of a class that a checkpoint names, or the name itself if it did not move. */
    static String currentName(String name) {
        int nested = name.indexOf('$');
        String outer = nested < 0 ? name : name.substring(0, nested);
        String moved = MOVED.get(outer);
        return moved == null ? name : moved + name.substring(outer.length());
    }

    @Override
    protected ObjectStreamClass readClassDescriptor() throws IOException, ClassNotFoundException {
        ObjectStreamClass written = super.readClassDescriptor();
        String current = currentName(written.getName());
        if (current.equals(written.getName())) {
            return written;
        }
        ObjectStreamClass local = ObjectStreamClass.lookup(Class.forName(current, false, getClass().getClassLoader()));
        if (local == null) {
            throw new InvalidClassException(current, "is no longer serialisable");
        }
        if (local.getSerialVersionUID() != written.getSerialVersionUID()) {
            throw new InvalidClassException(written.getName(), "moved to " + current + " and changed: stream serialVersionUID "
                    + written.getSerialVersionUID() + ", local " + local.getSerialVersionUID());
        }
        return local;
    }
}
