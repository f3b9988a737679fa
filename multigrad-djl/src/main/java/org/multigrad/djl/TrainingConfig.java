package org.multigrad.djl;

import java.util.Map;
import java.util.TreeMap;

/**
 * Everything that determines a training run. Two runs with the same configuration, data and seed
 * produce the same parameters; a checkpoint may only be resumed under the same configuration
 * ({@link #fingerprint()}), except for the number of epochs, which may grow.
 */
public record TrainingConfig(String dataset, String model, String method, Map<String, String> params, JacobianMode mode,
                             int epochs, int batchSize, String optimizer, float learningRate, long seed,
                             int trainLimit, int testLimit) {
    public TrainingConfig {
        params = Map.copyOf(params);
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
    }

    /** The configuration without the number of epochs, as a stable string. */
    public String fingerprint() {
        return "dataset=" + dataset + ";model=" + model + ";method=" + method + ";params=" + new TreeMap<>(params) + ";mode=" + mode
                + ";batch=" + batchSize + ";optimizer=" + optimizer + ";lr=" + Float.floatToIntBits(learningRate) + ";seed=" + seed
                + ";train=" + trainLimit + ";test=" + testLimit;
    }
}
