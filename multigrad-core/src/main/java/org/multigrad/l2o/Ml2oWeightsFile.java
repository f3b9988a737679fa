package org.multigrad.l2o;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The ML2O weights file (JSON): {@code format}, {@code objectives} (M), {@code hidden} (H),
 * {@code layers}, {@code preprocessing}, {@code outputScale}, then {@code specific} (M stacks of
 * cells), {@code shared} (one stack) and {@code head} ({@code weight}, {@code bias}); a cell holds
 * {@code weightIh}, {@code weightHh}, {@code biasIh}, {@code biasHh} in PyTorch's layout
 * ({@link LstmCell}). Doubles are written in their shortest round-trip form, so a save and load
 * gives bit-identical weights. Loading checks the declared M, H, depth and preprocessing against
 * every array, and that every weight is a finite number.
 */
public final class Ml2oWeightsFile {
    public static final String FORMAT = "multigrad-ml2o-1";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private Ml2oWeightsFile() {
    }

    public static void write(Path file, Ml2oNetwork network) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("objectives", network.objectives());
        root.put("hidden", network.hidden());
        root.put("layers", network.layers());
        root.put("preprocessing", network.preprocessing().label());
        root.put("outputScale", network.outputScale());
        ArrayNode specific = root.putArray("specific");
        for (int i = 0; i < network.objectives(); i++) {
            ArrayNode stack = specific.addArray();
            for (int l = 0; l < network.layers(); l++) {
                cell(stack.addObject(), network.specific(i, l));
            }
        }
        ArrayNode shared = root.putArray("shared");
        for (int l = 0; l < network.layers(); l++) {
            cell(shared.addObject(), network.shared(l));
        }
        ObjectNode head = root.putObject("head");
        array(head.putArray("weight"), network.headWeight());
        head.put("bias", network.headBias());
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ml2o weights file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void cell(ObjectNode node, LstmCell cell) {
        array(node.putArray("weightIh"), cell.weightIh());
        array(node.putArray("weightHh"), cell.weightHh());
        array(node.putArray("biasIh"), cell.biasIh());
        array(node.putArray("biasHh"), cell.biasHh());
    }

    private static void array(ArrayNode node, double[] values) {
        for (double value : values) {
            node.add(value);
        }
    }

    /** Reads and checks a weights file; any problem is an IllegalArgumentException naming the file and the field. */
    public static Ml2oNetwork read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("ml2o weights file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("ml2o weights file " + file + " is not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the ml2o weights file " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("ml2o weights file " + file + " is empty or not a JSON object");
        }
        String where = "ml2o weights file " + file + ": ";
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new IllegalArgumentException(where + "format must be '" + FORMAT + "', got " + root.get("format"));
        }
        int objectives = positive(root, "objectives", where);
        int hidden = positive(root, "hidden", where);
        int layers = positive(root, "layers", where);
        JsonNode pre = root.get("preprocessing");
        if (pre == null || !pre.isTextual()) {
            throw new IllegalArgumentException(where + "preprocessing is missing");
        }
        Preprocessing preprocessing;
        try {
            preprocessing = Preprocessing.parse(pre.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage());
        }
        double outputScale = number(root.get("outputScale"), "outputScale", where);
        JsonNode specificNode = list(root, "specific", objectives, where);
        LstmCell[][] specific = new LstmCell[objectives][layers];
        for (int i = 0; i < objectives; i++) {
            JsonNode stack = specificNode.get(i);
            String name = "specific[" + (i + 1) + "]";
            if (!stack.isArray() || stack.size() != layers) {
                throw new IllegalArgumentException(where + name + " must hold " + layers + " layers");
            }
            for (int l = 0; l < layers; l++) {
                specific[i][l] = cell(stack.get(l), l == 0 ? preprocessing.features() : hidden, hidden,
                        name + " layer " + (l + 1), where);
            }
        }
        int width = objectives * hidden;
        JsonNode sharedNode = list(root, "shared", layers, where);
        LstmCell[] shared = new LstmCell[layers];
        for (int l = 0; l < layers; l++) {
            shared[l] = cell(sharedNode.get(l), width, width, "shared layer " + (l + 1), where);
        }
        JsonNode head = root.path("head");
        double[] weight = numbers(head.get("weight"), width, "head.weight", where);
        double bias = number(head.get("bias"), "head.bias", where);
        try {
            return new Ml2oNetwork(objectives, hidden, layers, preprocessing, outputScale, specific, shared, weight, bias);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage());
        }
    }

    private static LstmCell cell(JsonNode node, int inputs, int hidden, String name, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + name + " is not an LSTM cell object");
        }
        return new LstmCell(inputs, hidden, numbers(node.get("weightIh"), 4 * hidden * inputs, name + " weightIh", where),
                numbers(node.get("weightHh"), 4 * hidden * hidden, name + " weightHh", where),
                numbers(node.get("biasIh"), 4 * hidden, name + " biasIh", where),
                numbers(node.get("biasHh"), 4 * hidden, name + " biasHh", where), name);
    }

    private static int positive(JsonNode root, String field, String where) {
        JsonNode node = root.get(field);
        if (node == null || !node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1) {
            throw new IllegalArgumentException(where + field + " must be an integer >= 1, got " + node);
        }
        return node.asInt();
    }

    private static JsonNode list(JsonNode root, String field, int size, String where) {
        JsonNode node = root.get(field);
        if (node == null || !node.isArray() || node.size() != size) {
            throw new IllegalArgumentException(where + field + " must be a list of " + size + " entries, got "
                    + (node == null || !node.isArray() ? "none" : node.size()));
        }
        return node;
    }

    private static double[] numbers(JsonNode node, int size, String name, String where) {
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException(where + name + " is missing");
        }
        if (node.size() != size) {
            throw new IllegalArgumentException(where + name + " has " + node.size() + " entries, expected " + size
                    + " for the declared M, H and preprocessing");
        }
        double[] values = new double[size];
        for (int e = 0; e < size; e++) {
            values[e] = number(node.get(e), name + " entry " + (e + 1), where);
        }
        return values;
    }

    private static double number(JsonNode node, String name, String where) {
        if (node == null || !node.isNumber()) {
            throw new IllegalArgumentException(where + name + " must be a number, got " + node);
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(where + name + " is " + value + "; weights must be finite");
        }
        return value;
    }
}
