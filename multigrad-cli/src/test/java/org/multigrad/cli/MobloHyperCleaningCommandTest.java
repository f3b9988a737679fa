package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multigrad.experiment.TrajectoryReader;

/** {@code multigrad moblo hyper-cleaning} on tiny splits: the table, the shared files, --resume, one-sentence errors. */
class MobloHyperCleaningCommandTest {
    @TempDir
    Path dir;

    private static String[] tiny(Path out, String iterations, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("moblo", "hyper-cleaning", "--datasets", "mnist", "--seeds",
                "1", "--iterations", iterations, "--inner-steps", "2", "--eval-every", "2", "--batch-size", "20",
                "--splits", "200,100,100,100", "--threads", "1", "--quiet", "--out", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void forumAndNoneWriteTheSharedFilesAndResumeToMoreIterations() throws Exception {
        Path out = dir.resolve("hc");
        CliRunner.Result result = CliRunner.run("", tiny(out, "2"));
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("forum  mnist              1"), result.out());
        assertTrue(result.out().contains("none   mnist              1"), result.out());
        List<TrajectoryReader.Run> runs = TrajectoryReader.read(out.resolve("trajectory.csv"));
        assertEquals(2, runs.size());
        assertEquals(Map.of("method", "forum"), runs.get(0).ids());
        assertEquals(1, runs.get(0).rows().size());
        assertTrue(Files.size(out.resolve("val1-loss.png")) > 1000);
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"test_macro_f1_mnist\""));

        CliRunner.Result refused = CliRunner.run("", tiny(out, "4", "--force"));
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("pass --resume"), refused.err());

        CliRunner.Result resumed = CliRunner.run("", tiny(out, "4", "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        runs = TrajectoryReader.read(out.resolve("trajectory.csv"));
        assertEquals(2, runs.get(0).rows().size());
        assertEquals(4, runs.get(0).rows().get(1).step());
    }

    @Test
    void badInputIsOneSentence() {
        String[][] cases = {
            {"--methods", "mocO", "unknown"},
            {"--splits", "5000,1000,1000,5000", "exceed the 10000 digits available"},
            {"--noise", "1", "--noise must be in [0, 1), got 1.0"},
            {"-p", "none.rho=1", "--param none.rho: none has no parameter rho"},
            {"--datasets", "cifar", "unknown dataset 'cifar'"},
            {"--fashion-dir", "/nonexistent", "apt-get install -y dataset-fashion-mnist"},
        };
        for (String[] c : cases) {
            String[] args = tiny(dir.resolve("bad"), "2");
            int given = List.of(args).indexOf(c[0]);
            if (given >= 0) {
                args[given + 1] = c[1];
            } else {
                args = tiny(dir.resolve("bad"), "2", c[0], c[1]);
            }
            if (c[0].equals("--fashion-dir")) {
                args[3] = "fashion-mnist";
            }
            CliRunner.Result result = CliRunner.run("", args);
            assertEquals(2, result.exitCode(), String.join(" ", c) + ": " + result.err());
            assertTrue(result.err().contains(c[2]), result.err());
            assertTrue(!result.err().contains("\tat "), "no stack trace: " + result.err());
        }
    }
}
