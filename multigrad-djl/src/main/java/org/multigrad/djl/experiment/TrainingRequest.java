package org.multigrad.djl.experiment;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.multigrad.djl.JacobianMode;
import org.multigrad.djl.JacobianPrecision;
import org.multigrad.djl.LearnedOptimizerStep;
import org.multigrad.djl.Models;
import org.multigrad.djl.MultiTaskTraining;
import org.multigrad.djl.TaskWeightLearner;
import org.multigrad.djl.TrainingConfig;
import org.multigrad.experiment.MethodParameters;
import org.multigrad.experiment.Smoothing;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.registry.MethodRegistry;

/**
 * What {@link TrainingRun} trains: one method on one two-task image set with one seed. The
 * constructor checks every field before PyTorch starts or any data loads; messages name a field by
 * its command-line spelling ({@code --epochs}).
 *
 * @param dataset a {@link org.multigrad.djl.data.MultiImageDatasets} name
 * @param model a {@link Models} name
 * @param method a registered method or {@code wrapper(method)}
 * @param params method parameters: {@code key} or {@code method.key} (see {@link MethodParameters})
 * @param smooth wrap the method in {@code cr-mogm} with this schedule, or null
 * @param mode {@code parameters} or {@code representation}: what the Jacobian is taken with respect to
 * @param jacobianPrecision {@code float32} (default) or {@code double}: how J is stored (see {@link JacobianPrecision})
 * @param epochs epochs in total, counting those of a resumed checkpoint
 * @param batchSize images per step
 * @param optimizer a {@link org.multigrad.djl.CheckpointableOptimizer#named} name, or a learned one: {@code ml2o}, {@code gml2o}
 *        ({@link LearnedOptimizerStep}; {@code method} is gml2o's fallback)
 * @param learningRate the optimizer's step size
 * @param seed seeds the dataset, the initialisation and the shuffling
 * @param data where the images come from
 * @param out the run's directory
 * @param resume continue from {@code out}'s checkpoint
 * @param evaluateTrainingSet also evaluate the whole training split after every epoch
 * @param validationSplit the share of the training set held out for the upper level of a bi-level
 *        task weighting (forum, moml; {@link TaskWeightLearner}), null for its default (0.1); other
 *        methods train on the whole set and ignore it
 * @param optimizerParams a learned optimizer's settings ({@code l2o}: the ML2O weights file,
 *        {@code after-rejection}); empty for adam and sgd
 * @param steps the run's length in steps in total (mid-epoch if need be), or 0 to run {@code epochs} epochs
 */
