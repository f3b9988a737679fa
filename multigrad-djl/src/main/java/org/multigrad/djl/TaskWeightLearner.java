package org.multigrad.djl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.multigrad.api.Catalogue;
import org.multigrad.bilevel.BilevelSolvers;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.Params;
import org.multigrad.optim.Adam;

/**
 * Task weights learned by multi-objective bi-level optimisation (MOBLO; Ye's thesis, Ch. 3, (3.3)–(3.4)
 * in its multi-task form, §3.7.2): the lower level trains the model ω on the weighted training loss
 * f(α, ω) = Σ_i α_i L_i^tr(ω), the upper level asks for low validation losses F_i(ω) = L_i^val(ω),
 * one objective per task. The weights are α = softmax(θ) (uniform at θ = 0, as LibMTL and the MOML
 * code initialise them; the thesis does not say how α stays on the simplex), θ moves by Adam with
 * its own step ({@code weight-lr}; the thesis: Adam, 0.001), ω by the training optimizer.
 * Upper-level batches come from a validation split held out of the training set.
 *
 * <p>Two methods: {@code forum} ({@link ForumTaskWeights}) and {@code moml} ({@link MomlTaskWeights}).
 * Gradients cover every parameter, shared and heads ({@link TaskGradients}). Per step,
 * {@link #step} reports the training batch's losses (before the update) and the weights α used.
 */
public abstract class TaskWeightLearner {
    public static final ParamSpec<Double> RHO = ParamSpec.realAbove("rho", 0.1, 0, 1e6,
            "rho of phi = (rho/2)|grad q|^2 (thesis, MTL: 0.1)");
    public static final ParamSpec<Integer> FORUM_INNER_STEPS = ParamSpec.integer("inner-steps", 5, 1, 10_000,
            "T, lower-level SGD steps on the training batch (thesis, MTL: 5)");
    public static final ParamSpec<Integer> MOML_INNER_STEPS = ParamSpec.integer("inner-steps", 1, 1, 1,
            "T; training unrolls one step, the thesis's MTL setting, whose hypergradient needs no Hessian");
    public static final ParamSpec<Double> INNER_LR = ParamSpec.realAbove("inner-lr", 0.1, 0, 1e6,
            "eta, the lower-level SGD step (thesis, MTL: 0.1)");
    public static final ParamSpec<Double> WEIGHT_LR = ParamSpec.realAbove("weight-lr", 1e-3, 0, 1e6,
            "Adam's step on the weight logits theta, alpha = softmax(theta) (thesis: 0.001)");

    private static final Catalogue<List<ParamSpec<?>>> METHODS = Catalogue.<List<ParamSpec<?>>>builder(
                    "bi-level task weighting")
            .add("forum", "FORUM (thesis Alg. 2) as task weighting: value-function constraint on the training loss,"
                    + " validation losses as objectives", List.of(RHO, FORUM_INNER_STEPS, INNER_LR, WEIGHT_LR,
                    BilevelSolvers.MOMENTUM_POWER))
            .add("moml", "MOML (thesis Alg. 1) as task weighting: one unrolled SGD step, MGDA on the m"
                    + " validation hypergradients", List.of(MOML_INNER_STEPS, INNER_LR, WEIGHT_LR, BilevelSolvers.NORMALIZE))
            .build();

    /** The default share of the training set held out as the validation (upper-level) split. */
    public static final double DEFAULT_VALIDATION_SPLIT = 0.1;

    protected final MultiTaskModel model;
    protected final ParameterUpdate update;
    protected final Params params;
    /** θ, the logits of the task weights. */
    protected double[] logits;
    protected Adam weightOptimizer;

    protected TaskWeightLearner(MultiTaskModel model, CheckpointableOptimizer optimizer, Params params) {
        this.model = model;
        this.update = new ParameterUpdate(model.allParameters(), optimizer);
        this.params = params;
        this.logits = new double[model.tasks()];
        this.weightOptimizer = new Adam(params.get(WEIGHT_LR), 0);
    }

    /** Whether {@code name} is a bi-level task weighting (then train and bench need a validation split). */
    public static boolean isBilevel(String name) {
        return METHODS.contains(name);
    }

