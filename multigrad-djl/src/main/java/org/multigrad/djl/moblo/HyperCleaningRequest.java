package org.multigrad.djl.moblo;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.multigrad.api.Catalogue;
import org.multigrad.bilevel.BilevelSolvers;
import org.multigrad.experiment.MethodParameters;
import org.multigrad.method.spec.ParamSpec;

/**
 * A hyper-cleaning study (Ye's thesis, §3.7.1): every method on every seed.
 *
 * @param datasets   mnist and/or fashion-mnist (one upper-level objective each)
 * @param methods    forum, moml and/or none ({@link #METHODS})
 * @param seeds      run seeds (splits, corrupted labels, initialisation and batches)
 * @param iterations K: upper-level iterations of forum and moml, SGD steps of none
 * @param evalEvery  evaluate val1, val2 and test (and write the checkpoint) every this many iterations
 * @param batchSize  B, images per batch at both levels (thesis: 100)
 * @param sizes      the splits per dataset; null: the thesis's ({@link HyperCleaningData.Sizes#thesis})
 * @param noise      the fraction of training labels corrupted (thesis: 0.5)
 * @param params     {@code method.key} or bare {@code key}, over the thesis's defaults ({@link #THESIS})
 * @param mnistDir   MNIST IDX files; null: the digits shipped with the repository
 * @param fashionDir Fashion-MNIST IDX files; null: the Debian package's
 * @param threads    PyTorch intra-op threads: 0 (PyTorch's default) or 1 to 4 x the cores; on a busy machine 1 is
 *                   far faster (measured here: 20 ms against 340 ms per gradient of two batches with 2 shared cores)
 * @param out        where checkpoints go ({@code checkpoints/METHOD-seedS.bin})
 * @param resume     continue from the checkpoints in {@code out}
 */
public record HyperCleaningRequest(List<String> datasets, List<String> methods, List<Long> seeds, int iterations,
                                   int evalEvery, int batchSize, HyperCleaningData.Sizes sizes, double noise,
                                   Map<String, String> params, Path mnistDir, Path fashionDir, int threads, Path out,
                                   boolean resume) {
    /** The {@code none} baseline's one parameter: its SGD step size. */
    public static final ParamSpec<Double> NONE_LR = ParamSpec.realAbove("lr", 0.3, 0, 1e6,
            "SGD step size on the unweighted noisy training loss");

    /** The methods by name, with the parameters each takes. */
    public static final Catalogue<List<ParamSpec<?>>> METHODS = Catalogue.<List<ParamSpec<?>>>builder("hyper-cleaning method")
            .add("forum", "FORUM (thesis Alg. 2) on the sample weights sigma(alpha) and the model",
                    BilevelSolvers.catalogue().get("forum").params())
            .add("moml", "MOML (thesis Alg. 1) on the sample weights: T unrolled SGD steps, hypergradients by double backward",
                    BilevelSolvers.catalogue().get("moml").params())
            .add("none", "the same MLP trained by SGD on the noisy training sets (every weight 1)", List.of(NONE_LR))
            .build();

    /**
     * The thesis's hyper-cleaning setting (§3.7.1, "the same configuration for all methods"): T = 64,
     * η = 0.3, lr 10 on α; FORUM also lr 0.3 on ω and ρ = 0.5 (MOML's ω is its inner loop's ω_T).
     */
    public static final Map<String, Map<String, String>> THESIS = Map.of(
            "forum", Map.of("inner-steps", "64", "inner-lr", "0.3", "alpha-lr", "10", "omega-lr", "0.3", "rho", "0.5"),
            "moml", Map.of("inner-steps", "64", "inner-lr", "0.3", "alpha-lr", "10"));

    public HyperCleaningRequest {
        datasets = List.copyOf(datasets);
        methods = List.copyOf(methods);
        seeds = List.copyOf(seeds);
        params = Map.copyOf(params);
        if (datasets.isEmpty() || new HashSet<>(datasets).size() != datasets.size()) {
            throw new IllegalArgumentException("--datasets: give each of " + HyperCleaningData.DATASETS
                    + " at most once, at least one, got " + datasets);
        }
        for (String dataset : datasets) {
            if (!HyperCleaningData.DATASETS.contains(dataset)) {
                throw new IllegalArgumentException("--datasets: unknown dataset '" + dataset + "'; known: "
                        + String.join(", ", HyperCleaningData.DATASETS));
            }
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("--methods: give at least one of " + METHODS.names());
        }
        for (String method : methods) {
            METHODS.get(method);
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("--seeds: give at least one seed");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be >= 1, got " + iterations);
        }
        if (evalEvery < 1) {
            throw new IllegalArgumentException("--eval-every must be >= 1, got " + evalEvery);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        }
        if (!(noise >= 0 && noise < 1)) {
            throw new IllegalArgumentException("--noise must be in [0, 1), got " + noise);
        }
        new org.multigrad.djl.experiment.TrainingData(0, 0, mnistDir, fashionDir, null, threads);
        parameters(methods, params);
    }

    /** The splits of {@code dataset}: the requested sizes or the thesis's. */
    public HyperCleaningData.Sizes sizesOf(String dataset) {
        return sizes != null ? sizes : HyperCleaningData.Sizes.thesis(dataset);
    }

    /** The raw parameters of each method: the thesis's setting, overridden by {@code params}; every key checked. */
    public static Map<String, Map<String, String>> parameters(List<String> methods, Map<String, String> params) {
        Map<String, Map<String, String>> byMethod = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (String method : methods) {
            List<String> declared = METHODS.get(method).stream().map(ParamSpec::name).toList();
            Map<String, String> own = new LinkedHashMap<>();
            own.putAll(THESIS.getOrDefault(method, Map.of()));
            own.putAll(MethodParameters.take(params, Set.of(method), declared, used));
            for (ParamSpec<?> param : METHODS.get(method)) {
                if (own.containsKey(param.name())) {
                    param.parse(method, own.get(param.name()));
                }
            }
            byMethod.put(method, own);
        }
        MethodParameters.requireAllUsed(params, used, Set.copyOf(methods), new LinkedHashSet<>(methods));
        return byMethod;
    }
}
