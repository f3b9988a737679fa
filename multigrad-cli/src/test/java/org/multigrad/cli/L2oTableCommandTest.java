package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code multigrad l2o table}, end to end on random digits: the table, its reuse of finished runs, bad options. */
class L2oTableCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsEveryCellWritesTheTableAndReusesFinishedRuns() throws IOException {
        Path mnist = TrainCommandTest.fakeMnist(dir, 96, 32);
        Path weights = dir.resolve("ml2o.json");
        StringWriter init = new StringWriter();
        assertEquals(0, TrainCommandTest.run(init, "l2o", "init", "--hidden", "3", "--layers", "1", "--out", weights.toString()),
                init.toString());
        Path out = dir.resolve("table");
        String[] args = {"l2o", "table", "--l2o", weights.toString(), "--dataset", "multi-mnist", "--models", "cnn1",
            "--steps", "3", "--seeds", "0..1", "--optimizers", "sgd,mgda,gml2o", "--batch-size", "8", "--mnist-dir",
            mnist.toString(), "--cache-dir", dir.resolve("cache").toString(), "--threads", "1", "--out", out.toString(),
            "--quiet"};
        StringWriter err = new StringWriter();
        assertEquals(0, TrainCommandTest.run(err, args), err.toString());
        List<String> csv = Files.readAllLines(out.resolve("table.csv"));
        // 3 rows x 2 tasks, each over 2 seeds
        assertEquals(1 + 3 * 2, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(1).startsWith("cnn1,3,sgd,1,2,"), csv.get(1));
        String gml2o = csv.stream().filter(line -> line.startsWith("cnn1,3,gml2o,1,")).findFirst().orElseThrow();
        double acceptance = Double.parseDouble(gml2o.split(",")[11]);
        assertTrue(acceptance >= 0 && acceptance <= 1, gml2o);
        assertTrue(Files.isRegularFile(out.resolve("table.md")));
        assertTrue(Files.isRegularFile(out.resolve("cnn1-k3-loss.png")));
        for (String row : List.of("sgd", "mgda", "gml2o")) {
            for (int seed = 0; seed < 2; seed++) {
                assertTrue(Files.isRegularFile(out.resolve("cnn1/k3/" + row + "/seed-" + seed + "/result.json")), row + " " + seed);
            }
        }
        long modified = Files.getLastModifiedTime(out.resolve("cnn1/k3/mgda/seed-1/checkpoint.bin")).toMillis();
        StringWriter again = new StringWriter();
        assertEquals(0, TrainCommandTest.run(again, args), again.toString());
        assertEquals(csv, Files.readAllLines(out.resolve("table.csv")));
        assertEquals(modified, Files.getLastModifiedTime(out.resolve("cnn1/k3/mgda/seed-1/checkpoint.bin")).toMillis(),
                "a finished run was trained again");
    }

    @Test
    void badOptionsGiveOneSentenceAndExitTwo() throws IOException {
        String[][] cases = {
            {"--optimizers", "lion"},
            {"--optimizers", "ml2o"},
            {"--models", "normal-lenet", "--optimizers", "sgd"},
            {"--steps", "0", "--optimizers", "sgd"},
        };
        String[] expected = {"unknown row 'lion'", "need an ML2O weights file", "not a model the learned optimizers train",
            "--steps must be >= 1"};
        for (int c = 0; c < cases.length; c++) {
            StringWriter err = new StringWriter();
            assertEquals(2, TrainCommandTest.run(err, TrainCommandTest.concat(new String[] {"l2o", "table", "--out",
                dir.resolve("bad" + c).toString()}, cases[c])), err.toString());
            assertTrue(err.toString().contains(expected[c]), err.toString());
        }
    }
}
