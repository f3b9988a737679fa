package org.multigrad.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multigrad.bilevel.BilevelSolvers;
import org.multigrad.bilevel.MobloSynthetic;

/**
 * A study of MOBLO methods on the thesis's synthetic problem (A.32).
 *
 * @param methods    {@link BilevelSolvers} names, e.g. forum, moml
 * @param starts     thesis starts 1..3: (α₀, ω₀) = (0, (0, 3)), (2, (0, 3)), (2, (3, 3))
 * @param iterations upper-level iterations K per run
 * @param params     {@code method.key} for one method, a bare {@code key} for every listed method that
 *                   declares it (a qualified value wins); a key no listed method takes is an error
 */
public record MobloSyntheticRequest(List<String> methods, List<Integer> starts, int iterations,
                                    Map<String, String> params) {
    public MobloSyntheticRequest {
        methods = List.copyOf(methods);
        starts = List.copyOf(starts);
        params = Map.copyOf(params);
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("--methods: give at least one of " + BilevelSolvers.catalogue().names());
        }
        for (String method : methods) {
            BilevelSolvers.catalogue().get(method);
        }
        if (starts.isEmpty()) {
            throw new IllegalArgumentException("--start: give at least one of 1, 2, 3");
        }
        for (int start : starts) {
            if (start < 1 || start > MobloSynthetic.STARTS.length) {
                throw new IllegalArgumentException("--start " + start + " is not a thesis start; known: 1 = (0, (0, 3)),"
                        + " 2 = (2, (0, 3)), 3 = (2, (3, 3)), or all");
            }
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be >= 1, got " + iterations);
        }
        parameters(methods, params);
    }

    /** The raw parameters of each method, checked: every key is taken by some listed method. */
    static Map<String, Map<String, String>> parameters(List<String> methods, Map<String, String> params) {
        Map<String, Map<String, String>> byMethod = new LinkedHashMap<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (String method : methods) {
            List<String> declared = BilevelSolvers.catalogue().get(method).params().stream()
                    .map(org.multigrad.method.spec.ParamSpec::name).toList();
            byMethod.put(method, MethodParameters.take(params, java.util.Set.of(method), declared, used));
        }
        MethodParameters.requireAllUsed(params, used, java.util.Set.copyOf(methods), new java.util.LinkedHashSet<>(methods));
        return byMethod;
    }
}
