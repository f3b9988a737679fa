package org.multigrad.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Aggregator;
import org.multigrad.api.Jacobian;
import org.multigrad.api.LossHistory;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.registry.MethodRegistry;

/**
 * One line of {@code multigrad aggregate}'s JSON Lines protocol (docs/aggregate.md): parses
 * {@code {"method", "params", "jacobian", "losses", "loss_history"}}, aggregates with a fresh method
 * instance and writes {@code {"method", "weights", "direction"}} or {@code {"error": "line N: ..."}}.
 */
final class JsonLineAggregation {
    private static final List<String> FIELDS = List.of("method", "params", "jacobian", "losses", "loss_history");
    /**
     * Accepts NaN and Infinity tokens so that they are reported as non-finite entries, not as bad JSON;
     * rejects duplicate keys (which value would win is not obvious); keeps the input out of messages.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    private final String defaultMethod;
    private final Map<String, String> defaultParams;
    private final long maxLineBytes;

    /** {@code defaultMethod} (may be null) and its parameters serve lines that name no method. */
    JsonLineAggregation(String defaultMethod, Map<String, String> defaultParams, long maxLineBytes) {
        this.defaultMethod = defaultMethod;
        this.defaultParams = defaultParams;
        this.maxLineBytes = maxLineBytes;
    }

