package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.multigrad.djl.experiment.BenchStudy;
import org.multigrad.experiment.Statistics;

class BenchCommandTest {
    @TempDir
    Path dir;

    private static double accuracy(JsonNode result, int task) {
        return result.get("tasks").get(task).get("test_accuracy").asDouble();
    }

    @Test
    void runsMethodsAndBaselinesThenSkipsAndResumes() throws IOException {
        Path mnist = TrainCommandTest.fakeMnist(dir, 64, 20);
        Path out = dir.resolve("bench");
        String[] common = {"bench", "--dataset", "multi-mnist", "--model", "mlp", "--methods", "mean,cr-mogm(famo)", "--seeds", "1",
            "--batch-size", "32", "--mnist-dir", mnist.toString(), "--cache-dir", dir.resolve("cache").toString(),
            "--out", out.toString()};
        StringWriter err = new StringWriter();
        assertEquals(0, TrainCommandTest.run(err, TrainCommandTest.concat(common, "--epochs", "1")), err.toString());
        for (String file : List.of("results.md", "results.csv", "results.png")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file + " missing; stderr: " + err);
        }
        ObjectMapper mapper = new ObjectMapper();
        JsonNode single0 = mapper.readTree(out.resolve("single-task-1/seed-0/result.json").toFile());
        JsonNode single1 = mapper.readTree(out.resolve("single-task-2/seed-0/result.json").toFile());
        assertEquals("1.0,0.0", single0.get("params").get("weights").asText());
        double[] single = {accuracy(single0, 0), accuracy(single1, 1)};
        for (String method : List.of("mean", "cr-mogm(famo)")) {
            JsonNode result = mapper.readTree(out.resolve(method).resolve("seed-0/result.json").toFile());
            assertEquals(1, result.get("epochs").asInt());
            double expected = 100 * ((accuracy(result, 0) - single[0]) / single[0] + (accuracy(result, 1) - single[1]) / single[1]) / 2;
            assertEquals(expected, result.get("delta_m_percent").asDouble(), 1e-12, method);
            assertEquals(single[1], result.get("single_task_accuracy").get(1).asDouble(), 0);
        }
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(4, csv.size(), csv.toString());
        assertTrue(csv.get(0).startsWith("method,runs,accuracy1_mean,accuracy1_std,accuracy2_mean"), csv.get(0));
        assertTrue(csv.get(1).startsWith("single-task,1,"), csv.get(1));
        assertTrue(csv.get(3).startsWith("cr-mogm(famo),1,"), csv.get(3));
        String table = Files.readString(out.resolve("results.md"));
        assertTrue(table.contains("| mean | 1 |"), table);

        StringWriter again = new StringWriter();
        assertEquals(0, TrainCommandTest.run(again, TrainCommandTest.concat(common, "--epochs", "1")), again.toString());
        assertEquals(4, again.toString().split("already finished, skipped", -1).length - 1, again.toString());

