package org.multigrad.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Aggregator;
import org.multigrad.api.Jacobian;
import org.multigrad.api.LossHistory;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.registry.MethodRegistry;
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
            "A bad line (invalid JSON, text after the object, duplicate keys, quoted numbers,",
            "a line over --max-line-bytes) gives {\"error\": \"line N: ...\"}; the next line follows.",
            "Exit status: 0 all lines done, 1 a line failed, 2 bad options, unusable files,",
            "an empty input, or an output that cannot be written (its reader has gone)."})
final class AggregateCommand implements Callable<Integer> {
    private static final List<String> FIELDS = List.of("method", "params", "jacobian", "losses", "loss_history");
    /**
     * Accepts NaN and Infinity tokens so that they are reported as non-finite entries, not as bad JSON;
     * rejects duplicate keys (which value would win is not obvious); keeps the input out of messages.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
    /** The longest byte array a JVM allocates. */
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

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

    @Option(names = "--max-line-bytes", paramLabel = "BYTES", defaultValue = "268435456",
            description = "longest accepted input line in bytes; a longer line gets an error line and is skipped without"
                    + " being read into memory (default: ${DEFAULT-VALUE} = 256 MiB, about a 10 x 1,000,000 Jacobian)")
    long maxLineBytes;

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FORMAT",
            description = "jsonl (default) or f64: binary frames of little-endian float64, one method (--method) for all (docs/python.md)")
    String format;

    @Override
    public Integer call() throws IOException {
        if (maxLineBytes < 1 || maxLineBytes > MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException("--max-line-bytes must be in [1, " + MAX_ARRAY_BYTES + "], got " + maxLineBytes);
        }
        if (method != null) {
            MethodRegistry.get(method).resolve(params);
        } else if (!params.isEmpty()) {
            throw new IllegalArgumentException("--param needs --method: parameters belong to one method");
        }
        checkFiles();
        try (InputStream in = openInput(); OutputStream out = openOutput()) {
            if (!format.equals("jsonl")) {
                return AggregateFrames.command(format, method, params, in, out, spec.commandLine().getErr());
            }
            BoundedLineReader reader = new BoundedLineReader(in, (int) maxLineBytes);
            Writer writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            JsonGenerator generator = new JsonFactory().createGenerator(writer);
            generator.setRootValueSeparator(null);
            int lineNumber = 0;
            int failures = 0;
            while (reader.next()) {
                lineNumber++;
                if (!processLine(reader, lineNumber, generator)) {
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

    /** Refuses an --input that is a directory or missing, and an --output that is the --input (it would be emptied). */
    private void checkFiles() throws IOException {
        if (input != null) {
            if (Files.isDirectory(input)) {
                throw new IllegalArgumentException("--input " + input + " is a directory, not a file");
            }
            if (!Files.exists(input)) {
                throw new IllegalArgumentException("input file not found: " + input);
            }
        }
        if (output != null) {
            if (Files.isDirectory(output)) {
                throw new IllegalArgumentException("--output " + output + " is a directory, not a file");
            }
            if (input != null && Files.exists(output) && Files.isSameFile(input, output)) {
                throw new IllegalArgumentException("--output " + output + " is the --input file; writing it would erase the"
                        + " input before it is read: choose another output file");
            }
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
        return Files.newInputStream(input);
    }

    private OutputStream openOutput() throws IOException {
        if (output == null) {
            return new StandardOutput(System.out);
        }
        return Files.newOutputStream(output);
    }

    /**
     * Standard output that throws once a write has failed: a PrintStream swallows errors (its reader
     * has gone, as with {@code | head -1}), and aggregate must then stop, not compute on for nobody.
     */
    private static final class StandardOutput extends java.io.FilterOutputStream {
        private final java.io.PrintStream stream;

        StandardOutput(java.io.PrintStream stream) {
            super(stream);
            this.stream = stream;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            stream.write(b, off, len);
            check();
        }

        @Override
        public void flush() throws IOException {
            stream.flush();
            check();
        }

        @Override
        public void close() throws IOException {
            flush();
        }

        private void check() throws IOException {
            if (stream.checkError()) {
                throw new IOException("cannot write to standard output (closed, or its reader has exited); stopped");
            }
        }
    }

    /** Writes the result (or the error) of one line; returns false on error. */
    private boolean processLine(BoundedLineReader line, int lineNumber, JsonGenerator generator) throws IOException {
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
