package org.multigrad.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code -p} parameters of the experiment commands, shared out among the listed methods: a bare
 * {@code key} goes to every listed method that declares it, {@code method.key} to the method of that
 * name (as listed, or by its label such as {@code cr-mogm(mgda)}) and wins over a bare key; a
 * parameter that no listed method takes is an error ({@link #requireAllUsed}).
 */
public final class MethodParameters {
    private MethodParameters() {
    }

    /**
     * The values of the {@code declared} parameters for the method called {@code names}; every key
     * taken is added to {@code used}.
     */
    public static Map<String, String> take(Map<String, String> params, Set<String> names, List<String> declared,
                                           Set<String> used) {
        Map<String, String> own = new LinkedHashMap<>();
        for (String param : declared) {
            if (params.containsKey(param)) {
                own.put(param, params.get(param));
                used.add(param);
            }
        }
        for (Map.Entry<String, String> entry : params.entrySet()) {
            int dot = entry.getKey().lastIndexOf('.');
            if (dot > 0 && names.contains(entry.getKey().substring(0, dot))
                    && declared.contains(entry.getKey().substring(dot + 1))) {
                own.put(entry.getKey().substring(dot + 1), entry.getValue());
                used.add(entry.getKey());
            }
        }
        return own;
    }

    /**
     * Refuses the first parameter that no method took, naming the methods ({@code labels}) or, for
     * {@code method.key}, the method without that parameter ({@code names}: every name and label listed).
     */
    public static void requireAllUsed(Map<String, String> params, Set<String> used, Set<String> names,
                                      Set<String> labels) {
        for (String key : params.keySet()) {
            if (used.contains(key)) {
                continue;
            }
            int dot = key.lastIndexOf('.');
            if (dot < 0) {
                throw new IllegalArgumentException("--param " + key + ": none of the methods " + labels
                        + " has a parameter of that name");
            }
            String method = key.substring(0, dot);
            throw new IllegalArgumentException("--param " + key + ": " + (names.contains(method)
                    ? method + " has no parameter " + key.substring(dot + 1) : method + " is not one of the methods "
                    + labels));
        }
    }
}