        StringWriter longer = new StringWriter();
        assertEquals(0, TrainCommandTest.run(longer, TrainCommandTest.concat(common, "--epochs", "2")), longer.toString());
        assertEquals(4, longer.toString().split("\\(resuming\\)", -1).length - 1, longer.toString());
        assertFalse(longer.toString().contains("already finished"), longer.toString());
        JsonNode resumed = mapper.readTree(out.resolve("mean/seed-0/result.json").toFile());
        assertEquals(2, resumed.get("epochs").asInt());
        assertEquals(4, resumed.get("steps").asInt());
    }

    @Test
    void borrowedBaselinesAreReadNeverTrainedAndMustMatch() throws IOException {
        Path mnist = TrainCommandTest.fakeMnist(dir, 64, 20);
        Path hps = dir.resolve("hps");
        String[] data = {"--dataset", "multi-mnist", "--seeds", "1", "--batch-size", "32", "--mnist-dir", mnist.toString(),
            "--cache-dir", dir.resolve("cache").toString()};
        StringWriter err = new StringWriter();
        assertEquals(0, TrainCommandTest.run(err, TrainCommandTest.concat(TrainCommandTest.concat(new String[] {"bench"}, data),
                "--model", "mlp", "--methods", "mean", "--epochs", "1", "--no-plot", "--out", hps.toString())), err.toString());
        byte[] baselineBefore = Files.readAllBytes(hps.resolve("single-task-1/seed-0/result.json"));
        long checkpointBefore = Files.getLastModifiedTime(hps.resolve("single-task-1/seed-0/checkpoint.bin")).toMillis();

        Path normal = dir.resolve("normal");
        String[] normalBench = TrainCommandTest.concat(TrainCommandTest.concat(new String[] {"bench"}, data), "--model",
                "normal-mlp", "--methods", "mean");
        String[] borrow = TrainCommandTest.concat(normalBench, "--baselines", hps.toString());
        StringWriter second = new StringWriter();
        assertEquals(0, TrainCommandTest.run(second, TrainCommandTest.concat(borrow, "--epochs", "1", "--no-plot", "--out",
                normal.toString())), second.toString());
        assertEquals(2, second.toString().split("already finished, skipped", -1).length - 1, second.toString());
        assertFalse(Files.exists(normal.resolve("single-task-1")), "borrowed baselines are not copied or retrained");
        assertEquals(new String(baselineBefore), Files.readString(hps.resolve("single-task-1/seed-0/result.json")));
        assertEquals(checkpointBefore, Files.getLastModifiedTime(hps.resolve("single-task-1/seed-0/checkpoint.bin")).toMillis());

        ObjectMapper mapper = new ObjectMapper();
        JsonNode single0 = mapper.readTree(hps.resolve("single-task-1/seed-0/result.json").toFile());
        JsonNode single1 = mapper.readTree(hps.resolve("single-task-2/seed-0/result.json").toFile());
        JsonNode result = mapper.readTree(normal.resolve("mean/seed-0/result.json").toFile());
        assertEquals("normal-mlp", result.get("model").asText());
        // the bench adds Δm% to the run's own result.json and keeps what the run wrote there
        assertEquals(2, result.get("positions").size(), result.toString());
        assertTrue(result.get("positions").get(0).asDouble() != 1.0, "learned positions move: " + result);
        assertEquals(2, result.get("test_top5_accuracy").size(), result.toString());
        double[] single = {accuracy(single0, 0), accuracy(single1, 1)};
        double expected = 100 * ((accuracy(result, 0) - single[0]) / single[0] + (accuracy(result, 1) - single[1]) / single[1]) / 2;
        assertEquals(expected, result.get("delta_m_percent").asDouble(), 1e-12);
        JsonNode summary = mapper.readTree(normal.resolve("summary.json").toFile());
        assertEquals("mlp", summary.get("settings").get("single_task_model").asText(), summary.toString());
        assertFalse(Files.exists(normal.resolve("positions.png")), "--no-plot writes no plot");
        StringWriter plotted = new StringWriter();
        assertEquals(0, TrainCommandTest.run(plotted, TrainCommandTest.concat(normalBench, "--baselines", hps.toString(),
                "--epochs", "1", "--out", normal.toString())), plotted.toString());
        assertTrue(Files.size(normal.resolve("positions.png")) > 1000, plotted.toString());
        assertTrue(Files.readString(normal.resolve("results.md")).contains("Single-task baselines read from " + hps
                + " (model mlp)"));

        String[][] refusals = {
            {"--epochs", "2"},
            {"--epochs", "1", "--lr", "0.01"}};
        String[] expectedText = {"is not a run finished after 2 epochs (1 epochs)", "(--lr 0.001 there, 0.01 here)"};
        for (int k = 0; k < refusals.length; k++) {
            StringWriter refused = new StringWriter();
            assertEquals(2, TrainCommandTest.run(refused, TrainCommandTest.concat(TrainCommandTest.concat(borrow, refusals[k]),
                    "--out", dir.resolve("other" + k).toString())), refused.toString());
            assertTrue(refused.toString().contains("--baselines") && refused.toString().contains(expectedText[k]),
                    refused.toString());
            assertEquals(1, refused.toString().strip().lines().count(), "one sentence: " + refused);
        }
        StringWriter missing = new StringWriter();
        assertEquals(2, TrainCommandTest.run(missing, TrainCommandTest.concat(normalBench, "--epochs", "1", "--baselines",
                dir.resolve("nowhere").toString(), "--out", dir.resolve("other").toString())), missing.toString());
        assertTrue(missing.toString().contains("holds no single-task run"), missing.toString());
        assertEquals(new String(baselineBefore), Files.readString(hps.resolve("single-task-1/seed-0/result.json")));
    }

    @Test
    void aRerunWithOtherSettingsIsRefusedNamingTheSetting() throws IOException {
        Path mnist = TrainCommandTest.fakeMnist(dir, 64, 20);
        Path out = dir.resolve("bench");
        String[] common = {"bench", "--dataset", "multi-mnist", "--model", "mlp", "--methods", "mean", "--seeds", "1",
            "--mnist-dir", mnist.toString(), "--cache-dir", dir.resolve("cache").toString(), "--out", out.toString()};
        StringWriter err = new StringWriter();
        assertEquals(0, TrainCommandTest.run(err, TrainCommandTest.concat(common, "--epochs", "2", "--batch-size", "32")),
                err.toString());
        String results = Files.readString(out.resolve("results.md"));
        String[][] reruns = {
            {"--lr", "0.01", "--epochs", "2", "--batch-size", "32"},
            {"--epochs", "2", "--batch-size", "16"},
            {"--epochs", "2", "--batch-size", "32", "--train-limit", "32"},
            {"--epochs", "1", "--batch-size", "32"}};
        String[] expected = {"(--lr 0.001 there, 0.01 here)", "(--batch-size 32 there, 16 here)",
            "(--train-limit 0 there, 32 here)", "was trained for 2 epochs, more than --epochs 1"};
        for (int k = 0; k < reruns.length; k++) {
            StringWriter refused = new StringWriter();
            assertEquals(2, TrainCommandTest.run(refused, TrainCommandTest.concat(common, reruns[k])), refused.toString());
            assertTrue(refused.toString().contains(expected[k]), "expected '" + expected[k] + "' in: " + refused);
            assertEquals(1, refused.toString().strip().lines().count(), "one sentence: " + refused);
            assertFalse(refused.toString().contains("skipped"), refused.toString());
        }
        assertEquals(results, Files.readString(out.resolve("results.md")), "a refused rerun must not rewrite the table");
        StringWriter dataset = new StringWriter();
        assertEquals(2, TrainCommandTest.run(dataset, "bench", "--dataset", "multi-fashion", "--model", "mlp", "--methods",
                "mean", "--seeds", "1", "--epochs", "2", "--batch-size", "32", "--out", out.toString()));
        assertTrue(dataset.toString().contains("(--dataset multi-mnist there, multi-fashion here)"), dataset.toString());
    }

    @Test
    void everyRunsOptionsAreCheckedBeforeAnythingTrains() {
        String[] common = {"bench", "--dataset", "multi-mnist", "--seeds", "1", "--mnist-dir", dir.resolve("none").toString(),
            "--out", dir.resolve("bench").toString()};
        String[][] bad = {{"--methods", "mean", "--threads", "10000"}, {"--methods", "mean", "--train-limit", "-5"},
            {"--methods", "mean", "--epochs", "-1"}, {"--methods", "mean", "--batch-size", "0"},
            {"--methods", "mean,camoo"}};
        String[] expected = {"--threads must be 0 (PyTorch's default) or in 1..", "--train-limit must be >= 0",
            "--epochs must be >= 1, got -1", "--batch-size must be >= 1, got 0", "bench: --methods camoo: camoo needs curvature"};
        for (int k = 0; k < bad.length; k++) {
            StringWriter err = new StringWriter();
            assertEquals(2, TrainCommandTest.run(err, TrainCommandTest.concat(common, bad[k])), err.toString());
            assertTrue(err.toString().contains(expected[k]), "expected '" + expected[k] + "' in: " + err);
            assertFalse(err.toString().contains("seed 0"), "trained before checking: " + err);
        }
        assertFalse(Files.exists(dir.resolve("bench")), "nothing may be written before the options are checked");
    }

    @Test
    void deltaMFollowsLibMtl() {
        assertEquals(0, BenchStudy.deltaM(new double[] {0.9, 0.8}, new double[] {0.9, 0.8}), 1e-12);
        // +10% on task 0, -5% on task 1: mean +2.5%
        assertEquals(2.5, BenchStudy.deltaM(new double[] {0.88, 0.76}, new double[] {0.8, 0.8}), 1e-9);
        Statistics stats = Statistics.of(new double[] {1, 2, 3});
        assertEquals(2, stats.mean(), 1e-12);
        assertEquals(1, stats.std(), 1e-12);
    }
}
