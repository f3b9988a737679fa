package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code multigrad train --model cnn1 --optimizer ml2o|gml2o --l2o FILE --steps K}, end to end. */
class TrainLearnedOptimizerCommandTest {
    @TempDir
    Path dir;

    private String[] common(Path mnist, Path weights, Path out) {
        return new String[] {"train", "--dataset", "multi-mnist", "--model", "cnn1", "--batch-size", "16", "--lr", "0.0005",
            "--l2o", weights.toString(), "--mnist-dir", mnist.toString(), "--cache-dir", dir.resolve("cache").toString(),
            "--threads", "1", "--out", out.toString(), "--quiet", "--no-plot"};
    }

    private Path weights() {
        Path weights = dir.resolve("ml2o.json");
        StringWriter err = new StringWriter();
        assertEquals(0, TrainCommandTest.run(err, "l2o", "init", "--hidden", "4", "--layers", "1", "--out", weights.toString()),
                err.toString());
        return weights;
    }

    @Test
    void gml2oTrainsCnn1ForAStepBudgetAndResumesPastIt() throws IOException {
        Path mnist = TrainCommandTest.fakeMnist(dir, 96, 32);
        Path weights = weights();
        Path out = dir.resolve("gml2o");
        String[] args = TrainCommandTest.concat(common(mnist, weights, out), "--optimizer", "gml2o", "--methods", "dssmg",
                "-p", "nb=1", "-p", "q=0.1", "-p", "after-rejection=keep");
        StringWriter err = new StringWriter();
        assertEquals(0, TrainCommandTest.run(err, TrainCommandTest.concat(args, "--steps", "6")), err.toString());
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertEquals(6, result.get("steps").asInt(), result.toString());
        double rate = result.get("acceptance_rate").asDouble();
        assertTrue(rate >= 0 && rate <= 1, result.toString());
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(6, rows.stream().filter(row -> row.startsWith("train,")).count(), String.join("\n", rows));

        StringWriter resumed = new StringWriter();
        assertEquals(0, TrainCommandTest.run(resumed, TrainCommandTest.concat(args, "--steps", "9", "--resume")),
                resumed.toString());
        rows = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(9, rows.stream().filter(row -> row.startsWith("train,")).count(), String.join("\n", rows));
        StringWriter nothing = new StringWriter();
        assertEquals(0, TrainCommandTest.run(nothing, TrainCommandTest.concat(args, "--steps", "9", "--resume")));
        assertTrue(nothing.toString().contains("nothing left to train"), nothing.toString());
    }

    @Test
    void badLearnedOptimizerOptionsGiveOneSentenceAndExitTwo() throws IOException {
        Path mnist = TrainCommandTest.fakeMnist(dir, 96, 32);
        Path weights = weights();
        String[][] cases = {
            {"--optimizer", "ml2o", "--steps", "0"},
            {"--optimizer", "gml2o", "--methods", "pcgrad", "--steps", "2"},
            {"--optimizer", "gml2o", "--methods", "dssmg", "-p", "q=0", "--steps", "2"},
            {"--optimizer", "adam", "--steps", "2"},
        };
        String[] expected = {"--steps must be >= 1", "mgda (Algorithm 3) or dssmg (Algorithm 2)", "q", "--l2o belongs to"};
        for (int c = 0; c < cases.length; c++) {
            StringWriter err = new StringWriter();
            Path out = dir.resolve("bad" + c);
            assertEquals(2, TrainCommandTest.run(err, TrainCommandTest.concat(common(mnist, weights, out), cases[c])),
                    err.toString());
            assertTrue(err.toString().contains(expected[c]), err.toString());
            assertTrue(!err.toString().contains("\tat "), err.toString());
        }
        StringWriter missing = new StringWriter();
        assertEquals(2, TrainCommandTest.run(missing, "train", "--dataset", "multi-mnist", "--model", "cnn1", "--optimizer", "ml2o",
                "--mnist-dir", mnist.toString(), "--out", dir.resolve("missing").toString(), "--quiet"));
        assertTrue(missing.toString().contains("--l2o FILE"), missing.toString());
    }
}
