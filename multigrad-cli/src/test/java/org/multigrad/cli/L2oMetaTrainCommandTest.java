package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multigrad.l2o.Ml2oNetwork;
import org.multigrad.l2o.Ml2oWeightsFile;

class L2oMetaTrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesALoadableWeightsFileTheCurveAndThePlot() throws IOException {
        Path mnist = TrainCommandTest.fakeMnist(dir, 60, 20);
        Path out = dir.resolve("out");
        StringWriter err = new StringWriter();
        int code = TrainCommandTest.run(err, "l2o", "meta-train", "--steps", "8", "--unroll", "2", "--episode", "4",
                "--hidden", "2", "--layers", "1", "--learner-width", "3", "--batch-size", "4", "--scale", "1",
                "--mnist-dir", mnist.toString(), "--cache-dir", dir.resolve("cache").toString(), "--out", out.toString());
        assertEquals(0, code, err.toString());
        Ml2oNetwork theta = Ml2oWeightsFile.read(out.resolve("ml2o.json"));
        assertEquals(2, theta.objectives());
        assertEquals(2, theta.hidden());
        assertFalse(theta.sameAs(Ml2oNetwork.random(2, 2, 1, theta.preprocessing(), 1, 0)), "Θ moved from its initialisation");
        List<String> csv = Files.readAllLines(out.resolve("meta-loss.csv"));
        assertEquals("step,meta_loss,loss_1,loss_2", csv.get(0));
        assertEquals(5, csv.size());
        assertTrue(csv.get(4).startsWith("8,"));
        assertTrue(Files.size(out.resolve("meta-loss.png")) > 0);
    }

    /** 8 steps in one run, or 4 steps then --resume with --steps 8: the same weights file and curve. */
    @Test
    void resumeContinuesToTheSameWeights() throws IOException {
        Path mnist = TrainCommandTest.fakeMnist(dir, 60, 20);
        String[] common = {"l2o", "meta-train", "--unroll", "2", "--episode", "4", "--hidden", "2", "--layers", "1",
            "--learner-width", "3", "--batch-size", "4", "--scale", "1", "--mnist-dir", mnist.toString(),
            "--cache-dir", dir.resolve("cache").toString()};
        Path straight = dir.resolve("straight");
        Path split = dir.resolve("split");
        StringWriter err = new StringWriter();
        assertEquals(0, TrainCommandTest.run(err, concat(common, "--steps", "8", "--out", straight.toString())), err.toString());
        assertEquals(0, TrainCommandTest.run(err, concat(common, "--steps", "4", "--out", split.toString())), err.toString());
        assertEquals(0, TrainCommandTest.run(err, concat(common, "--steps", "8", "--resume", "--out", split.toString())),
                err.toString());
        assertEquals(Files.readString(straight.resolve("meta-loss.csv")), Files.readString(split.resolve("meta-loss.csv")));
        assertTrue(Ml2oWeightsFile.read(straight.resolve("ml2o.json")).sameAs(Ml2oWeightsFile.read(split.resolve("ml2o.json"))));
        StringWriter refused = new StringWriter();
        assertEquals(2, TrainCommandTest.run(refused, concat(common, "--steps", "8", "--lr", "0.1", "--resume", "--out",
                split.toString())));
        assertTrue(refused.toString().contains("--resume"), refused.toString());
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    @Test
    void badOptionsGiveOneSentenceAndExitTwo() {
        String[][] cases = {
            {"--steps", "30", "--unroll", "20"},
            {"--steps", "20", "--unroll", "0"},
            {"--steps", "20", "--lr", "0"},
            {"--steps", "20", "--meta-lr", "-1"},
            {"--steps", "20", "--model", "cnn9"},
            {"--steps", "20", "--preprocessing", "cube"},
        };
        String[] expected = {"--steps", "--unroll", "--lr", "--meta-lr", "--model", "preprocessing"};
        for (int c = 0; c < cases.length; c++) {
            StringWriter err = new StringWriter();
            String[] args = new String[cases[c].length + 4];
            args[0] = "l2o";
            args[1] = "meta-train";
            System.arraycopy(cases[c], 0, args, 2, cases[c].length);
            args[args.length - 2] = "--out";
            args[args.length - 1] = dir.resolve("bad" + c).toString();
            assertEquals(2, TrainCommandTest.run(err, args), err.toString());
            String message = err.toString().strip();
            assertEquals(1, message.lines().count(), message);
            assertTrue(message.contains(expected[c]), message);
            assertFalse(Files.exists(dir.resolve("bad" + c).resolve("ml2o.json")));
        }
    }
}
