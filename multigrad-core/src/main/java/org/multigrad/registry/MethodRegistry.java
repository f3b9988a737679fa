package org.multigrad.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multigrad.method.AlignedMtl;
import org.multigrad.method.CaGrad;
import org.multigrad.method.Camoo;
import org.multigrad.method.Constant;
import org.multigrad.method.DbMtl;
import org.multigrad.method.DualProj;
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
    private static final Map<String, MethodSpec> METHODS = index(List.of(
            Mean.SPEC,
            Sum.SPEC,
            Constant.SPEC,
            Rlw.SPEC,
            Mgda.SPEC,
            Mgda.UB_SPEC,
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

    private static Map<String, MethodSpec> index(List<MethodSpec> specs) {
        Map<String, MethodSpec> byName = new LinkedHashMap<>();
        for (MethodSpec spec : specs) {
            if (byName.put(spec.name(), spec) != null) {
                throw new IllegalStateException("two methods are named " + spec.name());
            }
        }
        return Collections.unmodifiableMap(byName);
    }

    /** All methods, in catalogue order. */
    public static List<MethodSpec> all() {
        return new ArrayList<>(METHODS.values());
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
        return METHODS.containsKey(name);
    }

    /**
     * The method of that name ({@code wrapper(inner)} names, e.g. {@code cr-mogm(mgda)}, compose a
     * {@link Wrappers wrapper} with a method), or an error listing the known names and the closest match.
     */
    public static MethodSpec get(String name) {
        if (Wrappers.isComposite(name)) {
            return Wrappers.compose(name);
        }
        MethodSpec spec = METHODS.get(name == null ? "" : name.trim());
        if (spec == null) {
            String suggestion = closest(name == null ? "" : name.trim());
            throw new IllegalArgumentException("unknown method '" + name + "'"
                    + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                    + "; known methods: " + String.join(", ", METHODS.keySet()));
        }
        return spec;
    }

    private static String closest(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : METHODS.keySet()) {
            int distance = editDistance(name.toLowerCase(java.util.Locale.ROOT), candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
