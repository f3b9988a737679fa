package org.multigrad.method.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shared part of the typed options of methods ({@link MethodOptions}) and wrappers
 * ({@link WrapperOptions}): a setter per declared parameter, validated at once.
 *
 * @param <T> the class the options build
 * @param <B> the concrete options type, returned by the setters for chaining
 */
public abstract class ParamOptions<T, B extends ParamOptions<T, B>> {
    private final ParamValues values;
    private final Class<T> type;

    ParamOptions(String method, List<ParamSpec<?>> declared, Class<T> type) {
        this.values = new ParamValues(method, declared);
        this.type = type;
    }

    /**
     * Sets one declared parameter; a value out of its range fails here with the message of the
     * map route, e.g. {@code cagrad: parameter 'c' must be in [0, 1000000], got -0.5}.
     */
    protected final <V> B set(ParamSpec<V> param, V value) {
        values.set(param, value);
        @SuppressWarnings("unchecked")
        B self = (B) this;
        return self;
    }

    /** Sets a list parameter from an array (e.g. one weight per objective). */
    protected final B setReals(ParamSpec<List<Double>> param, double... values) {
        List<Double> list = new ArrayList<>();
        for (double value : values) {
            list.add(value);
        }
        return set(param, list);
    }

    /** The values set so far, defaults for the rest (required parameters without a value are absent). */
    final Map<String, Object> values() {
        return values.asMap();
    }

    /** What a declaration's factory built, as the options' class. */
    final T typed(Object instance) {
        return type.cast(instance);
    }
}