    public static List<String> names() {
        return METHODS.names();
    }

    /** Checks the parameters of {@code method} (names, ranges), filling defaults. */
    public static Params resolve(String method, Map<String, ?> raw) {
        return Params.resolve(method, METHODS.get(method), raw);
    }

    public static List<ParamSpec<?>> params(String method) {
        return METHODS.get(method);
    }

    /** The learner of {@code method} for {@code model}, ω stepped by {@code optimizer}. */
    public static TaskWeightLearner create(String method, Map<String, ?> raw, MultiTaskModel model,
                                           CheckpointableOptimizer optimizer, JacobianPrecision precision) {
        Params params = resolve(method, raw);
        return switch (method) {
            case "forum" -> new ForumTaskWeights(model, optimizer, params, precision);
            case "moml" -> new MomlTaskWeights(model, optimizer, params, precision);
            default -> throw new IllegalArgumentException("unknown bi-level task weighting '" + method + "'");
        };
    }

    public CheckpointableOptimizer optimizer() {
        return update.optimizer();
    }

    /**
     * One upper-level iteration: ω and θ each take one step. {@code train*} is the training batch,
     * {@code validation*} the upper-level batch.
     *
     * @throws TrainingDivergedException if a loss or gradient is not finite (nothing is updated)
     */
    public abstract MultiTaskStepper.Result step(float[] trainInputs, int trainBatch, int[][] trainTargets,
                                                 float[] validationInputs, int validationBatch, int[][] validationTargets);

    /** α = softmax(θ). */
    public double[] weights() {
        double max = Double.NEGATIVE_INFINITY;
        for (double value : logits) {
            max = Math.max(max, value);
        }
        double[] weights = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.exp(logits[i] - max);
            sum += weights[i];
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= sum;
        }
        return weights;
    }

    /** ∇_θ of a function of α = softmax(θ) with gradient g in α: J_softmaxᵀg = α ⊙ (g − ⟨α, g⟩). */
    static double[] throughSoftmax(double[] alpha, double[] g) {
        double mean = 0;
        for (int i = 0; i < alpha.length; i++) {
            mean += alpha[i] * g[i];
        }
        double[] result = new double[alpha.length];
        for (int i = 0; i < alpha.length; i++) {
            result[i] = alpha[i] * (g[i] - mean);
        }
        return result;
    }

    /** Throws {@link TrainingDivergedException} at a non-finite loss or gradient entry (shared block first, then the heads). */
    static void requireFinite(TaskGradients gradients) {
        for (int task = 0; task < gradients.tasks(); task++) {
            double loss = gradients.losses()[task];
            if (!Double.isFinite(loss)) {
                throw TrainingDivergedException.loss(task, loss);
            }
        }
        MultiTaskStepper.requireFiniteGradients(gradients.shared());
        for (int task = 0; task < gradients.tasks(); task++) {
            float[] head = gradients.heads()[task];
            for (int k = 0; k < head.length; k++) {
                if (!Float.isFinite(head[k])) {
                    throw TrainingDivergedException.headGradient(task, k, head[k]);
                }
            }
        }
    }

    /** The learner's state beyond the model and ω's optimizer: θ, θ's Adam, and the method's own. */
    protected record State(double[] logits, Adam weightOptimizer, Serializable own) implements Serializable {
    }

    protected Serializable ownState() {
        return null;
    }

    protected void restoreOwnState(Serializable own) {
    }

    /** The state as bytes, for the training checkpoint. */
    public byte[] save() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new State(logits.clone(), weightOptimizer, ownState()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Continues from {@link #save}'s bytes. */
    public void restore(byte[] saved) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(saved))) {
            State state = (State) in.readObject();
            if (state.logits().length != logits.length) {
                throw new IllegalArgumentException("the checkpoint holds " + state.logits().length + " task weights, the model "
                        + logits.length + " tasks");
            }
            logits = state.logits().clone();
            weightOptimizer = state.weightOptimizer();
            restoreOwnState(state.own());
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("the checkpoint's task-weight state cannot be read: " + e.getMessage(), e);
        }
    }
}
