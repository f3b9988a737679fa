package org.multigrad.djl.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.multigrad.djl.TaskWeightLearner;
import org.multigrad.experiment.MethodParameters;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.registry.MethodRegistry;

/**
 * What {@link BenchStudy} runs: every method for every seed, plus the single-task baselines, each as
 * one {@link TrainingRequest} built from {@code template} into {@code out/NAME/seed-K}. The
 * constructor checks every run's options before anything trains; an error of a method's own
 * (its name, its parameters) names the method.
 *
 * @param template dataset, model, epochs, batch size, optimizer, learning rate and data of every run
 *     (its method, parameters, seed, directory and resume flag are replaced per run)
 * @param methods the methods as {@code train} takes them, in table order
 * @param params method parameters shared out as {@link MethodParameters} does
 * @param seeds the seeds of every method and baseline
 * @param out the bench's directory
 * @param baselines another bench whose single-task runs serve as this one's baselines (read, never
 *     trained or written), or null to train them into {@code out}
 */
public record BenchRequest(TrainingRequest template, List<String> methods, Map<String, String> params, List<Long> seeds,
                           Path out, Baselines baselines) {
    /** The baseline of task t (from 1) is the {@code constant} weighting with weight 1 on t and 0 on the others. */
    public static final String SINGLE_TASK = "single-task";
    /** One planned run: its name in the tables (a method, or single-task-t), seed and request. */
    public record Run(String name, long seed, TrainingRequest request) {
    }

    /**
     * The single-task runs of another bench, {@code dir/single-task-T/seed-K}, trained with {@code model}
     * and its options: NORMAL's variants are compared with the HPS LeNet's baselines, as LibMTL's Δm
     * compares every architecture with the same single-task networks.
     */
    public record Baselines(Path dir, String model, Map<String, String> modelParams) {
        public Baselines {
            modelParams = Collections.unmodifiableMap(new LinkedHashMap<>(modelParams));
        }

        /** The baselines of the bench in {@code dir}, their model read from the first one's config.json. */
        public static Baselines of(Path dir, List<Long> seeds) {
            Path first = dir.resolve(SINGLE_TASK + "-1").resolve("seed-" + seeds.get(0));
            if (!java.nio.file.Files.isDirectory(first)) {
                throw new IllegalArgumentException("--baselines " + dir + " holds no single-task run " + first
                        + ": name the directory of a bench with the same --seeds");
            }
            ResultFile.ModelSettings model = ResultFile.model(first);
            return new Baselines(dir, model.name(), model.params());
        }
    }

    /** A bench that trains its own baselines. */
    public BenchRequest(TrainingRequest template, List<String> methods, Map<String, String> params, List<Long> seeds,
                        Path out) {
        this(template, methods, params, seeds, out, null);
    }

    public BenchRequest {
        methods = List.copyOf(methods);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params == null ? Map.of() : params));
        seeds = List.copyOf(seeds);
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("--methods must name at least one method");
        }
        if (new LinkedHashSet<>(methods).size() != methods.size()) {
            throw new IllegalArgumentException("--methods " + String.join(",", methods) + " names a method twice");
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("--seeds must name at least one seed");
        }
        if (new LinkedHashSet<>(seeds).size() != seeds.size()) {
            throw new IllegalArgumentException("--seeds " + seeds + " names a seed twice");
        }
        if (baselines != null && baselines.dir().toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--baselines names --out itself; drop it to train the baselines there");
        }
        plan(template, methods, params, seeds, out, baselines);
    }

    /** Whether {@code run} is a baseline read from {@link #baselines} rather than trained. */
    public boolean isBorrowed(Run run) {
        return baselines != null && BenchResult.Method.isBaseline(run.name());
    }

    /** The baselines (task by task, seed by seed), then the methods (method by method, seed by seed). */
    public List<Run> runs() {
        return plan(template, methods, params, seeds, out, baselines);
    }

    private static List<Run> plan(TrainingRequest template, List<String> methods, Map<String, String> allParams,
                                  List<Long> seeds, Path out, Baselines baselines) {
        // a NORMAL model's options (-p ode-step=..., positions=...) go to every run, baselines included
        Map<String, String> modelParams = new LinkedHashMap<>();
        Map<String, String> params = new LinkedHashMap<>(allParams);
        if (org.multigrad.djl.Models.isNormal(template.model())) {
            for (String key : org.multigrad.djl.normal.NormalSettings.KEYS) {
                if (params.containsKey(key)) {
                    modelParams.put(key, params.remove(key));
                }
            }
        }
        List<Run> runs = new ArrayList<>();
        int tasks = org.multigrad.djl.data.MultiImageDatasets.tasks(template.dataset());
        for (int task = 1; task <= tasks; task++) {
            String name = SINGLE_TASK + "-" + task;
            for (long seed : seeds) {
                // the baselines' options are everyone's: their errors are not a method's
                Map<String, String> baseline = new LinkedHashMap<>(baselines == null ? modelParams : baselines.modelParams());
                baseline.put("weights", oneHot(task, tasks));
                TrainingRequest request = baselines == null
                        ? template.forRun("constant", baseline, seed, directory(out, name, seed), false)
                        : template.withModel(baselines.model()).forRun("constant", baseline, seed,
                                directory(baselines.dir(), name, seed), false);
                runs.add(new Run(name, seed, request));
            }
        }
        Set<String> used = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        Set<String> labels = new LinkedHashSet<>();
        for (String method : methods) {
            try {
                boolean bilevel = TaskWeightLearner.isBilevel(method);
                String label = bilevel ? method : MethodRegistry.get(method).name();
                List<ParamSpec<?>> declared = bilevel ? TaskWeightLearner.params(method) : MethodRegistry.get(method).params();
                Set<String> own = new LinkedHashSet<>(List.of(method, label));
                names.addAll(own);
                labels.add(label);
                Map<String, String> ownParams = new LinkedHashMap<>(MethodParameters.take(params, own,
                        declared.stream().map(ParamSpec::name).toList(), used));
                ownParams.putAll(modelParams);
                for (long seed : seeds) {
                    runs.add(new Run(method, seed, template.forRun(method, ownParams, seed, directory(out, method, seed),
                            false)));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--methods " + method + ": " + e.getMessage(), e);
            }
        }
        MethodParameters.requireAllUsed(params, used, names, labels);
        return runs;
    }

    /** {@code 1.0,0.0} for task 1 of two: the constant weights of a single-task baseline. */
    private static String oneHot(int task, int tasks) {
        List<String> weights = new ArrayList<>();
        for (int t = 1; t <= tasks; t++) {
            weights.add(t == task ? "1.0" : "0.0");
        }
        return String.join(",", weights);
    }

    private static Path directory(Path out, String name, long seed) {
        return out.resolve(name).resolve("seed-" + seed);
    }
}