public record TrainingRequest(String dataset, String model, String method, Map<String, String> params, String smooth,
                              String mode, String jacobianPrecision, int epochs, int batchSize, String optimizer, float learningRate, long seed,
                              TrainingData data, Path out, boolean resume, boolean evaluateTrainingSet,
                              Double validationSplit, Map<String, String> optimizerParams, long steps) {
    public TrainingRequest {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params == null ? Map.of() : params));
        optimizerParams = Collections.unmodifiableMap(new LinkedHashMap<>(optimizerParams == null ? Map.of() : optimizerParams));
        if (steps < 0) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        boolean learned = LearnedOptimizerStep.isLearned(optimizer);
        jacobianMode(mode);
        JacobianPrecision.parse(jacobianPrecision);
        if (validationSplit != null && !(validationSplit > 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("--val-split must be in (0, 1), got " + validationSplit);
        }
        if (learned && (TaskWeightLearner.isBilevel(method) || smooth != null)) {
            throw new IllegalArgumentException("--optimizer " + optimizer + " takes a plain fallback method (--methods mgda or"
                    + " dssmg), not " + (smooth != null ? "--smooth" : method));
        }
        if (!learned && !optimizerParams.isEmpty()) {
            throw new IllegalArgumentException("--l2o belongs to --optimizer ml2o or gml2o, not " + optimizer);
        }
        Resolved resolved = resolve(method, smooth, methodParams(model, params));
        if (Models.isNormal(model)) {
            org.multigrad.djl.normal.NormalSettings.parse(modelParams(model, params));
            if (TaskWeightLearner.isBilevel(method)) {
                throw new IllegalArgumentException(method + " does not train NORMAL models yet (their positions need the"
                        + " step's own position gradients); use lenet or mlp");
            }
        }
        if (learned) {
            // the fallback's growing sample (dssmg) is drawn by the learned step itself
            LearnedOptimizerStep.check(optimizer, resolved.name(), resolved.params(), optimizerParams, 0);
            if (Models.isNormal(model)) {
                throw new IllegalArgumentException("--optimizer " + optimizer + " does not train NORMAL models (their positions"
                        + " take their own step); use lenet, mlp or cnn1");
            }
        } else if (resolved.spec() != null) {
            MultiTaskTraining.requireSupported(resolved.spec());
        }
        if (!Models.NAMES.contains(model)) {
            throw new IllegalArgumentException("unknown model '" + model + "'; known models: " + String.join(", ", Models.NAMES));
        }
        if (!org.multigrad.djl.CheckpointableOptimizer.NAMES.contains(optimizer) && !learned) {
            throw new IllegalArgumentException("unknown optimizer '" + optimizer + "'; known optimizers: "
                    + String.join(", ", org.multigrad.djl.CheckpointableOptimizer.NAMES) + ", ml2o, gml2o");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be finite and > 0, got " + learningRate);
        }
        if (data == null) {
            data = TrainingData.defaults();
        }
    }

    /** A request run by epochs with adam or sgd (no learned-optimizer settings, no step budget). */
    public TrainingRequest(String dataset, String model, String method, Map<String, String> params, String smooth,
                           String mode, String jacobianPrecision, int epochs, int batchSize, String optimizer,
                           float learningRate, long seed, TrainingData data, Path out, boolean resume,
                           boolean evaluateTrainingSet, Double validationSplit) {
        this(dataset, model, method, params, smooth, mode, jacobianPrecision, epochs, batchSize, optimizer, learningRate, seed,
                data, out, resume, evaluateTrainingSet, validationSplit, Map.of(), 0);
    }

    /** The {@code -p} settings that belong to the model: NORMAL's bare keys ({@code ode-step}, {@code positions}, ...). */
    private static Map<String, String> modelParams(String model, Map<String, String> params) {
        Map<String, String> own = new LinkedHashMap<>();
        if (Models.isNormal(model)) {
            params.forEach((key, value) -> {
                if (org.multigrad.djl.normal.NormalSettings.KEYS.contains(key)) {
                    own.put(key, value);
                }
            });
        }
        return own;
    }

    /** The {@code -p} settings that belong to the method (all but the model's). */
    private static Map<String, String> methodParams(String model, Map<String, String> params) {
        Map<String, String> own = new LinkedHashMap<>(params);
        own.keySet().removeAll(modelParams(model, params).keySet());
        return own;
    }

    /**
     * The method as registered ({@code cr-mogm(M)} under --smooth) with its own parameters; for a
     * bi-level task weighting, its name and parameters (spec null).
     */
    private record Resolved(MethodSpec spec, String name, Map<String, String> params) {
    }

    private static Resolved resolve(String method, String smooth, Map<String, String> params) {
        if (TaskWeightLearner.isBilevel(method)) {
            if (smooth != null) {
                throw new IllegalArgumentException("--smooth wraps an aggregating method; " + method
                        + " learns its weights by bi-level optimisation and cannot be smoothed");
            }
            Set<String> used = new LinkedHashSet<>();
            Map<String, String> own = MethodParameters.take(params, Set.of(method),
                    TaskWeightLearner.params(method).stream().map(ParamSpec::name).toList(), used);
            MethodParameters.requireAllUsed(params, used, Set.of(method), Set.of(method));
            TaskWeightLearner.resolve(method, own);
            return new Resolved(null, method, own);
        }
        MethodSpec spec = MethodRegistry.get(Smoothing.wrap(method, smooth));
        Set<String> names = new LinkedHashSet<>(List.of(method, spec.name()));
        Set<String> used = new LinkedHashSet<>();
        Map<String, String> own = MethodParameters.take(params, names,
                spec.params().stream().map(ParamSpec::name).toList(), used);
        if (Smoothing.addSchedule(own, smooth)) {
            used.add("schedule");
        }
        MethodParameters.requireAllUsed(params, used, names, Set.of(spec.name()));
        spec.resolve(own);
        return new Resolved(spec, spec.name(), own);
    }

    private static JacobianMode jacobianMode(String mode) {
        return switch (mode) {
            case "parameters" -> JacobianMode.PARAMETERS;
            case "representation" -> JacobianMode.REPRESENTATION;
            default -> throw new IllegalArgumentException("--mode must be 'parameters' or 'representation', got '"
                    + mode + "'");
        };
    }

    /** A request with the defaults of {@code multigrad train} (LeNet, Adam lr 0.001, batch 256, 10 epochs, seed 0). */
    public static TrainingRequest of(String dataset, String method, Path out) {
        return new TrainingRequest(dataset, "lenet", method, Map.of(), null, "parameters", "float32", 10, 256, "adam", 0.001f, 0,
                TrainingData.defaults(), out, false, false, null, Map.of(), 0);
    }

    /** This request for another method, its parameters, seed and directory (how {@link BenchStudy} plans its runs). */
    public TrainingRequest forRun(String otherMethod, Map<String, String> otherParams, long otherSeed, Path dir,
                                  boolean resumeIt) {
        return new TrainingRequest(dataset, model, otherMethod, otherParams, smooth, mode, jacobianPrecision, epochs, batchSize, optimizer,
                learningRate, otherSeed, data, dir, resumeIt, evaluateTrainingSet, validationSplit, optimizerParams, steps);
    }

    /** This request with another model (a bench's borrowed baselines: {@link BenchRequest.Baselines}). */
    public TrainingRequest withModel(String otherModel) {
        return new TrainingRequest(dataset, otherModel, method, methodParams(model, params), smooth, mode, jacobianPrecision,
                epochs, batchSize, optimizer, learningRate, seed, data, out, resume, evaluateTrainingSet, validationSplit,
                optimizerParams, steps);
    }

    /** Everything that determines the run's numbers (the checkpoint's fingerprint). */
    public TrainingConfig config() {
        Resolved resolved = resolve(method, smooth, methodParams(model, params));
        return new TrainingConfig(dataset, model, resolved.name(), resolved.params(), jacobianMode(mode), epochs,
                batchSize, optimizer, learningRate, seed, data.trainLimit(), data.testLimit(), effectiveValidationSplit(),
                modelParams(model, params), optimizerParams, steps);
    }

    /** The validation share this run holds out: the given or default one for a bi-level task weighting, else 0. */
    public double effectiveValidationSplit() {
        if (!TaskWeightLearner.isBilevel(method)) {
            return 0;
        }
        return validationSplit != null ? validationSplit : TaskWeightLearner.DEFAULT_VALIDATION_SPLIT;
    }

    /** How J is stored in the steps (for methods that accept float32, see {@link JacobianPrecision#effectiveFor}). */
    public JacobianPrecision precision() {
        return JacobianPrecision.parse(jacobianPrecision);
    }

    /** The checkpoint in {@link #out}. */
    public Path checkpoint() {
        return out.resolve(MultiTaskTraining.CHECKPOINT_FILE);
    }
}
