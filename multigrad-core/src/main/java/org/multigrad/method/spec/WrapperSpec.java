package org.multigrad.method.spec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.multigrad.api.Weighting;

/**
 * The declaration of a wrapper: a method that wraps any {@link Weighting} (smoothing, periodic
 * recompute). {@code wrapper(inner)}, e.g. {@code cr-mogm(mgda)}, is looked up through
 * {@code MethodRegistry.get(String)} and yields a {@link MethodSpec} whose parameters are the
 * wrapper's followed by the inner method's; an inner parameter whose name the wrapper already uses
 * is renamed {@code inner.NAME}.
 */
public final class WrapperSpec {
    private final String name;
    private final String summary;
    private final String reference;
    private final String state;
    private final String cost;
    private final List<ParamSpec<?>> params;
    private final BiFunction<Params, Weighting, Weighting> factory;

    private WrapperSpec(Builder builder) {
        this.name = builder.name;
        this.summary = builder.summary;
        this.reference = builder.reference;
        this.state = builder.state;
        this.cost = builder.cost;
        this.params = List.copyOf(builder.params);
        this.factory = builder.factory;
    }

    public static Builder of(String name, BiFunction<Params, Weighting, Weighting> factory) {
        return new Builder(name, factory);
    }

    public String name() {
        return name;
    }

    public String summary() {
        return summary;
    }

    public String reference() {
        return reference;
    }

    /** What the wrapper itself keeps between steps. */
    public String state() {
        return state;
    }

    /** The wrapper's own cost per step, on top of the wrapped method's. */
    public String cost() {
        return cost;
    }

    public List<ParamSpec<?>> params() {
        return params;
    }

    /** This wrapper around {@code inner}: a method named {@code name(inner)}. */
    public MethodSpec wrap(MethodSpec inner) {
        if (!inner.isWeighting()) {
            throw new IllegalArgumentException(name + ": cannot wrap " + inner.name()
                    + ", which works on the Jacobian's coordinates and has no weights on G");
        }
        Map<String, String> innerNames = new LinkedHashMap<>();
        List<ParamSpec<?>> combined = new ArrayList<>(params);
        for (ParamSpec<?> param : inner.params()) {
            boolean clash = params.stream().anyMatch(p -> p.name().equals(param.name()));
            String exposed = clash ? "inner." + param.name() : param.name();
            innerNames.put(exposed, param.name());
            combined.add(clash ? param.renamed(exposed) : param);
        }
        Set<Property> properties = EnumSet.of(Property.STATEFUL);
        for (Property inherited : List.of(Property.SIMPLEX_WEIGHTS, Property.PERMUTATION_INVARIANT,
                Property.SCALE_INVARIANT_WEIGHTS)) {
            if (inner.has(inherited)) {
                properties.add(inherited);
            }
        }
        String composedName = name + "(" + inner.name() + ")";
        MethodSpec.Builder builder = MethodSpec.weighting(composedName, resolved -> factory.apply(
                        new Params(composedName, split(resolved, innerNames, false)),
                        inner.createWeighting(split(resolved, innerNames, true))))
                .summary(summary + " (around " + inner.name() + ")")
                .reference(reference)
                .properties(properties.toArray(new Property[0]))
                .inputs(inner.inputs().toArray(new MethodSpec.Input[0]))
                .state(state + (inner.state().isEmpty() ? "" : "; " + inner.name() + ": " + inner.state()))
                .cost(inner.cost() + "; " + name + ": " + cost);
        for (ParamSpec<?> param : combined) {
            builder.param(param);
        }
        if (inner.inputs().contains(MethodSpec.Input.GROWING_SAMPLE)) {
            builder.growingSample(resolved -> inner.samplesPerStep(split(resolved, innerNames, true)));
        }
        return builder.build();
    }

    /** This wrapper's own values ({@code forInner} false) or the inner method's, under its own names. */
    private static Map<String, Object> split(Params resolved, Map<String, String> innerNames, boolean forInner) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : resolved.asMap().entrySet()) {
            if (innerNames.containsKey(entry.getKey()) == forInner) {
                values.put(forInner ? innerNames.get(entry.getKey()) : entry.getKey(), entry.getValue());
            }
        }
        return values;
    }

    /** This wrapper around {@code inner}, with its own raw parameters validated (the typed options' route). */
    public Weighting create(Map<String, ?> raw, Weighting inner) {
        return factory.apply(Params.resolve(name, params, raw), inner);
    }

    /** Fluent declaration of a wrapper. */
    public static final class Builder {
        private final String name;
        private final BiFunction<Params, Weighting, Weighting> factory;
        private String summary = "";
        private String reference = "";
        private String state = "";
        private String cost = "";
        private final List<ParamSpec<?>> params = new ArrayList<>();

        private Builder(String name, BiFunction<Params, Weighting, Weighting> factory) {
            if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                throw new IllegalArgumentException("wrapper name must be kebab-case: " + name);
            }
            this.name = name;
            this.factory = factory;
        }

        public Builder summary(String text) {
            this.summary = text;
            return this;
        }

        public Builder reference(String text) {
            this.reference = text;
            return this;
        }

        /** What the wrapper itself keeps between steps. */
        public Builder state(String text) {
            this.state = text;
            return this;
        }

        /** The wrapper's own cost per step, on top of the wrapped method's. */
        public Builder cost(String text) {
            this.cost = text;
            return this;
        }

        public Builder param(ParamSpec<?> param) {
            params.add(param);
            return this;
        }

        public WrapperSpec build() {
            return new WrapperSpec(this);
        }
    }
}