    /** Writes the result (or the error) of one line; returns false on error. */
    boolean process(BoundedLineReader line, int lineNumber, JsonGenerator generator) throws IOException {
        String methodName = null;
        try {
            if (line.oversized() && line.heapExceeded()) {
                throw new IllegalArgumentException("the line has " + line.oversizedLength() + " bytes, more than the heap holds ("
                        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB); skipped (give the JVM more heap with"
                        + " MULTIGRAD_JAVA_OPTS=-Xmx..., or lower --max-line-bytes)");
            }
            if (line.oversized()) {
                throw new IllegalArgumentException("the line has " + line.oversizedLength() + " bytes, more than --max-line-bytes "
                        + maxLineBytes + "; skipped (raise --max-line-bytes, and the heap with MULTIGRAD_JAVA_OPTS=-Xmx..., for"
                        + " larger Jacobians)");
            }
            if (isBlank(line.bytes(), line.length())) {
                throw new IllegalArgumentException("empty line; expected a JSON object");
            }
            JsonNode node = parse(line.bytes(), line.length());
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType()));
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!FIELDS.contains(field)) {
                    throw new IllegalArgumentException("unknown field '" + field + "'; allowed: " + String.join(", ", FIELDS));
                }
            }
            methodName = node.hasNonNull("method") ? textField(node, "method") : defaultMethod;
            if (methodName == null) {
                throw new IllegalArgumentException("no method: give \"method\" on the line or --method");
            }
            MethodSpec methodSpec = MethodRegistry.get(methodName);
            Map<String, Object> lineParams = new LinkedHashMap<>();
            if (methodName.equals(defaultMethod)) {
                lineParams.putAll(defaultParams);
            }
            JsonNode paramsNode = node.get("params");
            if (paramsNode != null && !paramsNode.isNull()) {
                if (!paramsNode.isObject()) {
                    throw new IllegalArgumentException("\"params\" must be an object, e.g. {\"c\": 0.5}");
                }
                paramsNode.properties().forEach(e -> lineParams.put(e.getKey(), paramValue(methodSpec, e.getKey(), e.getValue())));
            }
            Jacobian jacobian = Jacobian.of(JsonArrays.matrix(node.get("jacobian"), "jacobian"));
            double[] losses = node.hasNonNull("losses") ? JsonArrays.vector(node.get("losses"), "\"losses\"") : null;
            Aggregator aggregator = methodSpec.create(lineParams);
            if (node.hasNonNull("loss_history")) {
                double[][] history = lossHistory(node.get("loss_history"), methodSpec, losses);
                LossHistory.replay(aggregator, jacobian, history, losses);
            }
            Aggregation result = aggregator.aggregate(jacobian, losses);
            generator.writeStartObject();
            generator.writeStringField("method", methodSpec.name());
            if (result.weights() != null) {
                generator.writeFieldName("weights");
                generator.writeArray(result.weights(), 0, result.weights().length);
            }
            generator.writeFieldName("direction");
            generator.writeArray(result.direction(), 0, result.direction().length);
            generator.writeEndObject();
            return true;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            writeError(generator, lineNumber, methodName, e.getMessage());
            return false;
        } catch (OutOfMemoryError e) {
            // the line's tree is garbage now; the next lines still fit
            writeError(generator, lineNumber, methodName, "out of memory for this line (" + line.length() + " bytes); give the"
                    + " JVM more heap (MULTIGRAD_JAVA_OPTS=-Xmx...) or lower --max-line-bytes to skip such lines up front");
            return false;
        } catch (RuntimeException e) {
            writeError(generator, lineNumber, methodName, "internal error (" + e + "); please report it");
            return false;
        }
    }

    private static void writeError(JsonGenerator generator, int lineNumber, String methodName, String message)
            throws IOException {
        generator.writeStartObject();
        generator.writeStringField("error", "line " + lineNumber + ": " + message);
        if (methodName != null) {
            generator.writeStringField("method", methodName);
        }
        generator.writeEndObject();
    }

    /** The rows of "loss_history", for a method that reads the losses and a line that gives the current ones. */
    private static double[][] lossHistory(JsonNode node, MethodSpec methodSpec, double[] losses) {
        if (!methodSpec.inputs().contains(MethodSpec.Input.LOSSES)) {
            throw new IllegalArgumentException("\"loss_history\" is for methods that read the losses; "
                    + methodSpec.name() + " does not");
        }
        if (losses == null) {
            throw new IllegalArgumentException("\"loss_history\" needs \"losses\", the losses of this line's step");
        }
        return node.isArray() && node.size() == 0 ? new double[0][] : JsonArrays.matrix(node, "loss_history");
    }

    private static String textField(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string, got " + value);
        }
        return value.asText();
    }

    /** One JSON object from the line's bytes; anything after it on the line is an error. */
    private static JsonNode parse(byte[] bytes, int length) throws IOException {
        try (JsonParser parser = MAPPER.createParser(bytes, 0, length)) {
            JsonNode node = MAPPER.readTree(parser);
            long column = parser.currentLocation().getColumnNr();
            try {
                if (parser.nextToken() != null) {
                    throw new IllegalArgumentException("unexpected content after the JSON object at column " + column
                            + "; one object per line");
                }
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("unexpected content after the JSON object at column " + column
                        + "; one object per line");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + UserErrors.json(e, true));
        }
    }

    private static boolean isBlank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * A parameter's JSON value as the registry takes it. Numbers must be JSON numbers and switches
     * JSON booleans, as in "jacobian" and "losses": a string such as "0.5" is refused, not converted
     * (only the command line's --param k=v gives text to be parsed).
     */
    private static Object paramValue(MethodSpec methodSpec, String name, JsonNode value) {
        ParamSpec<?> param = methodSpec.params().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
        if (param == null || value.isNull()) {
            return toJava(value); // the registry names the unknown parameter
        }
        String where = "params." + name;
        switch (param.type()) {
            case DOUBLE:
            case INT:
            case LONG:
                if (!value.isNumber()) {
                    throw new IllegalArgumentException(where + " must be a JSON number, got " + JsonArrays.describe(value));
                }
                return value.numberValue();
            case DOUBLE_LIST:
                if (!value.isArray()) {
                    throw new IllegalArgumentException(where + " must be an array of JSON numbers, got " + JsonArrays.describe(value));
                }
                for (JsonNode item : value) {
                    if (!item.isNumber()) {
                        throw new IllegalArgumentException(where + " must be an array of JSON numbers, got an entry "
                                + JsonArrays.describe(item));
                    }
                }
                return toJava(value);
            case BOOLEAN:
                if (!value.isBoolean()) {
                    throw new IllegalArgumentException(where + " must be true or false (a JSON boolean), got " + JsonArrays.describe(value));
                }
                return value.booleanValue();
            default:
                if (!value.isTextual()) {
                    throw new IllegalArgumentException(where + " must be a JSON string, got " + JsonArrays.describe(value));
                }
                return value.asText();
        }
    }

    private static Object toJava(JsonNode value) {
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isArray()) {
            List<Object> items = new ArrayList<>();
            value.forEach(item -> items.add(toJava(item)));
            return items;
        }
        if (value.isNull()) {
            return null;
        }
        return value.asText();
    }
}
