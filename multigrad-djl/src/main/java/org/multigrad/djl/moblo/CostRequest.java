package org.multigrad.djl.moblo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The cost study of Ye's thesis, Fig. 3.1: time per upper-level iteration and peak memory of FORUM and
 * MOML on multi-task hyper-cleaning, over the number of lower-level steps T and the lower-level
 * dimension p (grown by 512-wide layers added to the trunk). Checked on construction; messages name
 * the command-line option.
 *
 * @param methods     forum and/or moml
 * @param innerSteps  the values of T (each ≥ 1)
 * @param extraLayers the numbers of added 512-wide layers (each ≥ 0)
 * @param iterations  timed upper-level iterations per point, after one warm-up iteration
 * @param datasets    hyper-cleaning datasets (mnist, fashion-mnist)
 * @param params      method parameters over the thesis's hyper-cleaning setting ({@code inner-steps} is the grid's)
 * @param threads     PyTorch intra-op threads in each point's JVM (0: PyTorch's default)
 * @param heap        the maximum Java heap of each point's JVM ({@code -Xmx}, e.g. 16g): MOML keeps T + 1 copies of ω
 * @param out         where the points and the table go
 */
public record CostRequest(List<String> methods, List<Integer> innerSteps, List<Integer> extraLayers, int iterations,
                          List<String> datasets, Map<String, String> params, Path mnistDir, Path fashionDir, int threads,
                          String heap, Path out) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kmgKMG]?");

    public CostRequest {
        methods = List.copyOf(methods);
        innerSteps = List.copyOf(innerSteps);
        extraLayers = List.copyOf(extraLayers);
        datasets = List.copyOf(datasets);
        params = Map.copyOf(params);
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("--methods: give forum, moml or both");
        }
        for (String method : methods) {
            if (!method.equals("forum") && !method.equals("moml")) {
                throw new IllegalArgumentException("--methods: the cost study compares forum and moml, got '" + method + "'");
            }
        }
        if (innerSteps.isEmpty() || innerSteps.stream().anyMatch(t -> t < 1)) {
            throw new IllegalArgumentException("--inner-steps: give values T >= 1, got " + innerSteps);
        }
        if (extraLayers.isEmpty() || extraLayers.stream().anyMatch(l -> l < 0)) {
            throw new IllegalArgumentException("--extra-layers: give values >= 0, got " + extraLayers);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be >= 1, got " + iterations);
        }
        if (datasets.isEmpty() || new HashSet<>(datasets).size() != datasets.size()
                || !HyperCleaningData.DATASETS.containsAll(datasets)) {
            throw new IllegalArgumentException("--datasets: give each of " + HyperCleaningData.DATASETS
                    + " at most once, at least one, got " + datasets);
        }
        if (heap == null || !HEAP.matcher(heap).matches()) {
            throw new IllegalArgumentException("--heap must be a size such as 16g or 4096m, got '" + heap + "'");
        }
        if (params.containsKey("inner-steps") || params.keySet().stream().anyMatch(key -> key.endsWith(".inner-steps"))) {
            throw new IllegalArgumentException("-p inner-steps: T is the study's grid; give it with --inner-steps");
        }
        new org.multigrad.djl.experiment.TrainingData(0, 0, mnistDir, fashionDir, null, threads);
        HyperCleaningRequest.parameters(methods, params);
    }

    /** Each method's raw parameters: the thesis's hyper-cleaning setting with {@link #params} over it. */
    public Map<String, Map<String, String>> parameters() {
        return HyperCleaningRequest.parameters(methods, params);
    }

    /** The settings a point's measurement depends on, besides its (method, T, layers). */
    String settings(String method) {
        return "iterations=" + iterations + ";datasets=" + datasets + ";threads=" + threads + ";params="
                + new java.util.TreeMap<>(parameters().get(method));
    }

    /** Writes the request for a point's JVM. */
    void write(Path file) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("methods", methods);
        node.put("inner_steps", innerSteps);
        node.put("extra_layers", extraLayers);
        node.put("iterations", iterations);
        node.put("datasets", datasets);
        node.put("params", params);
        node.put("mnist_dir", mnistDir == null ? null : mnistDir.toString());
        node.put("fashion_dir", fashionDir == null ? null : fashionDir.toString());
        node.put("threads", threads);
        node.put("heap", heap);
        node.put("out", out.toString());
        try {
            JSON.writeValue(file.toFile(), node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static CostRequest read(Path file) {
        try {
            Map<String, Object> node = JSON.readValue(file.toFile(), Map.class);
            return new CostRequest((List<String>) node.get("methods"), (List<Integer>) node.get("inner_steps"),
                    (List<Integer>) node.get("extra_layers"), (Integer) node.get("iterations"),
                    (List<String>) node.get("datasets"), (Map<String, String>) node.get("params"),
                    path(node.get("mnist_dir")), path(node.get("fashion_dir")), (Integer) node.get("threads"),
                    (String) node.get("heap"), Path.of((String) node.get("out")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path path(Object value) {
        return value == null ? null : Path.of((String) value);
    }
}
