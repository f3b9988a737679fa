package org.multigrad.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongToIntFunction;
import org.multigrad.l2o.Gml2o;
import org.multigrad.l2o.GuardedDescent;
import org.multigrad.l2o.Ml2o;
import org.multigrad.l2o.Ml2oNetwork;
import org.multigrad.l2o.Ml2oWeightsFile;
import org.multigrad.method.Dssmg;
import org.multigrad.method.Mgda;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.problem.Problem;
import org.multigrad.registry.MethodRegistry;

/**
 * The learned optimizers in {@code solve}: {@code ml2o} (the learned step alone) and
 * {@code gml2o(fallback)}, the guard of seed 004 with an {@code mgda} fallback (Algorithm 3) or a
 * {@code dssmg} one (Algorithm 2, averaging N_k draws); {@code gml2o} alone means {@code gml2o(dssmg)}.
 * They take the weights file as {@code -p l2o=FILE} and, guarded, {@code -p after-rejection=keep|reset};
 * the fallback's own parameters ({@code nb}, {@code q}) as for the method itself. They step
 * z − α_k·g themselves, with the request's step size and schedule ({@link GuardedDescent}).
 */
final class LearnedMethod {
    static final String FILE = "l2o";
    static final ParamSpec<String> AFTER_REJECTION = ParamSpec.choice("after-rejection", "keep", List.of("keep", "reset"),
            "the ML2O state after a rejected proposal: kept or reset");
    private static final List<String> FALLBACKS = List.of(Mgda.SPEC.name(), Dssmg.SPEC.name());

    private final String label;
    private final Ml2oNetwork network;
    private final MethodSpec fallback;
    private final Map<String, String> fallbackParams;
    private final Gml2o.AfterRejection afterRejection;

    private LearnedMethod(String label, Ml2oNetwork network, MethodSpec fallback, Map<String, String> fallbackParams,
                          Gml2o.AfterRejection afterRejection) {
        this.label = label;
        this.network = network;
        this.fallback = fallback;
        this.fallbackParams = fallbackParams;
        this.afterRejection = afterRejection;
    }

    /** True for {@code ml2o}, {@code gml2o} and {@code gml2o(...)}. */
    static boolean names(String name) {
        return name.equals("ml2o") || name.equals("gml2o") || name.startsWith("gml2o(") && name.endsWith(")");
    }

    /** Resolves the method and its parameters for a problem with {@code objectives} objectives. */
    static LearnedMethod resolve(String name, SolveRequest request, Set<String> used, int objectives) {
        boolean guarded = !name.equals("ml2o");
        String fallbackName = name.equals("gml2o") ? Dssmg.SPEC.name()
                : guarded ? name.substring("gml2o(".length(), name.length() - 1).trim() : null;
        if (guarded && !FALLBACKS.contains(fallbackName)) {
            throw new IllegalArgumentException("--method " + name + ": the gml2o fallback must be mgda (Algorithm 3)"
                    + " or dssmg (Algorithm 2), got '" + fallbackName + "'");
        }
        String label = guarded ? "gml2o(" + fallbackName + ")" : "ml2o";
        MethodSpec fallback = guarded ? MethodRegistry.get(fallbackName) : null;
        List<String> declared = new ArrayList<>(List.of(FILE));
        if (guarded) {
            declared.add(AFTER_REJECTION.name());
            fallback.params().forEach(param -> declared.add(param.name()));
        }
        Map<String, String> own = MethodParameters.take(request.params(), new java.util.LinkedHashSet<>(List.of(name, label)), declared,
                used);
        String file = own.remove(FILE);
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("--method " + label + " needs the ML2O weights file: -p " + FILE + "=FILE");
        }
        Ml2oNetwork network = Ml2oWeightsFile.read(Path.of(file));
        if (network.objectives() != objectives) {
            throw new IllegalArgumentException("ml2o weights file " + file + " is for M = " + network.objectives()
                    + " objectives, problem " + request.problem() + " has " + objectives);
        }
        if (!request.optimizer().equals("sgd") || request.momentum() != 0) {
            throw new IllegalArgumentException("--method " + label + " steps z - lr*g itself: use --optimizer sgd"
                    + " without momentum");
        }
        Gml2o.AfterRejection rule = Gml2o.AfterRejection.parse(AFTER_REJECTION.parse(label,
                own.getOrDefault(AFTER_REJECTION.name(), AFTER_REJECTION.defaultValue())));
        own.remove(AFTER_REJECTION.name());
        if (guarded) {
            fallback.create(own);  // checks the fallback's parameters now, before any run
        }
        return new LearnedMethod(label, network, fallback, own, rule);
    }

    String label() {
        return label;
    }

    /** N_k: the fallback's (DSSMG's growing sample), else one draw. */
    LongToIntFunction samples() {
        return fallback == null ? step -> 1 : fallback.samplesPerStep(fallbackParams);
    }

    /** One run with a fresh ML2O state; returns the acceptance rate (1 for ml2o). */
    double run(Problem problem, GuardedDescent.Settings settings, double[] start, Consumer<GuardedDescent.Step> listener) {
        Ml2o ml2o = new Ml2o(network);
        GuardedDescent.Result result = fallback == null
                ? GuardedDescent.unguarded(problem, ml2o, settings, start, listener)
                : GuardedDescent.guarded(problem, new Gml2o(ml2o, fallback.create(fallbackParams), afterRejection),
                        settings, start, listener);
        return result.acceptanceRate();
    }
}
