package org.multigrad.djl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything that determines a training run. Two runs with the same configuration, data and seed
 * produce the same parameters; a checkpoint may only be resumed under the same configuration
 * ({@link #fingerprint()}), except for the length of the run (epochs, or steps), which may grow.
 *
 * @param optimizerParams the settings of a learned optimizer ({@link LearnedOptimizerStep}: the
 *        weights file and the state rule after a rejection), empty for adam and sgd
 * @param steps when above 0, the run ends after this many steps in total (mid-epoch if need be)
 *        instead of after {@code epochs} epochs
 */
public record TrainingConfig(String dataset, String model, String method, Map<String, String> params, JacobianMode mode,
                             int epochs, int batchSize, String optimizer, float learningRate, long seed,
                             int trainLimit, int testLimit, double validationSplit, Map<String, String> modelParams,
                             Map<String, String> optimizerParams, long steps) {
    public TrainingConfig {
        params = Map.copyOf(params);
        modelParams = Map.copyOf(modelParams);
        optimizerParams = Map.copyOf(optimizerParams);
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 1 (or 0: run by epochs), got " + steps);
        }
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("--val-split must be in [0, 1), got " + validationSplit);
        }
    }

    /** A configuration run by epochs with adam or sgd. */
    public TrainingConfig(String dataset, String model, String method, Map<String, String> params, JacobianMode mode,
                          int epochs, int batchSize, String optimizer, float learningRate, long seed, int trainLimit,
                          int testLimit, double validationSplit, Map<String, String> modelParams) {
        this(dataset, model, method, params, mode, epochs, batchSize, optimizer, learningRate, seed, trainLimit, testLimit,
                validationSplit, modelParams, Map.of(), 0);
    }

    /** A configuration without a validation split (every method but the bi-level task weightings). */
    public TrainingConfig(String dataset, String model, String method, Map<String, String> params, JacobianMode mode,
                          int epochs, int batchSize, String optimizer, float learningRate, long seed, int trainLimit,
                          int testLimit) {
        this(dataset, model, method, params, mode, epochs, batchSize, optimizer, learningRate, seed, trainLimit, testLimit, 0,
                Map.of());
    }

    /** The configuration without the run's length (epochs, steps), as a stable string. */
    public String fingerprint() {
        return "dataset=" + dataset + ";model=" + model + ";method=" + method + ";params=" + new TreeMap<>(params) + ";mode=" + mode
                + ";batch=" + batchSize + ";optimizer=" + optimizer + ";lr=" + Float.floatToIntBits(learningRate) + ";seed=" + seed
                + ";train=" + trainLimit + ";test=" + testLimit + (validationSplit > 0 ? ";val=" + validationSplit : "")
                + (modelParams.isEmpty() ? "" : ";model-params=" + new TreeMap<>(modelParams))
                + (optimizerParams.isEmpty() ? "" : ";optimizer-params=" + new TreeMap<>(optimizerParams));
    }

    /** The command-line option of each fingerprint key, to name a differing setting the way the user set it. */
    private static final Map<String, String> OPTIONS = Map.ofEntries(Map.entry("dataset", "--dataset"),
            Map.entry("model", "--model"), Map.entry("method", "--method"), Map.entry("params", "--param"),
            Map.entry("mode", "--mode"), Map.entry("batch", "--batch-size"), Map.entry("optimizer", "--optimizer"),
            Map.entry("lr", "--lr"), Map.entry("seed", "--seeds"), Map.entry("train", "--train-limit"),
            Map.entry("test", "--test-limit"), Map.entry("val", "--val-split"), Map.entry("model-params", "--param (model)"),
            Map.entry("optimizer-params", "--l2o / --param (optimizer)"));

    /**
     * Null when {@code stored} (the fingerprint of a checkpoint) is this configuration's, else the
     * differing settings as {@code --lr 0.001 there, 0.01 here} (joined by "; "), values as the
     * options take them (the learning rate is stored as its float bits, so that the comparison is exact).
     */
    public String differences(String stored) {
        String current = fingerprint();
        if (current.equals(stored)) {
            return null;
        }
        Map<String, String> there = settings(stored);
        Map<String, String> here = settings(current);
        List<String> differing = new ArrayList<>();
        for (Map.Entry<String, String> entry : here.entrySet()) {
            String old = there.get(entry.getKey());
            if (!entry.getValue().equals(old)) {
                differing.add(OPTIONS.getOrDefault(entry.getKey(), entry.getKey()) + " " + readable(entry.getKey(), old)
                        + " there, " + readable(entry.getKey(), entry.getValue()) + " here");
            }
        }
        return differing.isEmpty() ? "the settings differ (" + stored + ")" : String.join("; ", differing);
    }

    private static Map<String, String> settings(String fingerprint) {
        Map<String, String> settings = new LinkedHashMap<>();
        // params is "{k=v, ...}" and may hold ';' only inside its braces
        int start = 0;
        int depth = 0;
        for (int i = 0; i <= fingerprint.length(); i++) {
            char c = i < fingerprint.length() ? fingerprint.charAt(i) : ';';
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (c == ';' && depth <= 0) {
                String item = fingerprint.substring(start, i);
                int equals = item.indexOf('=');
                if (equals > 0) {
                    settings.put(item.substring(0, equals), item.substring(equals + 1));
                }
                start = i + 1;
            }
        }
        return settings;
    }

    private static String readable(String key, String value) {
        if (value == null) {
            return "(not set)";
        }
        if (key.equals("lr")) {
            try {
                return Float.toString(Float.intBitsToFloat(Integer.parseInt(value)));
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return key.equals("mode") ? value.toLowerCase(java.util.Locale.ROOT) : value;
    }
}
