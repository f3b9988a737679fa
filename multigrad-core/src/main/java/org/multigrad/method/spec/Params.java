package org.multigrad.method.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validated, typed hyper-parameter values of one method instance (defaults filled in). */
public final class Params {
    private final String method;
    private final Map<String, Object> values;

    Params(String method, Map<String, Object> values) {
        this.method = method;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public String method() {
        return method;
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public double getDouble(String name) {
        return (Double) require(name);
    }

    public int getInt(String name) {
        return (Integer) require(name);
    }

    public long getLong(String name) {
        return (Long) require(name);
    }

    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    public String getChoice(String name) {
        return (String) require(name);
    }

    public double[] getDoubleArray(String name) {
        @SuppressWarnings("unchecked")
        List<Double> list = (List<Double>) require(name);
        double[] array = new double[list.size()];
        for (int k = 0; k < array.length; k++) {
            array[k] = list.get(k);
        }
        return array;
    }

    private Object require(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalStateException(method + " has no parameter '" + name + "' (a bug in its declaration)");
        }
        return value;
    }

    @Override
    public String toString() {
        return method + values;
    }
}
