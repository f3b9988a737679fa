package org.multigrad.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Spark training run.
 *
 * @param data what to read and how to make objectives of it (also the seed and the partitions)
 * @param model {@code logistic}, {@code linear} or {@code mlp}
 * @param hidden the MLP's hidden units (ignored by the other models)
 * @param method a registered method name ({@code mgda}, {@code cr-mogm(mgda)}, ...)
 * @param params the method's parameters (raw values, validated by the method's spec)
 * @param optimizer {@code adam} or {@code sgd} (PyTorch semantics, no weight decay)
 * @param lr the learning rate
 * @param iterations the iteration to stop after (counted from 1 over resumes)
 * @param batchFraction f ∈ (0, 1], the share of rows in each iteration's batch
 * @param checkpointEvery write a checkpoint every that many iterations (and after the last); 0: after the last only
 * @param out the output directory (metrics.csv, result.json, checkpoint), or null for none
 * @param resume continue from the checkpoint in {@code out}
 * @param fault a test hook that fails one task's first attempt, or null
 */
public record SparkRequest(DataLoader.Request data, String model, int hidden, String method, Map<String, String> params,
                           String optimizer, double lr, long iterations, double batchFraction, long checkpointEvery,
                           Path out, boolean resume, FaultHook fault) {
    public SparkRequest {
        params = params == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(params));
    }

    /** The settings a resumed run must share with its checkpoint, as name and value. */
    Map<String, String> fingerprint() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("data", data.data());
        settings.put("format", String.valueOf(data.format()));
        settings.put("label", data.labelColumn());
        settings.put("features", String.valueOf(data.features()));
        settings.put("objectives", data.objectives().toString());
        settings.put("groups", String.valueOf(data.groups()));
        settings.put("partitions", Integer.toString(data.partitions()));
        settings.put("seed", Long.toString(data.seed()));
        settings.put("model", model.equals("mlp") ? "mlp(hidden=" + hidden + ")" : model);
        settings.put("method", method);
        settings.put("params", new java.util.TreeMap<>(params).toString());
        settings.put("optimizer", optimizer);
        settings.put("lr", Double.toString(lr));
        settings.put("batch-fraction", Double.toString(batchFraction));
        return settings;
    }
}
