package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
    @TempDir
    Path dir;

    /** A standard MNIST directory of {@code train}/{@code test} random digits (IDX, gzipped). */
    static Path fakeMnist(Path dir, int train, int test) throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        Random random = new Random(1);
        for (String[] split : new String[][] {{"train", String.valueOf(train)}, {"t10k", String.valueOf(test)}}) {
            int count = Integer.parseInt(split[1]);
            byte[] pixels = new byte[count * 784];
            random.nextBytes(pixels);
            try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(
                    Files.newOutputStream(mnist.resolve(split[0] + "-images-idx3-ubyte.gz"))))) {
                out.writeInt(2051);
                out.writeInt(count);
                out.writeInt(28);
                out.writeInt(28);
                out.write(pixels);
            }
            try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(
                    Files.newOutputStream(mnist.resolve(split[0] + "-labels-idx1-ubyte.gz"))))) {
                out.writeInt(2049);
                out.writeInt(count);
                for (int i = 0; i < count; i++) {
                    out.writeByte(random.nextInt(10));
                }
            }
        }
        return mnist;
    }

    static int run(StringWriter err, String... args) {
        CommandLine commandLine = MultiGradCli.newCommandLine();
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        return commandLine.execute(args);
    }

    @Test
    void trainsWritesOutputsAndResumes() throws IOException {
        Path mnist = fakeMnist(dir, 96, 40);
        Path out = dir.resolve("run");
        String[] common = {"train", "--dataset", "multi-mnist", "--model", "mlp", "--method", "mgda", "--batch-size", "32",
            "--mnist-dir", mnist.toString(), "--cache-dir", dir.resolve("cache").toString(), "--out", out.toString(), "--quiet"};
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, concat(common, "--epochs", "1")), err.toString());
        for (String file : List.of("metrics.csv", "result.json", "config.json", "losses.png", "weights.png", "checkpoint.bin")) {
            assertTrue(Files.isRegularFile(out.resolve(file)), file + " missing; stderr: " + err);
        }
        StringWriter again = new StringWriter();
        assertEquals(2, run(again, concat(common, "--epochs", "2")));
        assertTrue(again.toString().contains("pass --resume"), again.toString());

        StringWriter resumed = new StringWriter();
        assertEquals(0, run(resumed, concat(common, "--epochs", "2", "--resume")), resumed.toString());
        assertTrue(resumed.toString().contains("resumed from"), resumed.toString());
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertEquals(2, result.get("epochs").asInt());
        assertEquals(6, result.get("steps").asInt());
        assertEquals(2, result.get("tasks").size());
        double accuracy = result.get("tasks").get(0).get("test_accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1);
        assertTrue(result.get("time_per_step_ms").get("total").asDouble() > 0);
        assertEquals("parameters", result.get("step_mode").asText());
        assertTrue(result.get("tasks").get(0).get("train_loss") == null, "the training split is evaluated only with --eval-train");
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("kind,seed,step,epoch,f1,f2,accuracy1,accuracy2,w1,w2", metrics.get(0));
        assertEquals(1 + 6 + 2, metrics.size(), "6 step rows and 2 test rows: " + metrics);
    }

    @Test
    void bilevelTaskWeightingsTrainOnAHeldOutValidationSplitAndResume() throws IOException {
        Path mnist = fakeMnist(dir, 120, 40);
        for (String method : List.of("forum", "moml")) {
            Path out = dir.resolve(method);
            String[] common = {"train", "--dataset", "multi-mnist", "--model", "mlp", "--method", method, "--batch-size", "16",
                "--val-split", "0.2", "-p", "weight-lr=0.05", "--mnist-dir", mnist.toString(), "--cache-dir",
                dir.resolve("cache").toString(), "--out", out.toString(), "--quiet"};
            StringWriter err = new StringWriter();
            assertEquals(0, run(err, concat(common, "--epochs", "1")), err.toString());
            JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
            assertEquals(0.2, config.get("validation_split").asDouble());
            int validation = config.get("validation_images").asInt();
            int train = config.get("train_images").asInt();
            assertEquals((int) Math.floor(0.2 * (train + validation)), validation, config.toString());
            StringWriter resumed = new StringWriter();
            assertEquals(0, run(resumed, concat(common, "--epochs", "2", "--resume")), resumed.toString());
            List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
            assertEquals("kind,seed,step,epoch,f1,f2,accuracy1,accuracy2,w1,w2", metrics.get(0));
            String[] first = metrics.get(1).split(",");
            String[] last = metrics.stream().filter(line -> line.startsWith("train,")).reduce((a, b) -> b).orElseThrow().split(",");
            if (method.equals("forum")) {
                // forum reports the weights its step used; moml those after its step on theta
                assertEquals("0.5", first[8], method + " starts from uniform weights: " + metrics.get(1));
            }
            assertTrue(Double.parseDouble(last[8]) != 0.5, method + ": the weights must move: " + String.join(",", last));
            assertEquals(1.0, Double.parseDouble(last[8]) + Double.parseDouble(last[9]), 1e-9);
            StringWriter other = new StringWriter();
            String[] otherSplit = common.clone();
            otherSplit[java.util.Arrays.asList(common).indexOf("0.2")] = "0.3";
            assertEquals(2, run(other, concat(otherSplit, "--epochs", "3", "--resume")));
            assertTrue(other.toString().contains("--val-split 0.2 there, 0.3 here"), other.toString());
        }
    }

    @Test
    void normalModelsWritePositionsAndResume() throws IOException {
        Path mnist = fakeMnist(dir, 96, 40);
        Path out = dir.resolve("normal");
        String[] common = {"train", "--dataset", "multi-mnist", "--model", "normal-mlp", "--method", "mgda", "--batch-size", "32",
            "-p", "position-lr=0.01", "--mnist-dir", mnist.toString(), "--cache-dir", dir.resolve("cache").toString(), "--out",
            out.toString(), "--quiet"};
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, concat(common, "--epochs", "1")), err.toString());
        StringWriter resumed = new StringWriter();
        assertEquals(0, run(resumed, concat(common, "--epochs", "2", "--resume")), resumed.toString());
        List<String> positions = Files.readAllLines(out.resolve("positions.csv"));
        assertEquals("seed,step,epoch,p1,p2", positions.get(0));
        assertEquals(1 + 6, positions.size(), "one row per step over both epochs: " + positions);
        assertTrue(Files.size(out.resolve("positions.png")) > 1000);
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        String[] last = positions.get(6).split(",");
        assertEquals(Double.parseDouble(last[3]), result.get("positions").get(0).asDouble(), 1e-15);
        assertTrue(Double.parseDouble(last[3]) != 1.0, "learned positions move from 1");
        JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertEquals("0.01", config.get("model_params").get("position-lr").asText());
        // trunk 784-50-50-50-50 (46,900) + block 4d^2 + 5d + 1 (10,251); heads 50-50-10 (3,060 each)
        assertEquals(57_151, config.get("shared_parameters").asInt(), config.toString());
        assertEquals(57_151 + 2 * 3_060, config.get("parameters").asLong(), config.toString());

        StringWriter bad = new StringWriter();
        assertEquals(2, run(bad, "train", "--dataset", "multi-mnist", "--model", "normal-lenet", "-p", "ode=third-order", "--out",
                dir.resolve("bad").toString()));
        assertTrue(bad.toString().contains("-p ode must be heavy-ball or first-order, got 'third-order'"), bad.toString());
        StringWriter plain = new StringWriter();
        assertEquals(2, run(plain, "train", "--dataset", "multi-mnist", "--model", "lenet", "-p", "ode-step=0.1", "--out",
                dir.resolve("bad").toString()));
        assertTrue(plain.toString().contains("ode-step"), plain.toString());
    }

    /**
     * A run killed while writing (a torn last row in metrics.csv and positions.csv, after its last
     * checkpoint) and stopped by its step budget inside an epoch resumes to the same rows as a run
     * that was never interrupted: nothing lost, nothing doubled, no truncated value kept.
     */
    @Test
    void aRunKilledMidRowResumesToTheRowsOfAnUninterruptedRun() throws IOException {
        Path mnist = fakeMnist(dir, 96, 40);
        String[] common = {"train", "--dataset", "multi-mnist", "--model", "normal-mlp", "--method", "mean", "--batch-size",
            "32", "--mnist-dir", mnist.toString(), "--cache-dir", dir.resolve("cache").toString(), "--quiet", "--no-plot"};
        Path straight = dir.resolve("straight");
        Path killed = dir.resolve("killed");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, concat(common, "--steps", "6", "--out", straight.toString())), err.toString());
        assertEquals(0, run(err, concat(common, "--steps", "4", "--out", killed.toString())), err.toString());
        // the killed process had written step 5's rows in part
        Files.writeString(killed.resolve("metrics.csv"), "train,0,5,1,2.30", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(killed.resolve("positions.csv"), "0,5,1,0.99", java.nio.file.StandardOpenOption.APPEND);
        StringWriter resumed = new StringWriter();
        assertEquals(0, run(resumed, concat(common, "--steps", "6", "--resume", "--out", killed.toString())), resumed.toString());
        assertEquals(Files.readAllLines(straight.resolve("positions.csv")), Files.readAllLines(killed.resolve("positions.csv")));
        assertEquals(trainRows(straight), trainRows(killed));
        assertEquals(7, Files.readAllLines(killed.resolve("positions.csv")).size(), "header and steps 1..6");
    }

    private static List<String> trainRows(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.csv")).stream().filter(line -> !line.startsWith("test,")).toList();
    }

    @Test
    void bilevelTaskWeightingsRejectBadSettingsInOneSentence() {
        String[] common = {"train", "--dataset", "multi-mnist", "--mnist-dir", dir.resolve("none").toString(), "--out",
            dir.resolve("run").toString()};
        String[][] bad = {{"--method", "forum", "--val-split", "1.5"}, {"--method", "moml", "-p", "inner-steps=5"},
            {"--method", "forum", "-p", "rho=-1"}, {"--method", "forum", "--smooth", "corollary1"},
            {"--method", "forum", "-p", "beta=2"}};
        String[] expected = {"train: --val-split must be in (0, 1), got 1.5", "inner-steps", "rho",
            "forum learns its weights by bi-level optimisation and cannot be smoothed", "beta"};
        for (int k = 0; k < bad.length; k++) {
            StringWriter err = new StringWriter();
            assertEquals(2, run(err, concat(common, bad[k])), err.toString());
            assertTrue(err.toString().contains(expected[k]), "expected '" + expected[k] + "' in: " + err);
            assertEquals(1, err.toString().strip().lines().count(), "one sentence: " + err);
        }
        assertFalse(Files.exists(dir.resolve("run")), "nothing may be written before the options are checked");
    }

    @Test
    void theSameCommandTwiceWritesTheSameMetrics() throws IOException {
        Path mnist = fakeMnist(dir, 96, 40);
        List<byte[]> metrics = new ArrayList<>();
        for (String name : List.of("first", "second")) {
            StringWriter err = new StringWriter();
            assertEquals(0, run(err, "train", "--dataset", "multi-mnist", "--model", "lenet", "--method", "mgda", "--batch-size", "16",
                    "--epochs", "2", "--mnist-dir", mnist.toString(), "--cache-dir", dir.resolve("cache").toString(), "--out",
                    dir.resolve(name).toString(), "--quiet"), err.toString());
            metrics.add(Files.readAllBytes(dir.resolve(name).resolve("metrics.csv")));
        }
        assertTrue(metrics.get(0).length > 100);
        assertArrayEquals(metrics.get(0), metrics.get(1), "metrics.csv differs between two runs of the same command");
    }

    @Test
    void divergenceStopsWithTheStepTheTaskAndAHint() throws IOException {
        Path mnist = fakeMnist(dir, 96, 40);
        StringWriter err = new StringWriter();
        assertEquals(3, run(err, "train", "--dataset", "multi-mnist", "--model", "mlp", "--method", "mean", "--optimizer", "sgd",
                "--lr", "1e30", "--batch-size", "16", "--epochs", "1", "--mnist-dir", mnist.toString(), "--cache-dir",
                dir.resolve("cache").toString(), "--out", dir.resolve("diverged").toString(), "--quiet"));
        String message = err.toString();
        assertTrue(message.matches("(?s).*train: diverged at step [1-9][0-9]*: (loss|gradient) of task [12] is .*"), message);
        assertTrue(message.contains("try a smaller learning rate (--lr)"), message);
        assertFalse(message.contains("\tat "), "no stack trace: " + message);
    }

    @Test
    void evalTrainReportsTheTrainingSplitLoss() throws IOException {
        Path mnist = fakeMnist(dir, 64, 20);
        Path out = dir.resolve("eval-train");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "train", "--dataset", "multi-mnist", "--model", "mlp", "--method", "mean", "--batch-size", "16",
                "--epochs", "1", "--eval-train", "--mnist-dir", mnist.toString(), "--cache-dir", dir.resolve("cache").toString(),
                "--out", out.toString(), "--quiet"), err.toString());
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertEquals("parameters", result.get("mode").asText());
        assertEquals("representation", result.get("step_mode").asText(), "mean reads no gradients: one trunk backward");
        for (JsonNode task : result.get("tasks")) {
            double loss = task.get("train_loss").asDouble();
            // 10 random classes: the cross-entropy of a barely trained model is near ln 10
            assertTrue(loss > 1 && loss < 4, "train_loss " + loss);
            double accuracy = task.get("train_accuracy").asDouble();
            assertTrue(accuracy >= 0 && accuracy <= 1, "train_accuracy " + accuracy);
        }
        assertTrue(err.toString().contains("training split: loss"), err.toString());
    }

    @Test
    void smoothWrapsTheMethodInCrMogm() throws IOException {
        Path mnist = fakeMnist(dir, 64, 20);
        Path out = dir.resolve("smooth");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "train", "--dataset", "multi-mnist", "--model", "mlp", "--method", "famo", "--smooth", "average",
                "--batch-size", "32", "--epochs", "1", "--mnist-dir", mnist.toString(), "--cache-dir", dir.resolve("cache").toString(),
                "--out", out.toString(), "--quiet"), err.toString());
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertEquals("cr-mogm(famo)", result.get("method").asText());
        assertEquals("average", result.get("params").get("schedule").asText());
        assertTrue(result.get("time_per_step_ms").get("after_step_hook").asDouble() > 0, "famo's extra forward pass is timed");
        StringWriter bad = new StringWriter();
        assertEquals(2, run(bad, "train", "--dataset", "multi-mnist", "--method", "mgda", "--smooth", "sometimes",
                "--out", dir.resolve("bad").toString()));
        assertTrue(bad.toString().contains("schedule"), bad.toString());
    }

    @Test
    void rejectsBadOptionsWithClearMessages() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "train", "--dataset", "multi-mnist", "--mode", "sideways", "--out", dir.toString()));
        assertTrue(err.toString().contains("--mode must be 'parameters' or 'representation'"), err.toString());
        StringWriter precision = new StringWriter();
        assertEquals(2, run(precision, "train", "--dataset", "multi-mnist", "--jacobian-precision", "half", "--out", dir.toString()));
        assertTrue(precision.toString().contains("--jacobian-precision must be 'float32' or 'double', got 'half'"),
                precision.toString());
        StringWriter method = new StringWriter();
        assertEquals(2, run(method, "train", "--dataset", "multi-mnist", "--method", "mgdaa", "--out", dir.toString()));
        assertTrue(method.toString().contains("did you mean 'mgda'"), method.toString());
        StringWriter resume = new StringWriter();
        assertEquals(2, run(resume, "train", "--dataset", "multi-mnist", "--resume", "--out", dir.resolve("none").toString()));
        assertTrue(resume.toString().contains("does not exist"), resume.toString());
    }

    @Test
    void everyOptionIsCheckedBeforePyTorchStartsOrDataLoads() {
        // a missing data directory: loading the data would fail with another message
        String[] common = {"train", "--dataset", "multi-mnist", "--mnist-dir", dir.resolve("none").toString(),
            "--out", dir.resolve("run").toString()};
        String cores = String.valueOf(Runtime.getRuntime().availableProcessors());
        String[][] bad = {{"--threads", "10000"}, {"--threads", "-3"}, {"--train-limit", "-5"}, {"--test-limit", "-1"},
            {"--epochs", "-1"}, {"--batch-size", "0"}, {"--lr", "-0.5"}, {"--method", "camoo"},
            {"--method", "camoo", "--smooth", "corollary1"}, {"--method", "dssmg"}};
        String[] expected = {"train: --threads must be 0 (PyTorch's default) or in 1.." + 4 * Integer.parseInt(cores)
            + " (4 x the " + cores + " available cores), got 10000", "got -3", "train: --train-limit must be >= 0 (0: all images), got -5",
            "train: --test-limit must be >= 0 (0: all images), got -1", "train: --epochs must be >= 1, got -1",
            "train: --batch-size must be >= 1, got 0", "train: --lr must be finite and > 0, got -0.5",
            "train: camoo needs curvature (Hessian information) at every step, which multi-task training does not compute",
            "cr-mogm(camoo) needs curvature",
            "train: dssmg needs a growing number of averaged samples per step, which multi-task training does not draw"};
        for (int k = 0; k < bad.length; k++) {
            StringWriter err = new StringWriter();
            assertEquals(2, run(err, concat(common, bad[k])), err.toString());
            assertTrue(err.toString().contains(expected[k]), "expected '" + expected[k] + "' in: " + err);
            assertEquals(1, err.toString().strip().lines().count(), "one sentence: " + err);
        }
        assertFalse(Files.exists(dir.resolve("run")), "nothing may be written before the options are checked");
    }

    @Test
    void resumeWithAnotherLearningRateNamesBothValues() throws IOException {
        Path mnist = fakeMnist(dir, 64, 20);
        Path out = dir.resolve("run");
        String[] common = {"train", "--dataset", "multi-mnist", "--model", "mlp", "--method", "mean", "--batch-size", "32",
            "--mnist-dir", mnist.toString(), "--cache-dir", dir.resolve("cache").toString(), "--out", out.toString(), "--quiet"};
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, concat(common, "--epochs", "1")), err.toString());
        StringWriter other = new StringWriter();
        assertEquals(2, run(other, concat(common, "--epochs", "2", "--resume", "--lr", "0.01")));
        assertEquals("train: " + out.resolve("checkpoint.bin") + " was written by another configuration (--lr 0.001 there,"
                + " 0.01 here): use the same options (only --epochs may change) or another --out", other.toString().strip());
        assertFalse(other.toString().contains("building/loading"), "the check must come before the data loads: " + other);
    }

    @Test
    void anOutThatIsAFileIsOneSentence() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "train", "--dataset", "multi-mnist", "--out", file.toString()));
        assertEquals("train: --out " + file + " is a file, not a directory", err.toString().strip());
    }

    @Test
    void oldSpellingsStillWorkWithOneNoteEach() throws IOException {
        Path mnist = fakeMnist(dir, 64, 20);
        Path out = dir.resolve("old");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "train", "--dataset", "multi-mnist", "--model", "mlp", "--method", "mean", "--batch", "32",
                "--epochs", "1", "--seed", "7", "--mnist-dir", mnist.toString(), "--cache-dir", dir.resolve("cache").toString(),
                "--out", out.toString(), "--no-progress", "--no-plots"), err.toString());
        for (String note : List.of("train: --batch is deprecated; use --batch-size", "train: --seed is deprecated; use --seeds 7..7",
            "train: --no-progress is deprecated; use --quiet", "train: --no-plots is deprecated; use --no-plot")) {
            assertTrue(err.toString().contains(note), "expected '" + note + "' in: " + err);
        }
        JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertEquals(7, config.get("seed").asInt());
        assertEquals(32, config.get("batch_size").asInt());
        assertFalse(Files.exists(out.resolve("losses.png")), "--no-plots");
        assertTrue(Files.readAllLines(out.resolve("metrics.csv")).get(1).startsWith("train,7,1,0,"));
    }

    @Test
    void oneMethodAndOneSeed() {
        String[][] bad = {{"--methods", "mean,mgda"}, {"--seeds", "3"}, {"--seeds", "1", "--seed", "2"}};
        String[] expected = {"train: --methods mean,mgda: train trains one method; use multigrad bench for several",
            "train: --seeds 3 names 3 seeds: train trains one (--seeds S..S for seed S)", "--seed and --seeds both given"};
        for (int k = 0; k < bad.length; k++) {
            StringWriter err = new StringWriter();
            assertEquals(2, run(err, concat(new String[] {"train", "--dataset", "multi-mnist", "--out",
                dir.resolve("none").toString()}, bad[k])), err.toString());
            assertTrue(err.toString().contains(expected[k]), "expected '" + expected[k] + "' in: " + err);
        }
        assertFalse(Files.exists(dir.resolve("none")));
    }

    static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
