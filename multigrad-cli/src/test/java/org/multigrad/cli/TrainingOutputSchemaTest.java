package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multigrad.experiment.TrajectoryReader;
import org.multigrad.experiment.TrajectoryRow;

/**
 * {@code train}'s metrics.csv and {@code bench}'s summary.json read with the readers of solve's and
 * blackbox's files: metrics.csv as a trajectory of two runs (kind=train: a row per step with the
 * mini-batch losses as f1..fm and the weights; kind=test: a row per epoch with the test losses), the
 * summary with the final statistics of each method's test losses and accuracies.
 */
class TrainingOutputSchemaTest {
    @TempDir
    Path dir;

    @Test
    void trainAndBenchFilesReadWithTheSharedReaders() throws IOException {
        Path mnist = TrainCommandTest.fakeMnist(dir, 64, 20);
        Path cache = dir.resolve("cache");
        Path bench = dir.resolve("bench");
        StringWriter err = new StringWriter();
        assertEquals(0, TrainCommandTest.run(err, "bench", "--dataset", "multi-mnist", "--model", "mlp", "--methods",
                "mean,mgda", "--seeds", "2", "--epochs", "2", "--batch-size", "32", "--mnist-dir", mnist.toString(),
                "--cache-dir", cache.toString(), "--quiet", "--no-plot", "--out", bench.toString()), err.toString());

        List<OutputSchemaTest.MethodSummary> methods = OutputSchemaTest.SummaryReader.read(bench.resolve("summary.json"));
        assertEquals(List.of("single-task-1", "single-task-2", "mean", "mgda"),
                methods.stream().map(method -> method.ids().get("method")).toList());
        ObjectMapper mapper = new ObjectMapper();
        for (OutputSchemaTest.MethodSummary method : methods) {
            String name = method.ids().get("method");
            assertEquals(2, method.runs());
            double lossSum = 0;
            double accuracySum = 0;
            for (int seed = 0; seed < 2; seed++) {
                Path run = bench.resolve(name).resolve("seed-" + seed);
                List<TrajectoryReader.Run> runs = TrajectoryReader.read(run.resolve("metrics.csv"));
                assertEquals(List.of("train", "test"), runs.stream().map(r -> r.ids().get("kind")).toList());
                TrajectoryReader.Run train = runs.get(0);
                TrajectoryReader.Run test = runs.get(1);
                assertEquals(seed, train.seed());
                assertEquals(4, train.rows().size(), "2 steps per epoch, 2 epochs");
                assertEquals(1, train.rows().get(0).step(), "steps count from 1");
                assertNotNull(train.rows().get(0).weights(), "a train row holds the step's weights");
                assertEquals(2, test.rows().size(), "one test row per epoch");
                TrajectoryRow last = test.rows().get(1);
                assertEquals(4, last.step());
                assertNull(last.weights(), "a test row holds no weights");
                // the summary's f1 is the last test row's f1; result.json numbers tasks from 1
                JsonNode result = mapper.readTree(run.resolve("result.json").toFile());
                assertEquals(1, result.get("tasks").get(0).get("task").asInt());
                assertEquals(result.get("tasks").get(0).get("test_loss").asDouble(), last.objectives()[0], 0);
                lossSum += last.objectives()[0];
                accuracySum += result.get("tasks").get(0).get("test_accuracy").asDouble();
            }
            assertEquals(lossSum / 2, method.finals().get("f1").mean(), 1e-12, name);
            assertEquals(accuracySum / 2, method.finals().get("accuracy1").mean(), 1e-12, name);
            assertEquals(2, method.finals().get("accuracy2").n());
            assertEquals(!name.startsWith("single-task"), method.finals().containsKey("delta_m"), name);
            if (method.finals().containsKey("delta_m")) {
                assertTrue(Double.isFinite(method.finals().get("delta_m").mean()), name);
            }
        }
    }
}
