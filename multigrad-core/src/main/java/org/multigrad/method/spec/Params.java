package org.multigrad.method.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Validated, typed hyper-parameter values of one method instance (defaults filled in). */
public final class Params {
    private final String method;
    private final Map<String, Object> values;

    Params(String method, Map<String, Object> values) {
        this.method = method;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Validates raw values against {@code declared}, fills defaults and rejects unknown names; every
     * error names {@code method}, the parameter and the rule (the map route and the typed options share it).
     */
    public static Params resolve(String method, List<ParamSpec<?>> declared, Map<String, ?> raw) {
        Map<String, ?> given = raw == null ? Map.of() : raw;
        for (String key : given.keySet()) {
            if (declared.stream().noneMatch(p -> p.name().equals(key))) {
                throw new IllegalArgumentException(method + ": unknown parameter '" + key + "'; "
                        + (declared.isEmpty() ? "it takes no parameters"
                        : "its parameters are " + declared.stream().map(ParamSpec::name).collect(Collectors.joining(", "))));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamSpec<?> param : declared) {
            Object value = given.get(param.name());
            if (value == null) {
                if (param.defaultValue() == null) {
                    throw new IllegalArgumentException(method + ": parameter '" + param.name() + "' is required ("
                            + param.description() + ")");
                }
                values.put(param.name(), param.defaultValue());
            } else {
                values.put(param.name(), param.parse(method, value));
            }
        }
        return new Params(method, values);
    }

    public String method() {
        return method;
    }

    public Map<String, Object> asMap() {
        return values;
    }

    /** The value of a declared parameter, typed by its declaration. */
    @SuppressWarnings("unchecked")
    public <V> V get(ParamSpec<V> param) {
        Object value = values.get(param.name());
        if (value == null) {
            throw new IllegalStateException(method + " has no parameter '" + param.name() + "' (a bug in its declaration)");
        }
        // resolve() stored the result of this parameter's own parse, so the type is V
        return (V) value;
    }

    /** A list parameter as an array. */
    public double[] getDoubleArray(ParamSpec<List<Double>> param) {
        List<Double> list = get(param);
        double[] array = new double[list.size()];
        for (int k = 0; k < array.length; k++) {
            array[k] = list.get(k);
        }
        return array;
    }

    @Override
    public String toString() {
        return method + values;
    }
}
