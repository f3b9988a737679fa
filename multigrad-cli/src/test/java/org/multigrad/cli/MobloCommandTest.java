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
import org.multigrad.experiment.TrajectoryRow;

/** {@code multigrad moblo synthetic}: Fig. A.1's runs, the shared files, and one-sentence errors. */
class MobloCommandTest {
    @TempDir
    Path dir;

    @Test
    void forumAndMomlFromTheThesisStartsInTheSharedSchema() throws Exception {
        Path out = dir.resolve("synthetic");
        CliRunner.Result result = CliRunner.run("", "moblo", "synthetic", "--iterations", "100", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("forum  (0, (0, 3))           100"), result.out());
        List<TrajectoryReader.Run> runs = TrajectoryReader.read(out.resolve("trajectory.csv"));
        assertEquals(6, runs.size());
        assertEquals(Map.of("method", "forum", "start", "1"), runs.get(0).ids());
        assertEquals(Map.of("method", "moml", "start", "3"), runs.get(5).ids());
        for (TrajectoryReader.Run run : runs.subList(0, 3)) {
            assertEquals(101, run.rows().size());
            TrajectoryRow last = run.rows().get(100);
            assertTrue(last.distance() < 3e-5, "FORUM's E after 100 iterations: " + last.distance());
            assertTrue(last.constraint() >= 0 && last.constraint() < 1e-9, "q = " + last.constraint());
            assertEquals(3, last.x().length);
            assertEquals(2, last.weights().length);
        }
        assertTrue(Double.isNaN(runs.get(0).rows().get(0).stationarity()), "the start has no step yet");
        List<OutputSchemaTest.MethodSummary> summary = OutputSchemaTest.SummaryReader.read(out.resolve("summary.json"));
        assertEquals(2, summary.size());
        assertEquals(3, summary.get(0).finals().get("distance").n());
        assertTrue(Files.size(out.resolve("distance.png")) > 1000);
    }

    @Test
    void parametersGoToTheirMethod() {
        Path out = dir.resolve("cold");
        CliRunner.Result result = CliRunner.run("", "moblo", "synthetic", "--methods", "moml", "--start", "1",
                "--iterations", "1000", "-p", "moml.warm-start=false", "--quiet", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        // without a warm start MOML's inner loop never reaches ω*(α): E stalls at 1.113e-2
        assertTrue(result.out().contains("moml   (0, (0, 3))          1000   1.113e-02"), result.out());
    }

    @Test
    void badInputIsOneSentence() {
        String[][] cases = {
            {"--start", "4", "--start 4 is not a thesis start"},
            {"--methods", "mgda", "unknown MOBLO method 'mgda'"},
            {"-p", "rho=0", "forum: parameter 'rho' must be in (0, 1000000], got 0"},
            {"-p", "moml.rho=1", "--param moml.rho: moml has no parameter rho"},
            {"--iterations", "0", "--iterations must be >= 1, got 0"},
        };
        for (String[] c : cases) {
            CliRunner.Result result = CliRunner.run("", "moblo", "synthetic", c[0], c[1], "--out",
                    dir.resolve("bad").toString());
            assertEquals(2, result.exitCode(), String.join(" ", c) + ": " + result.err());
            assertTrue(result.err().contains(c[2]), result.err());
            assertTrue(!result.err().contains("\tat "), "no stack trace: " + result.err());
        }
    }
}
