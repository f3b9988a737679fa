package org.multigrad.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.multigrad.aggregate.Aggregation;
import org.multigrad.aggregate.Aggregator;
import org.multigrad.aggregate.LossHistory;
import org.multigrad.jacobian.Jacobian;
import org.multigrad.registry.MethodRegistry;
import org.multigrad.registry.MethodSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code multigrad aggregate}: JSON Lines in, JSON Lines out, one output line per input line, in
 * order. Input {@code {"method": "mgda", "params": {...}, "jacobian": [[...], ...], "losses": [...]}};
 * output {@code {"method": ..., "weights": [...], "direction": [...]}} or {@code {"error": "..."}}.
 * Each line gets a fresh method instance, so lines are independent (stateful methods start from
 * their initial state, seeded methods from their seed). Methods that read the losses also take
 * {@code "loss_history": [[...], ...]}, the losses of earlier steps (oldest first), replayed by
 * {@link LossHistory} before the line's own step, so that DWA, FAMO, UW, GradNorm, IMTL and DB-MTL
 * give the weights they would give after those steps (docs/aggregate.md).
 */
@Command(name = "aggregate", mixinStandardHelpOptions = true,
        description = {"Aggregate Jacobians given as JSON Lines (one object per line) into update directions.",
            "Input line:  {\"method\": \"mgda\", \"params\": {\"c\": 0.5}, \"jacobian\": [[...], [...]], \"losses\": [...]}",
            "Output line: {\"method\": \"mgda\", \"weights\": [...], \"direction\": [...]}  (step: x - lr * direction)",
            "Each line starts a fresh method. Methods that read the losses (uw, dwa, famo,",
            "gradnorm, imtl, db-mtl, ...) also take \"loss_history\": [[...], ...], the",
            "losses of earlier steps, oldest first: one row per step and per epoch, replayed",
            "through the method's hooks on the line's Jacobian (see docs/aggregate.md).",
            "A bad line gives {\"error\": \"...\"} on its line; the exit status is 1 if any line failed."})
final class AggregateCommand implements Callable<Integer> {
    private static final List<String> FIELDS = List.of("method", "params", "jacobian", "losses", "loss_history");
    /** Accepts NaN and Infinity tokens so that they are reported as non-finite entries, not as bad JSON. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "JSON Lines input (default: standard input)")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "output file (default: standard output)")
    Path output;

    @Option(names = {"-m", "--method"}, paramLabel = "NAME", description = "method for lines that name none")
    String method;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE",
            description = "parameter default for lines of the --method method (lines' own params win); repeatable")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FORMAT",
            description = "jsonl (default) or f64: binary frames of little-endian float64, one method (--method) for all (docs/python.md)")
    String format;

    @Override
    public Integer call() throws IOException {
        if (method != null) {
            MethodRegistry.get(method).resolve(params);
        } else if (!params.isEmpty()) {
            throw new IllegalArgumentException("--param needs --method: parameters belong to one method");
        }
        try (InputStream in = openInput(); OutputStream out = openOutput()) {
            if (!format.equals("jsonl")) {
                return AggregateFrames.command(format, method, params, in, out, spec.commandLine().getErr());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            Writer writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            JsonGenerator generator = new JsonFactory().createGenerator(writer);
            generator.setRootValueSeparator(null);
            int lineNumber = 0;
            int failures = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (!processLine(line, lineNumber, generator)) {
                    failures++;
                }
                generator.flush();
                writer.write('\n');
                if (!reader.ready()) {
                    writer.flush();
                }
            }
            writer.flush();
            if (lineNumber == 0) {
                spec.commandLine().getErr().println("aggregate: the input is empty; expected one JSON object per line");
                return 2;
            }
            if (failures > 0) {
                spec.commandLine().getErr().println("aggregate: " + failures + " of " + lineNumber + " lines failed");
                return 1;
            }
            return 0;
        }
    }

    private InputStream openInput() throws IOException {
        if (input == null) {
            return new java.io.FilterInputStream(System.in) {
                @Override
                public void close() {
                    // standard input is not ours to close
                }
            };
        }
        try {
            return Files.newInputStream(input);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("input file not found: " + input);
        }
    }

    private OutputStream openOutput() throws IOException {
        if (output == null) {
            return new java.io.FilterOutputStream(System.out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        return Files.newOutputStream(output);
    }

    /** Writes the result (or the error) of one line; returns false on error. */
    private boolean processLine(String line, int lineNumber, JsonGenerator generator) throws IOException {
        String methodName = null;
        try {
            if (line.isBlank()) {
                throw new IllegalArgumentException("empty line; expected a JSON object");
            }
            JsonNode node;
            try {
                node = MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType()));
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!FIELDS.contains(field)) {
                    throw new IllegalArgumentException("unknown field '" + field + "'; allowed: " + String.join(", ", FIELDS));
                }
            }
            methodName = node.hasNonNull("method") ? textField(node, "method") : method;
            if (methodName == null) {
                throw new IllegalArgumentException("no method: give \"method\" on the line or --method");
            }
            MethodSpec methodSpec = MethodRegistry.get(methodName);
            Map<String, Object> lineParams = new LinkedHashMap<>();
            if (methodName.equals(method)) {
                lineParams.putAll(params);
            }
            JsonNode paramsNode = node.get("params");
            if (paramsNode != null && !paramsNode.isNull()) {
                if (!paramsNode.isObject()) {
                    throw new IllegalArgumentException("\"params\" must be an object, e.g. {\"c\": 0.5}");
                }
                paramsNode.properties().forEach(e -> lineParams.put(e.getKey(), toJava(e.getValue())));
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
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
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

    private static Object toJava(JsonNode value) {
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isArray()) {
            java.util.List<Object> items = new java.util.ArrayList<>();
            value.forEach(item -> items.add(toJava(item)));
            return items;
        }
        if (value.isNull()) {
            return null;
        }
        return value.asText();
    }
}
