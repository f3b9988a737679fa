package org.multigrad.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Test problems by stable kebab-case name; each lookup returns a fresh instance. */
public final class ProblemRegistry {
    private static final Map<String, Supplier<Problem>> PROBLEMS = new LinkedHashMap<>();

    static {
        PROBLEMS.put("crmogm-stochastic", CrMogmStochastic::new);
        PROBLEMS.put("crmogm-finite-sum", CrMogmFiniteSum::new);
        PROBLEMS.put("cagrad-toy", CaGradToy::new);
        PROBLEMS.put("vlmop2", Vlmop2::new);
        PROBLEMS.put("zdt1", () -> new Zdt(Zdt.Variant.ZDT1));
        PROBLEMS.put("zdt2", () -> new Zdt(Zdt.Variant.ZDT2));
        PROBLEMS.put("zdt3", () -> new Zdt(Zdt.Variant.ZDT3));
        PROBLEMS.put("bk1", Bk1::new);
        PROBLEMS.put("dgo1", Dgo1::new);
        PROBLEMS.put("lov1", Lov1::new);
        PROBLEMS.put("mop5", Mop5::new);
        PROBLEMS.put("amoo-specification", AmooQuadratic::specification);
        PROBLEMS.put("amoo-selection", AmooQuadratic::selection);
        PROBLEMS.put("amoo-curvature", AmooCurvature::new);
    }

    private ProblemRegistry() {
    }

    public static List<String> names() {
        return List.copyOf(PROBLEMS.keySet());
    }

    /** A fresh problem of that name, or an error listing the known names. */
    public static Problem get(String name) {
        Supplier<Problem> factory = PROBLEMS.get(name == null ? "" : name.trim());
        if (factory == null) {
            throw new IllegalArgumentException("unknown problem '" + name + "'; known problems: "
                    + String.join(", ", PROBLEMS.keySet()));
        }
        return factory.get();
    }
}
