package org.multigrad.method.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongToIntFunction;
import org.multigrad.api.Aggregator;
import org.multigrad.api.WeightedAggregator;
import org.multigrad.api.Weighting;

/**
 * The one declaration of a method: its stable kebab-case name, one-line summary, paper reference,
 * properties, what it reads from the training loop, its state, its cost per step, typed parameters
 * and factory. The registry, {@code multigrad list}, the generated docs table and the property
 * tests all read it.
 */
public final class MethodSpec {
    /** What a method reads at each step, beyond the number of objectives m. */
    public enum Input {
        /** Nothing but m (fixed, random or equal weights). */
        NOTHING("nothing (m only)"),
        /** The m x m Gramian G = J Jᵀ (or only its diagonal, the squared gradient norms). */
        GRAMIAN("Gramian"),
        /** The coordinates of J itself, not reducible to G. */
        JACOBIAN("Jacobian coordinates"),
        /** The m losses of the step. */
        LOSSES("losses"),
        /** {@code TrainingHooks.afterStep} after every optimizer step. */
        AFTER_STEP("afterStep hook"),
        /** {@code TrainingHooks.afterStep(newLosses)} with the losses after the step (one more forward pass). */
        LOSSES_AFTER_STEP("losses after the step"),
        /** {@code TrainingHooks.endEpoch} at every epoch end. */
        END_EPOCH("endEpoch hook"),
        /** Second-order information ({@code Curvature}: Hessians, their diagonals or Hessian-vector products) at every step. */
        CURVATURE("curvature (Hessian information)"),
        /**
         * The per-task gradients of the shared representation z instead of the shared parameters
         * (MGDA-UB): a training loop builds J from ∂L_i/∂z and back-propagates through the trunk once.
         */
        REPRESENTATION("gradients of the shared representation"),
        /**
         * A growing number N_k of stochastic gradients averaged at step k
         * ({@link MethodSpec#samplesPerStep}): the caller draws N_k samples and passes their mean.
         */
        GROWING_SAMPLE("a growing number of averaged samples per step");

        private final String label;

        Input(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String name;
    private final String summary;
    private final String reference;
    private final Set<Property> properties;
    private final String notes;
    private final Set<Input> inputs;
    private final String state;
    private final String cost;
    private final List<ParamSpec<?>> params;
    private final Function<Params, Weighting> weightingFactory;
    private final Function<Params, Aggregator> aggregatorFactory;
    private final Function<Params, LongToIntFunction> sampleSize;

    private MethodSpec(Builder builder) {
        this.name = builder.name;
        this.summary = builder.summary;
        this.reference = builder.reference;
        this.properties = Collections.unmodifiableSet(builder.properties);
        this.notes = builder.notes;
        this.inputs = Collections.unmodifiableSet(builder.inputs);
        this.state = builder.state;
        this.cost = builder.cost;
        this.params = List.copyOf(builder.params);
        this.weightingFactory = builder.weightingFactory;
        this.aggregatorFactory = builder.aggregatorFactory;
        this.sampleSize = builder.sampleSize;
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

    /** What the method reads at each step (and which training-loop hooks it needs); never empty once declared. */
    public Set<Input> inputs() {
        return inputs;
    }

    /** What the method keeps between steps, e.g. "log-variances s and Adam moments"; "" when stateless. */
    public String state() {
        return state;
    }

    /** Cost per step, e.g. "Gramian O(m^2 n) + one m x m simplex QP". */
    public String cost() {
        return cost;
    }

    /** True when the method draws random numbers (from its seeded generator): it has a {@code seed} parameter. */
    public boolean isStochastic() {
        return params.stream().anyMatch(p -> p.name().equals("seed"));
    }

    public List<ParamSpec<?>> params() {
        return params;
    }

    /**
     * True when every call needs second-order information ({@link org.multigrad.api.Curvature},
     * passed with {@link Aggregator#aggregate(org.multigrad.api.Jacobian, double[],
     * org.multigrad.api.Curvature)}); drivers compute Hessian information only for these.
     */
    public boolean needsCurvature() {
        return inputs.contains(Input.CURVATURE);
    }

    /**
     * True when the weights read gradient information (the Gramian, J's coordinates or curvature).
     * False for weightings of the losses, the step count or random draws alone (mean, sum, constant,
     * rlw, uw, dwa, famo, gls): a training loop may then skip the m per-task gradients of the shared
     * parameters and back-propagate Σλ_i L_i's shared part once.
     */
    public boolean readsGradients() {
        return inputs.contains(Input.GRAMIAN) || inputs.contains(Input.JACOBIAN) || inputs.contains(Input.CURVATURE);
    }

    /**
     * True when the method reads J entry by entry ({@link Input#JACOBIAN}: graddrop, db-mtl, moco)
     * rather than through G and Jᵀλ; such a method needs double storage of J and refuses float32
     * ({@link org.multigrad.api.Jacobian#requireDoubleStorage}), so a training loop stores J as double for it.
     */
    public boolean readsJacobianCoordinates() {
        return inputs.contains(Input.JACOBIAN);
    }

    /** True when a training loop should take the per-task gradients of the shared representation ({@link Input#REPRESENTATION}). */
    public boolean wantsRepresentationGradients() {
        return inputs.contains(Input.REPRESENTATION);
    }

    /** True when the method is a weighting, so wrappers (smoothing, periodic recompute) apply. */
    public boolean isWeighting() {
        return weightingFactory != null;
    }

    /** Validates raw values, fills defaults and rejects unknown names. */
    public Params resolve(Map<String, ?> raw) {
        return Params.resolve(name, params, raw);
    }

    /**
     * The number N_k of stochastic gradients to average at step k = 1, 2, ... for these raw
     * parameters: the method's schedule when it declares {@link Input#GROWING_SAMPLE}, else 1.
     */
    public LongToIntFunction samplesPerStep(Map<String, ?> raw) {
        Params resolved = resolve(raw);
        return sampleSize == null ? step -> 1 : sampleSize.apply(resolved);
    }

    /** The method itself (the weighting, not wrapped in an aggregator), for the typed options. */
    Object instantiate(Map<String, ?> raw) {
        Params resolved = resolve(raw);
        return weightingFactory != null ? weightingFactory.apply(resolved) : aggregatorFactory.apply(resolved);
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
        private final Set<Input> inputs = EnumSet.noneOf(Input.class);
        private String state = "";
        private String cost = "";
        private final List<ParamSpec<?>> params = new ArrayList<>();
        private Function<Params, Weighting> weightingFactory;
        private Function<Params, Aggregator> aggregatorFactory;
        private Function<Params, LongToIntFunction> sampleSize;

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

        public Builder inputs(Input... read) {
            Collections.addAll(inputs, read);
            return this;
        }

        /** What is kept between steps (declare it for every stateful method). */
        public Builder state(String text) {
            this.state = text;
            return this;
        }

        public Builder cost(String text) {
            this.cost = text;
            return this;
        }

        public Builder param(ParamSpec<?> param) {
            params.add(param);
            return this;
        }

        /** Declares {@link Input#GROWING_SAMPLE}: N_k draws averaged at step k, from the parameters. */
        public Builder growingSample(Function<Params, LongToIntFunction> sizes) {
            inputs.add(Input.GROWING_SAMPLE);
            this.sampleSize = sizes;
            return this;
        }

        public MethodSpec build() {
            return new MethodSpec(this);
        }
    }
}
