package org.multigrad.method.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a typed options builder has collected, starting from the declared defaults. Each
 * value is checked when it is set, by the parameter's own {@link ParamSpec#parse}, so a builder
 * fails with the same message as {@code MethodSpec.create(Map)}.
 */
final class ParamValues {
    private final String method;
    private final List<ParamSpec<?>> declared;
    private final Map<String, Object> values = new LinkedHashMap<>();

    ParamValues(String method, List<ParamSpec<?>> declared) {
        this.method = method;
        this.declared = declared;
        for (ParamSpec<?> param : declared) {
            if (param.defaultValue() != null) {
                values.put(param.name(), param.defaultValue());
            }
        }
    }

    <V> void set(ParamSpec<V> param, V value) {
        if (!declared.contains(param)) {
            throw new IllegalArgumentException(method + ": parameter '" + param.name() + "' is not one of its own");
        }
        values.put(param.name(), param.parse(method, value));
    }

    Map<String, Object> asMap() {
        return values;
    }
}
