package org.multigrad.method.spec;

/**
 * Typed options of one method, the Java route to an instance:
 * {@code CaGrad.options().c(0.5).build()}. Each method declares a subclass whose setters pass
 * the method's {@link ParamSpec} constants to {@link #set}; defaults, ranges and error messages
 * are the declaration's, so {@code options().build()} equals {@code SPEC.create(Map.of())}.
 *
 * @param <T> the method's class
 * @param <B> the options subclass
 */
public abstract class MethodOptions<T, B extends MethodOptions<T, B>> extends ParamOptions<T, B> {
    private final MethodSpec spec;

    protected MethodOptions(MethodSpec spec, Class<T> type) {
        super(spec.name(), spec.params(), type);
        this.spec = spec;
    }

    /** A fresh instance with these options; fails when a required parameter was not set. */
    public T build() {
        return typed(spec.instantiate(values()));
    }
}
