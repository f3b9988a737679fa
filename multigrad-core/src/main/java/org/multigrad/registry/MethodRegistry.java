package org.multigrad.registry;

import java.util.List;
import org.multigrad.api.Catalogue;
import org.multigrad.method.AlignedMtl;
import org.multigrad.method.CaGrad;
import org.multigrad.method.Camoo;
import org.multigrad.method.Constant;
import org.multigrad.method.DbMtl;
import org.multigrad.method.DualProj;
import org.multigrad.method.Dssmg;
import org.multigrad.method.Dwa;
import org.multigrad.method.Famo;
import org.multigrad.method.Gls;
import org.multigrad.method.GradDrop;
import org.multigrad.method.GradNorm;
import org.multigrad.method.GradVac;
import org.multigrad.method.Imtl;
import org.multigrad.method.ImtlG;
import org.multigrad.method.Mean;
import org.multigrad.method.Mgda;
import org.multigrad.method.MoCo;
import org.multigrad.method.NashMtl;
import org.multigrad.method.Pamoo;
import org.multigrad.method.PcGrad;
import org.multigrad.method.Rlw;
import org.multigrad.method.Sum;
import org.multigrad.method.UpGrad;
import org.multigrad.method.Uw;
import org.multigrad.method.spec.MethodSpec;

/**
 * Every method by its stable kebab-case name. The list below is the catalogue: a new method adds
 * its {@code SPEC} here and gets the CLI, the docs table and the property tests.
 */
public final class MethodRegistry {
    private static final Catalogue<MethodSpec> METHODS = catalogue(List.of(
            Mean.SPEC,
            Sum.SPEC,
            Constant.SPEC,
            Rlw.SPEC,
            Mgda.SPEC,
            Mgda.UB_SPEC,
            Dssmg.SPEC,
            PcGrad.SPEC,
            ImtlG.SPEC,
            CaGrad.SPEC,
            GradVac.SPEC,
            GradDrop.SPEC,
            AlignedMtl.SPEC,
            NashMtl.SPEC,
            UpGrad.SPEC,
            DualProj.SPEC,
            Mean.EW_SPEC,
            Uw.SPEC,
            Dwa.SPEC,
            Gls.SPEC,
            Famo.SPEC,
            GradNorm.SPEC,
            Imtl.SPEC,
            DbMtl.SPEC,
            MoCo.SPEC,
            Camoo.SPEC,
            Pamoo.SPEC));

    private MethodRegistry() {
    }

    private static Catalogue<MethodSpec> catalogue(List<MethodSpec> specs) {
        Catalogue.Builder<MethodSpec> builder = Catalogue.builder("method");
        for (MethodSpec spec : specs) {
            builder.add(spec.name(), spec.summary(), spec);
        }
        return builder.build();
    }

    /** All methods, in catalogue order. */
    public static List<MethodSpec> all() {
        return METHODS.values();
    }

    public static boolean contains(String name) {
        if (Wrappers.isComposite(name)) {
            try {
                Wrappers.compose(name);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return METHODS.contains(name);
    }

    /**
     * The method of that name ({@code wrapper(inner)} names, e.g. {@code cr-mogm(mgda)}, compose a
     * {@link Wrappers wrapper} with a method), or an error naming the closest and all known names.
     */
    public static MethodSpec get(String name) {
        if (Wrappers.isComposite(name)) {
            return Wrappers.compose(name);
        }
        return METHODS.get(name);
    }
}
