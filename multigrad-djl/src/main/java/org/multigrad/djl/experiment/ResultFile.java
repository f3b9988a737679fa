package org.multigrad.djl.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.multigrad.djl.JacobianMode;
import org.multigrad.djl.TrainingConfig;
import org.multigrad.experiment.RunOutput;

/**
 * A run's {@value #RESULT} and {@value #CONFIG}, written through {@link RunOutput#writeJson} (the
 * layout of every summary.json). result.json: the configuration, {@code step_mode}, {@code epochs},
 * {@code steps}, {@code tasks} (per task, numbered from 1: {@code test_accuracy}, {@code test_loss}
 * and, with the training split evaluated, {@code train_loss}, {@code train_accuracy}),
 * {@code time_per_step_ms}, {@code aggregation_share}, {@code images_per_second}, then any extras
 * ({@code bench}'s {@code single_task_accuracy}, {@code delta_m_percent}).
 */
final class ResultFile {
    static final String RESULT = "result.json";
    static final String CONFIG = "config.json";
    /** Also reads bare NaN and Infinity, which lenient writers emit instead of RunOutput's strings. */
    private static final ObjectMapper READER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private ResultFile() {
    }

    static void writeConfig(Path directory, TrainingConfig config, int trainImages, int validationImages, int testImages,
                            int sharedParameters, long parameters) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("dataset", config.dataset());
        node.put("train_images", trainImages);
        if (config.validationSplit() > 0) {
            // held out of the training set for the upper level of forum / moml
            node.put("validation_split", config.validationSplit());
            node.put("validation_images", validationImages);
        }
        node.put("test_images", testImages);
        node.put("model", config.model());
        node.put("shared_parameters", sharedParameters);
        node.put("parameters", parameters);
        node.put("method", config.method());
        node.put("params", config.params());
        if (!config.modelParams().isEmpty()) {
            node.put("model_params", config.modelParams());
        }
        node.put("mode", lower(config.mode()));
        node.put("epochs", config.epochs());
        node.put("batch_size", config.batchSize());
        node.put("optimizer", config.optimizer());
        node.put("lr", config.learningRate());
        node.put("seed", config.seed());
        RunOutput.writeJson(directory.resolve(CONFIG), node);
    }

    static void write(TrainingResult result, Map<String, Object> extras) {
        TrainingConfig config = result.config();
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("dataset", config.dataset());
        node.put("model", config.model());
        node.put("method", config.method());
        node.put("params", config.params());
        node.put("mode", lower(config.mode()));
        node.put("step_mode", lower(result.stepMode()));
        node.put("epochs", result.epochs());
        node.put("steps", result.steps());
        List<Object> tasks = new ArrayList<>();
        for (int task = 0; task < result.tasks(); task++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("task", task + 1);
            entry.put("test_accuracy", result.testAccuracy()[task]);
            entry.put("test_loss", result.testLoss()[task]);
            if (result.trainLoss() != null) {
                entry.put("train_loss", result.trainLoss()[task]);
                entry.put("train_accuracy", result.trainAccuracy()[task]);
            }
            tasks.add(entry);
        }
        node.put("tasks", tasks);
        TrainingResult.TimePerStep time = result.timePerStep();
        Map<String, Object> times = new LinkedHashMap<>();
        times.put("total", time.total());
        times.put("forward", time.forward());
        times.put("task_backwards", time.taskBackwards());
        times.put("gramian", time.gramian());
        times.put("solve", time.solve());
        times.put("combine", time.combine());
        times.put("optimizer", time.optimizer());
        times.put("after_step_hook", time.afterStepHook());
        node.put("time_per_step_ms", times);
        node.put("aggregation_share", time.aggregationShare());
        node.put("images_per_second", time.imagesPerSecond());
        node.putAll(extras);
        RunOutput.writeJson(result.directory().resolve(RESULT), node);
    }

    /**
     * Adds {@code extras} to a finished run's result.json and keeps everything it holds (a bench's Δm%
     * beside the run's own positions, top-5 accuracies, acceptance rate).
     */
    @SuppressWarnings("unchecked")
    static void addExtras(Path directory, Map<String, Object> extras) {
        Path file = directory.resolve(RESULT);
        Map<String, Object> node = new LinkedHashMap<>(READER.convertValue(read(file), LinkedHashMap.class));
        node.putAll(extras);
        RunOutput.writeJson(file, node);
    }

    /** The steps a run's result.json reports, 0 when there is none. */
    static long steps(Path directory) {
        Path file = directory.resolve(RESULT);
        return Files.isRegularFile(file) ? field(file, read(file), "steps").asLong() : 0;
    }

    /** An array of numbers at the top level of a run's result.json (e.g. test_top5_accuracy), or null when absent. */
    static double[] numbers(Path directory, String key) {
        Path file = directory.resolve(RESULT);
        JsonNode node = read(file).get(key);
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return new double[] {node.asDouble()};
        }
        double[] values = new double[node.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = node.get(k).asDouble();
        }
        return values;
    }

    /** A run's model and its options, as its config.json records them. */
    record ModelSettings(String name, Map<String, String> params) {
    }

    /** The model a run in {@code directory} was trained with (its config.json). */
    static ModelSettings model(Path directory) {
        Path file = directory.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(directory + " holds no " + CONFIG + ": it is not a training run's directory");
        }
        JsonNode node = read(file);
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode own = node.get("model_params");
        if (own != null && own.isObject()) {
            own.fields().forEachRemaining(entry -> params.put(entry.getKey(), entry.getValue().asText()));
        }
        return new ModelSettings(field(file, node, "model").asText(), params);
    }

    /** The epochs a run's result.json reports, 0 when there is none. */
    static int epochs(Path directory) {
        Path file = directory.resolve(RESULT);
        return Files.isRegularFile(file) ? integer(file, read(file), "epochs") : 0;
    }

    /** A finished run's result, read back from its result.json and metrics.csv. */
    static TrainingResult read(Path directory, TrainingConfig config) {
        Path file = directory.resolve(RESULT);
        JsonNode node = read(file);
        JsonNode tasks = field(file, node, "tasks");
        if (!tasks.isArray() || tasks.isEmpty()) {
            throw notAResult(file, "\"tasks\" is not a non-empty array");
        }
        int count = tasks.size();
        double[] testLoss = new double[count];
        double[] testAccuracy = new double[count];
        boolean trainSet = tasks.get(0).has("train_loss");
        double[] trainLoss = trainSet ? new double[count] : null;
        double[] trainAccuracy = trainSet ? new double[count] : null;
        for (int task = 0; task < count; task++) {
            JsonNode entry = tasks.get(task);
            testLoss[task] = number(file, entry, "test_loss");
            testAccuracy[task] = number(file, entry, "test_accuracy");
            if (trainSet) {
                trainLoss[task] = number(file, entry, "train_loss");
                trainAccuracy[task] = number(file, entry, "train_accuracy");
            }
        }
        JsonNode time = field(file, node, "time_per_step_ms");
        TrainingResult.TimePerStep timePerStep = new TrainingResult.TimePerStep(number(file, time, "total"),
                number(file, time, "forward"), number(file, time, "task_backwards"), number(file, time, "gramian"),
                number(file, time, "solve"), number(file, time, "combine"), number(file, time, "optimizer"),
                number(file, time, "after_step_hook"), number(file, node, "aggregation_share"),
                number(file, node, "images_per_second"));
        List<TrainingResult.Step> history = new ArrayList<>();
        List<TrainingResult.Evaluation> evaluations = new ArrayList<>();
        MetricsFile.read(directory, count, history, evaluations);
        JacobianMode stepMode = stepMode(file, field(file, node, "step_mode").asText());
        return new TrainingResult(config, directory, stepMode, integer(file, node, "epochs"),
                field(file, node, "steps").asLong(), 0, List.copyOf(history), List.copyOf(evaluations), testLoss,
                testAccuracy, trainLoss, trainAccuracy, timePerStep);
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode node = READER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw notAResult(file, "not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw notAResult(file, e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + " (" + e.getMessage() + ")");
        }
    }

    private static JsonNode field(Path file, JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw notAResult(file, "no \"" + key + "\"");
        }
        return value;
    }

    private static double number(Path file, JsonNode node, String key) {
        JsonNode value = field(file, node, key);
        if (value.isNumber()) {
            return value.doubleValue();
        }
        try {
            // RunOutput writes NaN and infinities as strings, as Jackson does
            return Double.parseDouble(value.asText());
        } catch (NumberFormatException e) {
            throw notAResult(file, "\"" + key + "\" is not a number: " + value);
        }
    }

    private static int integer(Path file, JsonNode node, String key) {
        JsonNode value = field(file, node, key);
        if (!value.canConvertToInt()) {
            throw notAResult(file, "\"" + key + "\" is not an integer: " + value);
        }
        return value.intValue();
    }

    private static JacobianMode stepMode(Path file, String name) {
        try {
            return JacobianMode.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw notAResult(file, "unknown \"step_mode\" " + name);
        }
    }

    private static IllegalArgumentException notAResult(Path file, String reason) {
        return new IllegalArgumentException("cannot read " + file + " (not a result.json of multigrad train: " + reason + ")");
    }

    private static String lower(JacobianMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
