package org.multigrad.method.spec;

import org.multigrad.api.Weighting;

/**
 * Typed options of a wrapper, which wrap a weighting given at the end:
 * {@code CrMogm.options().schedule(Schedule.CONSTANT).alpha(0.9).build(Mgda.options().build())}.
 *
 * @param <T> the wrapper's class
 * @param <B> the options subclass
 */
public abstract class WrapperOptions<T, B extends WrapperOptions<T, B>> extends ParamOptions<T, B> {
    private final WrapperSpec spec;

    protected WrapperOptions(WrapperSpec spec, Class<T> type) {
        super(spec.name(), spec.params(), type);
        this.spec = spec;
    }

    /** A fresh wrapper around {@code inner} with these options. */
    public T build(Weighting inner) {
        return typed(spec.create(values(), inner));
    }
}
