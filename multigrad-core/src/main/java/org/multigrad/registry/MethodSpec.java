package org.multigrad.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.multigrad.aggregate.Aggregator;
import org.multigrad.aggregate.WeightedAggregator;
import org.multigrad.weighting.Weighting;

/**
 * The one declaration of a method: its stable kebab-case name, one-line summary, paper reference,
 * properties, typed parameters and factory. The registry, {@code multigrad list}, the generated
 * docs table and the property tests all read it.
 */
public final class MethodSpec {
    private final String name;
    private final String summary;
    private final String reference;
    private final Set<Property> properties;
    private final String notes;
    private final List<ParamSpec> params;
    private final Function<Params, Weighting> weightingFactory;
    private final Function<Params, Aggregator> aggregatorFactory;
    private final boolean needsCurvature;

    private MethodSpec(Builder builder) {
        this.name = builder.name;
        this.summary = builder.summary;
        this.reference = builder.reference;
        this.properties = Collections.unmodifiableSet(builder.properties);
        this.notes = builder.notes;
        this.params = List.copyOf(builder.params);
        this.weightingFactory = builder.weightingFactory;
        this.aggregatorFactory = builder.aggregatorFactory;
        this.needsCurvature = builder.needsCurvature;
    }

    /** Declares a method that is a {@link Weighting} (combined as d = Jᵀλ). */
    public static Builder weighting(String name, Function<Params, Weighting> factory) {
        Builder builder = new Builder(name);
        builder.weightingFactory = factory;
        return builder;
    }

    /** Declares a method that needs the Jacobian's coordinates (not expressible as weights on G). */
    public static Builder aggregator(String name, Function<Params, Aggregator> factory) {
        Builder builder = new Builder(name);
        builder.aggregatorFactory = factory;
        return builder;
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

    public Set<Property> properties() {
        return properties;
    }

    public boolean has(Property property) {
        return properties.contains(property);
    }

    /** Conditions on the properties (e.g. "non-conflicting only for c >= 1"); may be empty. */
    public String notes() {
        return notes;
    }

    public List<ParamSpec> params() {
        return params;
    }

    /**
     * True when every call needs second-order information ({@link org.multigrad.weighting.Curvature},
     * passed with {@link Aggregator#aggregate(org.multigrad.jacobian.Jacobian, double[],
     * org.multigrad.weighting.Curvature)}); drivers compute Hessian information only for these.
     */
    public boolean needsCurvature() {
        return needsCurvature;
    }

    /** True when the method is a weighting, so wrappers (smoothing, periodic recompute) apply. */
    public boolean isWeighting() {
        return weightingFactory != null;
    }

    /** Validates raw values, fills defaults and rejects unknown names. */
    public Params resolve(Map<String, ?> raw) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, ?> given = raw == null ? Map.of() : raw;
        for (String key : given.keySet()) {
            if (params.stream().noneMatch(p -> p.name().equals(key))) {
                throw new IllegalArgumentException(name + ": unknown parameter '" + key + "'; "
                        + (params.isEmpty() ? "it takes no parameters"
                        : "its parameters are " + params.stream().map(ParamSpec::name).collect(Collectors.joining(", "))));
            }
        }
        for (ParamSpec param : params) {
            Object value = given.get(param.name());
            if (value == null) {
                if (param.defaultValue() == null) {
                    throw new IllegalArgumentException(name + ": parameter '" + param.name() + "' is required ("
                            + param.description() + ")");
                }
                values.put(param.name(), param.defaultValue());
            } else {
                values.put(param.name(), param.parse(name, value));
            }
        }
        return new Params(name, values);
    }

    /** A fresh aggregator with the given raw parameters (validated). */
    public Aggregator create(Map<String, ?> raw) {
        Params resolved = resolve(raw);
        if (weightingFactory != null) {
            return new WeightedAggregator(weightingFactory.apply(resolved));
        }
        return aggregatorFactory.apply(resolved);
    }

    /** A fresh weighting; fails for coordinate-wise methods, which have no weights on G. */
    public Weighting createWeighting(Map<String, ?> raw) {
        if (weightingFactory == null) {
            throw new IllegalArgumentException(name + " works on the Jacobian's coordinates and is not a weighting;"
                    + " it cannot be wrapped");
        }
        return weightingFactory.apply(resolve(raw));
    }

    @Override
    public String toString() {
        return name;
    }

    /** Fluent declaration of a method. */
    public static final class Builder {
        private final String name;
        private String summary = "";
        private String reference = "";
        private final Set<Property> properties = EnumSet.noneOf(Property.class);
        private String notes = "";
        private final List<ParamSpec> params = new ArrayList<>();
        private Function<Params, Weighting> weightingFactory;
        private Function<Params, Aggregator> aggregatorFactory;
        private boolean needsCurvature;

        private Builder(String name) {
            if (!name.matches("[a-z0-9]+(-[a-z0-9+]+)*(\\(.+\\))?")) {
                throw new IllegalArgumentException("method name must be kebab-case: " + name);
            }
            this.name = name;
        }

        public Builder summary(String text) {
            this.summary = text;
            return this;
        }

        public Builder reference(String text) {
            this.reference = text;
            return this;
        }

        public Builder properties(Property... claimed) {
            Collections.addAll(properties, claimed);
            return this;
        }

        public Builder notes(String text) {
            this.notes = text;
            return this;
        }

        /** Declares that the method needs curvature with every input (see {@link MethodSpec#needsCurvature()}). */
        public Builder needsCurvature() {
            this.needsCurvature = true;
            return this;
        }

        public Builder param(ParamSpec param) {
            params.add(param);
            return this;
        }

        public MethodSpec build() {
            return new MethodSpec(this);
        }
    }
}
