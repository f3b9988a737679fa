package org.multigrad.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: a run writes metrics.csv and result.json; bad input ends with one sentence and exit 2. */
class MainTest {
    @TempDir
    static Path shared;
    private static Path table;

    @BeforeAll
    static void data() throws Exception {
        LocalSpark.session();
        table = shared.resolve("groups.csv");
        List<String> lines = new ArrayList<>(List.of("f1,f2,group,label"));
        for (int r = 0; r < 30; r++) {
            lines.add((r % 7) * 0.1 + "," + (r % 5 - 2) * 0.3 + "," + (r % 2 == 0 ? "a" : "b") + "," + (r % 3));
        }
        Files.write(table, lines);
        Files.write(shared.resolve("words.csv"), List.of("f1,color,label", "1.0,red,0", "2.0,blue,1"));
    }

    record Outcome(int status, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--master", LocalSpark.MASTER));
        all.addAll(Arrays.asList(args));
        int status = Main.execute(all.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(status, out.toString(), err.toString());
    }

    @Test
    void aRunWritesMetricsAndResult(@TempDir Path directory) throws Exception {
        Outcome outcome = run("--data", "synthetic-logistic:rows=120,features=4,classes=3", "--objectives", "per-label",
                "--method", "mgda", "--iterations", "5", "--partitions", "3", "--checkpoint-every", "2",
                "--out", directory.toString());
        assertEquals(0, outcome.status(), outcome.err());
        List<String> metrics = Files.readAllLines(directory.resolve(SparkOutput.METRICS));
        assertEquals("seed,step,f1,f2,f3,w1,w2,w3,rows,job_seconds,aggregation_seconds,step_seconds", metrics.get(0));
        assertEquals(6, metrics.size());
        String result = Files.readString(directory.resolve(SparkOutput.RESULT));
        assertTrue(result.contains("\"worst_train_loss\""), result);
        assertTrue(result.contains("\"name\" : \"class 2\""), result);
        assertTrue(Files.exists(directory.resolve(DescentCheckpoint.FILE)));
        assertTrue(Files.size(directory.resolve("losses.png")) > 0 && Files.size(directory.resolve("weights.png")) > 0);
        assertTrue(outcome.out().contains("5 iterations, 120 rows in 3 partitions"), outcome.out());
    }

    @Test
    void csvGroupsAndLinearRegression(@TempDir Path directory) {
        Outcome logistic = run("--data", table.toString(), "--objectives", "per-group:group", "--method", "nash-mtl",
                "--iterations", "4", "--partitions", "2", "--out", directory.resolve("logistic").toString());
        assertEquals(0, logistic.status(), logistic.err());
        Outcome linear = run("--data", table.toString(), "--model", "linear", "--objectives", "per-group:group",
                "--groups", "b,a", "--iterations", "4", "--out", directory.resolve("linear").toString());
        assertEquals(0, linear.status(), linear.err());
        Outcome chosen = run("--data", shared.resolve("words.csv").toString(), "--objectives", "per-label", "--features",
                "f1", "--iterations", "2", "--out", directory.resolve("chosen").toString());
        assertEquals(0, chosen.status(), chosen.err());
        Outcome mlp = run("--data", "synthetic-logistic:rows=60,features=3,classes=3", "--model", "mlp", "--hidden", "3", "--objectives", "per-label",
                "--method", "cr-mogm(mgda)", "--iterations", "4", "--out", directory.resolve("mlp").toString());
        assertEquals(0, mlp.status(), mlp.err());
    }

    @Test
    void badInputEndsWithOneSentenceAndStatusTwo(@TempDir Path directory) throws Exception {
        String out = directory.resolve("run").toString();
        String synthetic = "synthetic-logistic:rows=40,features=3,classes=2";
        expectError("--objectives", "--data", synthetic, "--out", out);
        expectError("--objectives is empty", "--data", synthetic, "--objectives", "", "--out", out);
        expectError("unknown column 'nope'", "--data", table.toString(), "--objectives", "per-group:nope", "--out", out);
        expectError("unknown column 'target'", "--data", table.toString(), "--label", "target", "--objectives",
                "per-label", "--out", out);
        expectError("--features size: unknown column 'size'", "--data", shared.resolve("words.csv").toString(),
                "--objectives", "per-label", "--features", "f1,size", "--out", out);
        expectError("--features names columns of a CSV or Parquet table", "--data", synthetic, "--objectives",
                "per-label", "--features", "f1", "--out", out);
        expectError("feature column 'color' is not numeric (string)", "--data", shared.resolve("words.csv").toString(),
                "--objectives", "per-label", "--out", out);
        expectError("--partitions must be >= 1, got 0", "--data", synthetic, "--objectives", "per-label",
                "--partitions", "0", "--out", out);
        expectError("--lr must be a finite number > 0, got 0.0", "--data", synthetic, "--objectives", "per-label",
                "--lr", "0", "--out", out);
        expectError("--lr must be a finite number > 0, got -1.0", "--data", synthetic, "--objectives", "per-label",
                "--lr", "-1", "--out", out);
        expectError("--batch-fraction must be in (0, 1], got 0.0", "--data", synthetic, "--objectives", "per-label",
                "--batch-fraction", "0", "--out", out);
        expectError("--batch-fraction must be in (0, 1], got 1.5", "--data", synthetic, "--objectives", "per-label",
                "--batch-fraction", "1.5", "--out", out);
        expectError("group 'c' is absent from column 'group'", "--data", table.toString(), "--objectives",
                "per-group:group", "--groups", "a,b,c", "--out", out);
        expectError("--hidden must be >= 1, got 0", "--data", synthetic, "--objectives", "per-label", "--model", "mlp",
                "--hidden", "0", "--out", out);
        expectError("--model mlp has one head per label", "--data", table.toString(), "--objectives", "per-group:group",
                "--model", "mlp", "--out", out);
        expectError("unknown method", "--data", synthetic, "--objectives", "per-label", "--method", "no-such-method",
                "--out", out);
        expectError("no such file", "--data", directory.resolve("missing.csv").toString(), "--objectives", "per-label",
                "--out", out);
        expectError("--resume: there is no checkpoint.bin", "--data", synthetic, "--objectives", "per-label",
                "--resume", "--out", out);
        Outcome first = run("--data", synthetic, "--objectives", "per-label", "--iterations", "2", "--out", out);
        assertEquals(0, first.status(), first.err());
        expectError("holds an earlier run: give --resume to continue it or --force", "--data", synthetic, "--objectives",
                "per-label", "--iterations", "2", "--out", out);
        expectError("has n = 8 parameters, this run's model has n = 10", "--data",
                "synthetic-logistic:rows=40,features=4,classes=2", "--objectives", "per-label", "--iterations", "4",
                "--resume", "--out", out);
        expectError("written with method mgda, this run has mean", "--data", synthetic, "--objectives", "per-label",
                "--method", "mean", "--iterations", "4", "--resume", "--out", out);
    }

    @Test
    void forceStartsOverAndTheFaultHookRetries(@TempDir Path directory) {
        String synthetic = "synthetic-logistic:rows=40,features=3,classes=2";
        String out = directory.toString();
        assertEquals(0, run("--data", synthetic, "--objectives", "per-label", "--iterations", "3", "--out", out).status());
        Outcome again = run("--data", synthetic, "--objectives", "per-label", "--iterations", "2", "--partitions", "2",
                "--fail-first-attempt", "2:1", "--force", "--out", out);
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().contains("2 iterations, 40 rows in 2 partitions"), again.out());
    }

    private static void expectError(String expected, String... args) {
        Outcome outcome = run(args);
        assertEquals(2, outcome.status(), "exit status for " + Arrays.toString(args) + ": " + outcome.err());
        assertTrue(outcome.err().contains(expected), "expected '" + expected + "' in: " + outcome.err());
        assertTrue(outcome.err().strip().lines().count() <= 3, "one sentence, not a stack trace: " + outcome.err());
    }
}
