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
        JsonNode single0 = mapper.readTree(out.resolve("single-task-0/seed-0/result.json").toFile());
        JsonNode single1 = mapper.readTree(out.resolve("single-task-1/seed-0/result.json").toFile());
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
        assertTrue(csv.get(0).startsWith("method,runs,accuracy_0_mean,accuracy_0_std,accuracy_1_mean"), csv.get(0));
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
    void deltaMFollowsLibMtl() {
        assertEquals(0, BenchCommand.deltaM(new double[] {0.9, 0.8}, new double[] {0.9, 0.8}), 1e-12);
        // +10% on task 0, -5% on task 1: mean +2.5%
        assertEquals(2.5, BenchCommand.deltaM(new double[] {0.88, 0.76}, new double[] {0.8, 0.8}), 1e-9);
        double[] stats = BenchCommand.meanStd(new double[] {1, 2, 3});
        assertEquals(2, stats[0], 1e-12);
        assertEquals(1, stats[1], 1e-12);
    }
}
