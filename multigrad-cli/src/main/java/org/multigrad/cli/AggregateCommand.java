package org.multigrad.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.multigrad.api.Jacobian;
import org.multigrad.api.LossHistory;
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
            JsonLineAggregation lines = new JsonLineAggregation(method, params, maxLineBytes);
            int lineNumber = 0;
            int failures = 0;
            while (reader.next()) {
                lineNumber++;
                if (!lines.process(reader, lineNumber, generator)) {
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

}
