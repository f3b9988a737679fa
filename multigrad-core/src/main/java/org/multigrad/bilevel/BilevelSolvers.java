package org.multigrad.bilevel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.IntToDoubleFunction;
import org.multigrad.api.Catalogue;
import org.multigrad.method.spec.ParamSpec;

/**
 * The MOBLO solvers by name, with their parameters declared once (name, default = the thesis's
 * synthetic setting of App. A.1.4, range): {@code forum} and {@code moml}.
 */
public final class BilevelSolvers {
    public static final ParamSpec<Integer> INNER_STEPS = ParamSpec.integer("inner-steps", 50, 1, 1_000_000,
            "T, lower-level GD steps per upper-level iteration");
    public static final ParamSpec<Double> INNER_LR = ParamSpec.realAbove("inner-lr", 0.05, 0, 1e6, "eta, their step size");
    public static final ParamSpec<Double> ALPHA_LR = ParamSpec.realAbove("alpha-lr", 0.3, 0, 1e6,
            "upper-level step size on alpha");
    public static final ParamSpec<Double> OMEGA_LR = ParamSpec.realAbove("omega-lr", 0.3, 0, 1e6,
            "FORUM's upper-level step size on omega");
    public static final ParamSpec<Double> RHO = ParamSpec.realAbove("rho", 0.3, 0, 1e6, "rho of phi = (rho/2)|grad q|^2");
    public static final ParamSpec<Double> MOMENTUM_POWER = ParamSpec.real("momentum-power", 0.75, 0, 10,
            "beta_k = (k+1)^-power, the momentum on lambda (0: none)");
    public static final ParamSpec<Boolean> WARM_START = ParamSpec.bool("warm-start", true,
            "start each inner loop at the current omega (true) or at omega_0 (false)");
    public static final ParamSpec<Boolean> NORMALIZE = ParamSpec.bool("normalize", false,
            "MOML: MGDA on l2-normalised hypergradients");

    /** Parsed parameter values, read through the constants above. */
    public static final class Values {
        private final Map<ParamSpec<?>, Object> values = new HashMap<>();

        public <V> V get(ParamSpec<V> param) {
            @SuppressWarnings("unchecked")
            V value = (V) values.get(param);
            return value;
        }
    }

    /** A solver's parameters and its factory. */
    public record Entry(List<ParamSpec<?>> params, BiFunction<BilevelProblem, Values, BilevelSolver> factory) {
        /** The solver on {@code problem} with the raw values {@code raw} by name (text or typed), defaults for the rest. */
        public BilevelSolver create(String name, BilevelProblem problem, Map<String, ?> raw) {
            Values values = new Values();
            for (ParamSpec<?> param : params) {
                values.values.put(param, raw.containsKey(param.name()) ? param.parse(name, raw.get(param.name()))
                        : param.defaultValue());
            }
            for (String key : raw.keySet()) {
                if (params.stream().noneMatch(param -> param.name().equals(key))) {
                    throw new IllegalArgumentException(name + " has no parameter '" + key + "'; its parameters: "
                            + String.join(", ", params.stream().map(ParamSpec::name).toList()));
                }
            }
            return factory.apply(problem, values);
        }
    }

    private static final Catalogue<Entry> SOLVERS = Catalogue.<Entry>builder("MOBLO method")
            .add("forum", "FORUM (thesis Alg. 2): first order, value-function constraint, momentum on lambda",
                    new Entry(List.of(INNER_STEPS, INNER_LR, ALPHA_LR, OMEGA_LR, RHO, MOMENTUM_POWER, WARM_START),
                            (problem, v) -> new Forum(problem, new Forum.Settings(v.get(INNER_STEPS), v.get(INNER_LR),
                                    v.get(ALPHA_LR), v.get(OMEGA_LR), v.get(RHO), power(v.get(MOMENTUM_POWER)),
                                    v.get(WARM_START)))))
            .add("moml", "MOML (thesis Alg. 1): unrolled inner loop, hypergradients by reverse accumulation, MGDA",
                    new Entry(List.of(INNER_STEPS, INNER_LR, ALPHA_LR, WARM_START, NORMALIZE),
                            (problem, v) -> new Moml(problem, new Moml.Settings(v.get(INNER_STEPS), v.get(INNER_LR),
                                    v.get(ALPHA_LR), v.get(WARM_START), v.get(NORMALIZE)))))
            .build();

    private BilevelSolvers() {
    }

    public static Catalogue<Entry> catalogue() {
        return SOLVERS;
    }

    private static IntToDoubleFunction power(double exponent) {
        return k -> Math.pow(k + 1, -exponent);
    }
}
