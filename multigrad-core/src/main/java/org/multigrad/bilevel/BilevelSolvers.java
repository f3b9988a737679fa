package org.multigrad.bilevel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.multigrad.api.Catalogue;
import org.multigrad.method.spec.ParamSpec;

/**
 * The MOBLO solvers by name, with their parameters declared once (names, defaults = the thesis's
 * synthetic setting, App. A.1.4, and ranges): {@code forum} and {@code moml}.
 */
public final class BilevelSolvers {
    /** A solver's parameters and its factory from parsed values (by parameter name). */
    public record Entry(List<ParamSpec> params, BiFunction<BilevelProblem, Map<String, Object>, BilevelSolver> factory) {
        /** The solver on {@code problem} with the raw values {@code raw} (text or typed), defaults for the rest. */
        public BilevelSolver create(String name, BilevelProblem problem, Map<String, ?> raw) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (ParamSpec param : params) {
                values.put(param.name(), raw.containsKey(param.name()) ? param.parse(name, raw.get(param.name()))
                        : param.defaultValue());
            }
            for (String key : raw.keySet()) {
                if (values.keySet().stream().noneMatch(key::equals)) {
                    throw new IllegalArgumentException(name + " has no parameter '" + key + "'; its parameters: "
                            + String.join(", ", values.keySet()));
                }
            }
            return factory.apply(problem, values);
        }
    }

    private static final ParamSpec INNER_STEPS = ParamSpec.integer("inner-steps", 50, 1, 1_000_000,
            "T, lower-level GD steps per upper-level iteration");
    private static final ParamSpec INNER_LR = ParamSpec.realAbove("inner-lr", 0.05, 0, 1e6, "eta, their step size");
    private static final ParamSpec ALPHA_LR = ParamSpec.realAbove("alpha-lr", 0.3, 0, 1e6,
            "upper-level step size on alpha");
    private static final ParamSpec WARM_START = ParamSpec.bool("warm-start", true,
            "start each inner loop at the current omega (true) or at omega_0 (false)");

    private static final Catalogue<Entry> SOLVERS = Catalogue.<Entry>builder("MOBLO method")
            .add("forum", "FORUM (thesis Alg. 2): first-order, value-function constraint, momentum on lambda",
                    new Entry(List.of(INNER_STEPS, INNER_LR, ALPHA_LR,
                            ParamSpec.realAbove("omega-lr", 0.3, 0, 1e6, "upper-level step size on omega"),
                            ParamSpec.realAbove("rho", 0.3, 0, 1e6, "rho of phi = (rho/2)|grad q|^2"),
                            ParamSpec.real("momentum-power", 0.75, 0, 10,
                                    "beta_k = (k+1)^-power for the momentum on lambda (0: no momentum)"),
                            WARM_START),
                            (problem, v) -> new Forum(problem, new Forum.Settings((Integer) v.get("inner-steps"),
                                    (Double) v.get("inner-lr"), (Double) v.get("alpha-lr"), (Double) v.get("omega-lr"),
                                    (Double) v.get("rho"), power((Double) v.get("momentum-power")),
                                    (Boolean) v.get("warm-start")))))
            .add("moml", "MOML (thesis Alg. 1): unrolled inner loop, hypergradients by reverse accumulation, MGDA",
                    new Entry(List.of(INNER_STEPS, INNER_LR, ALPHA_LR, WARM_START,
                            ParamSpec.bool("normalize", false, "MGDA on l2-normalised hypergradients")),
                            (problem, v) -> new Moml(problem, new Moml.Settings((Integer) v.get("inner-steps"),
                                    (Double) v.get("inner-lr"), (Double) v.get("alpha-lr"), (Boolean) v.get("warm-start"),
                                    (Boolean) v.get("normalize")))))
            .build();

    private BilevelSolvers() {
    }

    public static Catalogue<Entry> catalogue() {
        return SOLVERS;
    }

    private static java.util.function.IntToDoubleFunction power(double exponent) {
        return k -> Math.pow(k + 1, -exponent);
    }
}
