package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.Famo;

/** End-to-end tests of the `aggregate` JSON Lines contract. */
class AggregateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IDENTITY = "\"jacobian\": [[1, 0], [0, 1]]";

    @Test
    void roundTripThroughFilesKeepsOrderAndValues(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("in.jsonl");
        Path output = dir.resolve("out.jsonl");
        Files.writeString(input, String.join("\n",
                "{\"method\": \"mgda\", \"jacobian\": [[-4, 1, 1], [6, 1, 1]]}",
                "{\"method\": \"cagrad\", \"params\": {\"c\": 0.5}, \"jacobian\": [[-4, 1, 1], [6, 1, 1]]}",
                "{\"method\": \"mean\", \"jacobian\": [[1, 2]], \"losses\": [0.3]}") + "\n");
        CliRunner.Result result = CliRunner.run("", "aggregate", "--input", input.toString(), "--output", output.toString());
        assertEquals(0, result.exitCode(), result.err());
        List<String> lines = Files.readAllLines(output);
        assertEquals(3, lines.size());
        JsonNode mgda = JSON.readTree(lines.get(0));
        assertEquals("mgda", mgda.get("method").asText());
        assertEquals(0.6, mgda.get("weights").get(0).asDouble(), 1e-12);
        assertEquals(1.0, mgda.get("direction").get(1).asDouble(), 1e-12);
        JsonNode cagrad = JSON.readTree(lines.get(1));
        assertEquals(0.7041, cagrad.get("weights").get(0).asDouble(), 1e-4);
        assertEquals(2.0, JSON.readTree(lines.get(2)).get("direction").get(1).asDouble(), 0.0);
    }

    @Test
    void badLinesGetAnErrorOnTheirOwnLineAndProcessingContinues() throws Exception {
        String input = String.join("\n",
                "{\"method\": \"mgda\", \"jacobian\": [[1, 0], [0, 1]]}",
                "{\"method\": \"no-such\", \"jacobian\": [[1]]}",
                "{\"method\": \"mgda\", \"jacobian\": [[1, 0], [0]]}",
                "{\"method\": \"mgda\", \"jacobian\": [[1, NaN]]}",
                "{\"method\": \"mgda\", \"jacobian\": [[1, Infinity]]}",
                "{\"method\": \"mgda\", \"jacobian\": []}",
                "{\"method\": \"mgda\", \"jacobian\": [[]]}",
                "not json",
                "",
                "{\"method\": \"cagrad\", \"params\": {\"c\": -1}, \"jacobian\": [[1]]}",
                "{\"method\": \"mgda\"}",
                "{\"method\": \"mgda\", \"jacobian\": [[1]], \"losses\": [1, 2]}",
                "{\"method\": \"mgda\", \"jacobian\": [[1]], \"extra\": 1}",
                "{\"method\": \"sum\", \"jacobian\": [[2, 3]]}") + "\n";
        CliRunner.Result result = CliRunner.run(input, "aggregate");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("12 of 14 lines failed"), result.err());
        List<JsonNode> lines = parseLines(result.out());
        assertEquals(14, lines.size());
        assertTrue(lines.get(0).has("direction"));
        assertError(lines.get(1), "line 2: unknown method 'no-such'");
        assertError(lines.get(2), "row 1 has 1 entries, expected 2");
        assertError(lines.get(3), "row 0 entry 1 is NaN");
        assertError(lines.get(4), "row 0 entry 1 is Infinity");
        assertError(lines.get(5), "has no rows (m = 0)");
        assertError(lines.get(6), "rows are empty (n = 0)");
        assertError(lines.get(7), "invalid JSON");
        assertError(lines.get(8), "empty line");
        assertError(lines.get(9), "cagrad: parameter 'c' must be in [0, 1000000], got -1");
        assertError(lines.get(10), "missing \"jacobian\"");
        assertError(lines.get(11), "losses have 2 entries, expected one per objective (m = 1)");
        assertError(lines.get(12), "unknown field 'extra'");
        assertEquals(3.0, lines.get(13).get("direction").get(1).asDouble(), 0.0);
    }

    @Test
    void commandLineMethodAndParamsAreDefaultsForLinesThatOmitThem() throws Exception {
        String input = "{\"jacobian\": [[-4, 1, 1], [6, 1, 1]]}\n"
                + "{\"params\": {\"c\": 0.5}, \"jacobian\": [[-4, 1, 1], [6, 1, 1]]}\n"
                + "{\"method\": \"mean\", \"jacobian\": [[1], [3]]}\n";
        CliRunner.Result result = CliRunner.run(input, "aggregate", "--method", "cagrad", "--param", "c=2");
        assertEquals(0, result.exitCode(), result.out() + result.err());
        List<JsonNode> lines = parseLines(result.out());
        double withCliParam = lines.get(0).get("weights").get(0).asDouble();
        assertEquals(0.7041, lines.get(1).get("weights").get(0).asDouble(), 1e-4);
        assertTrue(Math.abs(withCliParam - 0.7041) > 0.05, "c=2 from the command line must apply to line 1");
        assertEquals(2.0, lines.get(2).get("direction").get(0).asDouble(), 0.0);
    }

    @Test
    void emptyInputMissingFileAndBadDefaultsAreClearErrors() {
        CliRunner.Result empty = CliRunner.run("", "aggregate");
        assertEquals(2, empty.exitCode());
        assertTrue(empty.err().contains("input is empty"), empty.err());
        CliRunner.Result missing = CliRunner.run("", "aggregate", "--input", "/no/such/file.jsonl");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("input file not found: /no/such/file.jsonl"), missing.err());
        CliRunner.Result unknown = CliRunner.run("", "aggregate", "--method", "mgdaa");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("did you mean 'mgda'"), unknown.err());
        CliRunner.Result orphan = CliRunner.run("", "aggregate", "--param", "c=1");
        assertEquals(2, orphan.exitCode());
        assertTrue(orphan.err().contains("--param needs --method"), orphan.err());
    }

    @Test
    void lossHistoryGivesLossBasedMethodsTheirState() throws Exception {
        List<JsonNode> lines = runLines(0,
                "{\"method\": \"dwa\", " + IDENTITY + ", \"losses\": [0.4, 1.5]}",
                "{\"method\": \"dwa\", " + IDENTITY + ", \"losses\": [0.4, 1.5], \"loss_history\": [[1, 2], [0.5, 1.6]]}",
                "{\"method\": \"uw\", " + IDENTITY + ", \"losses\": [1, 1], \"loss_history\": [[2, 0.5]]}",
                "{\"method\": \"famo\", " + IDENTITY + ", \"losses\": [0.5, 0.9], \"loss_history\": [[1, 1], [0.6, 0.95]]}",
                "{\"method\": \"gls\", " + IDENTITY + ", \"losses\": [1, 4], \"loss_history\": []}");
        // DWA without history: no two epochs yet, so λ = 1; with the rows as epoch means, r = (0.5/1, 1.6/2)
        assertWeights(lines.get(0), 1, 1);
        double first = Math.exp(0.25);
        double second = Math.exp(0.4);
        assertWeights(lines.get(1), 2 * first / (first + second), 2 * second / (first + second));
        // UW: one Adam step of lr 0.025 against the sign of ∂/∂s = ½(1 − L) moves s by ±0.025
        assertWeights(lines.get(2), 0.5 * Math.exp(-0.025), 0.5 * Math.exp(0.025));
        // FAMO: the same contract written out against the core API
        Famo famo = new Famo(0.025, 1e-3, new double[] {0});
        famo.weights(WeightingInput.ofLosses(new double[] {1, 1}));
        famo.afterStep(new double[] {0.6, 0.95});
        famo.weights(WeightingInput.ofLosses(new double[] {0.6, 0.95}));
        famo.afterStep(new double[] {0.5, 0.9});
        double[] expected = famo.weights(WeightingInput.ofLosses(new double[] {0.5, 0.9}));
        assertWeights(lines.get(3), expected[0], expected[1]);
        assertWeights(lines.get(4), 1.0, 0.25);
    }

    @Test
    void lossHistoryErrorsNameTheRule() throws Exception {
        List<JsonNode> lines = runLines(1,
                "{\"method\": \"mgda\", " + IDENTITY + ", \"losses\": [1, 1], \"loss_history\": [[1, 1]]}",
                "{\"method\": \"uw\", " + IDENTITY + ", \"loss_history\": [[1, 1]]}",
                "{\"method\": \"uw\", " + IDENTITY + ", \"losses\": [1, 1], \"loss_history\": [[1, 1, 1]]}",
                "{\"method\": \"dwa\", " + IDENTITY + ", \"losses\": [1, 1], \"loss_history\": [[1, -1]]}",
                "{\"method\": \"uw\", " + IDENTITY + ", \"losses\": [1, 1], \"loss_history\": 3}");
        assertError(lines.get(0), "\"loss_history\" is for methods that read the losses; mgda does not");
        assertError(lines.get(1), "\"loss_history\" needs \"losses\"");
        assertError(lines.get(2), "loss_history row 0 has 3 entries, expected one loss per objective (m = 2)");
        assertError(lines.get(3), "dwa: loss 1 is -1.0, but losses must be > 0");
        assertError(lines.get(4), "\"loss_history\" must be an array of rows");
    }

    @Test
    void outputThatIsTheInputIsRefusedAndTheInputKept(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("in.jsonl");
        String content = "{\"method\": \"mgda\", " + IDENTITY + "}\n";
        Files.writeString(input, content);
        Files.createSymbolicLink(dir.resolve("link.jsonl"), input);
        for (String output : List.of(input.toString(), dir.resolve(".").resolve("in.jsonl").toString(),
                dir.resolve("link.jsonl").toString())) {
            CliRunner.Result result = CliRunner.run("", "aggregate", "--input", input.toString(), "--output", output);
            assertEquals(2, result.exitCode(), output + ": " + result.err());
            assertTrue(result.err().contains("is the --input file"), result.err());
            assertEquals(content, Files.readString(input), "the input must be left as it was");
        }
    }

    @Test
    void anythingAfterTheObjectIsAnErrorOnItsLine() throws Exception {
        List<JsonNode> lines = runLines(1,
                "{\"method\": \"mgda\", " + IDENTITY + "}{\"method\": \"sum\", " + IDENTITY + "}",
                "{\"method\": \"mgda\", " + IDENTITY + "} xyz",
                "{\"method\": \"mgda\", " + IDENTITY + "} 3",
                "{\"method\": \"sum\", " + IDENTITY + "}   ");
        for (int line = 0; line < 3; line++) {
            assertError(lines.get(line), "line " + (line + 1) + ": unexpected content after the JSON object at column");
        }
        assertTrue(lines.get(3).has("direction"), lines.get(3).toString());
    }

    @Test
    void duplicateKeysAndQuotedNumbersAreRejectedWithOneRule() throws Exception {
        List<JsonNode> lines = runLines(1,
                "{\"method\": \"mgda\", \"method\": \"sum\", " + IDENTITY + "}",
                "{\"method\": \"cagrad\", \"params\": {\"c\": 0.5, \"c\": 0.7}, " + IDENTITY + "}",
                "{\"method\": \"cagrad\", \"params\": {\"c\": \"0.5\"}, " + IDENTITY + "}",
                "{\"method\": \"mgda\", \"jacobian\": [[\"1\", 0], [0, 1]]}",
                "{\"method\": \"mgda\", " + IDENTITY + ", \"losses\": [1, \"2\"]}",
                "{\"method\": \"constant\", \"params\": {\"weights\": [\"1\", 2]}, " + IDENTITY + "}",
                "{\"method\": \"cagrad\", \"params\": {\"c\": 0.5}, " + IDENTITY + "}");
        assertError(lines.get(0), "line 1: invalid JSON: Duplicate field 'method'");
        assertError(lines.get(1), "line 2: invalid JSON: Duplicate field 'c'");
        assertError(lines.get(2), "params.c must be a JSON number, got the string \"0.5\"");
        assertError(lines.get(3), "\"jacobian\" row 0 entry 0 must be a JSON number, got the string \"1\"");
        assertError(lines.get(4), "\"losses\" entry 1 must be a JSON number, got the string \"2\"");
        assertError(lines.get(5), "params.weights must be an array of JSON numbers, got an entry the string \"1\"");
        assertTrue(lines.get(6).has("direction"), lines.get(6).toString());
    }

    @Test
    void jsonErrorsCarryNoParserInternals() throws Exception {
        List<JsonNode> lines = runLines(1, "{\"method\": \"mgda\", \"jacobian\": [[1]]", "{\"method\": mgda}", "[1, 2");
        for (JsonNode line : lines) {
            String error = line.get("error").asText();
            assertTrue(error.contains("invalid JSON: "), error);
            for (String internal : List.of("Source", "REDACTED", "StreamReadFeature", "com.fasterxml", "\n")) {
                assertFalse(error.contains(internal), "'" + error + "' shows '" + internal + "'");
            }
        }
        assertError(lines.get(0), "line 1: invalid JSON: Unexpected end-of-input");
        assertTrue(lines.get(0).get("error").asText().contains("column"), lines.get(0).toString());
    }

    @Test
    void aLineLongerThanTheLimitIsSkippedWithAnErrorAndTheNextLineFollows() throws Exception {
        StringBuilder longRow = new StringBuilder("1");
        while (longRow.length() < 5000) {
            longRow.append(", 1");
        }
        String input = "{\"method\": \"sum\", \"jacobian\": [[" + longRow + "]]}\n{\"method\": \"sum\", " + IDENTITY + "}\n";
        CliRunner.Result result = CliRunner.run(input, "aggregate", "--max-line-bytes", "1000");
        assertEquals(1, result.exitCode(), result.err());
        List<JsonNode> lines = parseLines(result.out());
        assertEquals(2, lines.size());
        assertError(lines.get(0), "line 1: the line has " + (input.indexOf('\n')) + " bytes, more than --max-line-bytes 1000");
        assertEquals(1.0, lines.get(1).get("direction").get(0).asDouble(), 0.0);
        CliRunner.Result bad = CliRunner.run(input, "aggregate", "--max-line-bytes", "0");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--max-line-bytes must be in [1, "), bad.err());
    }

    @Test
    void aClosedOutputStopsTheRunWithStatus2() {
        StringBuilder input = new StringBuilder();
        for (int line = 0; line < 20000; line++) {
            input.append("{\"method\": \"mgda\", ").append(IDENTITY).append("}\n");
        }
        // a reader that takes the first write and then goes away, as `| head -1` does
        int[] writes = {0};
        java.io.OutputStream reader = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                if (++writes[0] > 1) {
                    throw new java.io.IOException("Broken pipe");
                }
            }
        };
        CliRunner.Result result = CliRunner.run(input.toString(), reader, "aggregate");
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains("cannot write to standard output"), result.err());
        assertTrue(writes[0] <= 3, "kept writing after the failure: " + writes[0] + " writes");
    }

    @Test
    void unusableFilesAreOneSentenceWithStatus2(@TempDir Path dir) throws Exception {
        CliRunner.Result directory = CliRunner.run("", "aggregate", "--input", dir.toString());
        assertEquals(2, directory.exitCode(), directory.err());
        assertEquals("aggregate: --input " + dir + " is a directory, not a file", directory.err().strip());
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"method\": \"mgda\", " + IDENTITY + "}\n");
        CliRunner.Result outputDirectory = CliRunner.run("", "aggregate", "--input", input.toString(), "--output", dir.toString());
        assertEquals(2, outputDirectory.exitCode(), outputDirectory.err());
        assertEquals("aggregate: --output " + dir + " is a directory, not a file", outputDirectory.err().strip());
        CliRunner.Result missingParent = CliRunner.run("", "aggregate", "--input", input.toString(), "--output",
                dir.resolve("no/such/out.jsonl").toString());
        assertEquals(2, missingParent.exitCode(), missingParent.err());
        assertEquals("aggregate: cannot use " + dir.resolve("no/such/out.jsonl") + ": no such file or directory",
                missingParent.err().strip());
    }

    @Test
    void aStandardInputClosedAtStartIsAnEmptyInput() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/fd/0")), "needs Linux's /proc");
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // `multigrad aggregate <&-`: the JVM starts without file descriptor 0
        Process process = new ProcessBuilder("bash", "-c", "exec \"$0\" -cp \"$1\" org.multigrad.cli.MultiGradCli aggregate <&-",
                javaBinary, System.getProperty("java.class.path")).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), err);
        assertTrue(err.contains("aggregate: the input is empty"), err);
        assertEquals("", out.length() > 300 ? out.substring(0, 300) : out);
    }

    @Test
    void boundedLineReaderNeverHoldsMoreThanItsLimit() throws Exception {
        byte[] input = ("a\r\n" + "x".repeat(1 << 20) + "\n\nlast").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        BoundedLineReader reader = new BoundedLineReader(new java.io.ByteArrayInputStream(input), 16);
        assertTrue(reader.next());
        assertEquals("a", new String(reader.bytes(), 0, reader.length(), java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(reader.next());
        assertTrue(reader.oversized());
        assertEquals(1 << 20, reader.oversizedLength());
        assertTrue(reader.bytes().length <= 16, "buffered " + reader.bytes().length + " bytes");
        assertTrue(reader.next());
        assertFalse(reader.oversized());
        assertEquals(0, reader.length());
        assertTrue(reader.next());
        assertEquals("last", new String(reader.bytes(), 0, reader.length(), java.nio.charset.StandardCharsets.US_ASCII));
        assertFalse(reader.next());
    }

    /** Runs {@code aggregate} on the lines (one JSON object each) and parses its output lines. */
    private static List<JsonNode> runLines(int exitCode, String... lines) throws Exception {
        CliRunner.Result result = CliRunner.run(String.join("\n", lines) + "\n", "aggregate");
        assertEquals(exitCode, result.exitCode(), result.err());
        return parseLines(result.out());
    }

    private static void assertWeights(JsonNode line, double... expected) {
        assertTrue(line.has("weights"), "expected weights, got " + line);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], line.get("weights").get(i).asDouble(), 1e-9, line.toString());
        }
    }

    @Test
    void handlesThousandsOfLinesInOneProcess() throws Exception {
        StringBuilder input = new StringBuilder();
        int count = 5000;
        for (int line = 0; line < count; line++) {
            input.append("{\"method\": \"").append(line % 2 == 0 ? "mgda" : "cagrad")
                    .append("\", \"jacobian\": [[").append(line % 7 - 3).append(", 1, 2], [2, -1, ").append(line % 5)
                    .append("], [0.5, 0.5, -1]]}\n");
        }
        CliRunner.Result result = CliRunner.run(input.toString(), "aggregate");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(count, result.out().split("\n").length);
    }

    private static void assertError(JsonNode line, String fragment) {
        assertTrue(line.has("error"), "expected an error line, got " + line);
        assertTrue(line.get("error").asText().contains(fragment), "'" + line.get("error").asText() + "' lacks '" + fragment + "'");
    }

    private static List<JsonNode> parseLines(String text) throws Exception {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : text.split("\n")) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }
}
