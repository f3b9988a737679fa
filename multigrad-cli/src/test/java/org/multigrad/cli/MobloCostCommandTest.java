package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code multigrad moblo cost}: points measured in fresh JVMs, reused on a rerun, and one-sentence errors. */
class MobloCostCommandTest {
    @TempDir
    Path dir;

    @Test
    void measuresEachPointInItsOwnJvmAndReusesPointsOnARerun() throws Exception {
        Path out = dir.resolve("cost");
        String[] args = {"moblo", "cost", "--methods", "forum,moml", "--inner-steps", "2", "--extra-layers", "0",
            "--iterations", "1", "--datasets", "mnist", "--heap", "2g", "--quiet", "--out", out.toString()};
        CliRunner.Result result = CliRunner.run("", args);
        assertEquals(0, result.exitCode(), result.err());
        List<String> rows = Files.readAllLines(out.resolve("cost.csv"));
        assertEquals(3, rows.size(), rows.toString());
        assertTrue(rows.get(0).startsWith("method,inner_steps,extra_layers,lower_dimension,"), rows.get(0));
        for (String row : rows.subList(1, 3)) {
            String[] cells = row.split(",");
            // 784-512-256 with one 256 -> 10 head: 401,920 + 131,328 + 2,570 parameters
            assertEquals("535818", cells[3], row);
            assertTrue(Double.parseDouble(cells[5]) > 0, "seconds per iteration: " + row);
            assertTrue(Double.parseDouble(cells[7]) > 100, "a JVM with PyTorch and the data peaks above 100 MiB: " + row);
        }
        assertTrue(Files.size(out.resolve("cost-time.png")) > 1000);
        byte[] forum = Files.readAllBytes(out.resolve("points").resolve("forum-T2-L0.json"));

        CliRunner.Result again = CliRunner.run("", args);
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(rows, Files.readAllLines(out.resolve("cost.csv")), "a rerun reuses the measured points");
        assertTrue(java.util.Arrays.equals(forum, Files.readAllBytes(out.resolve("points").resolve("forum-T2-L0.json"))));

        CliRunner.Result other = CliRunner.run("", "moblo", "cost", "--methods", "forum", "--inner-steps", "2",
                "--extra-layers", "0", "--iterations", "2", "--datasets", "mnist", "--quiet", "--out", out.toString());
        assertEquals(2, other.exitCode(), other.err());
        assertTrue(other.err().contains("was measured under other settings"), other.err());
    }

    @Test
    void badInputIsOneSentence() {
        String[][] cases = {
            {"--methods", "none", "the cost study compares forum and moml, got 'none'"},
            {"--inner-steps", "0", "--inner-steps: give values T >= 1, got [0]"},
            {"--extra-layers", "-1", "--extra-layers: give values >= 0, got [-1]"},
            {"--heap", "lots", "--heap must be a size such as 16g or 4096m, got 'lots'"},
            {"-p", "inner-steps=3", "T is the study's grid; give it with --inner-steps"},
            {"-p", "forum.rho=0", "forum: parameter 'rho' must be in (0, 1000000], got 0"},
            {"--iterations", "0", "--iterations must be >= 1, got 0"},
        };
        for (String[] c : cases) {
            CliRunner.Result result = CliRunner.run("", "moblo", "cost", c[0], c[1], "--out", dir.resolve("bad").toString());
            assertEquals(2, result.exitCode(), String.join(" ", c) + ": " + result.err());
            assertTrue(result.err().contains(c[2]), "expected '" + c[2] + "' in: " + result.err());
            assertEquals(1, result.err().strip().lines().count(), "one sentence: " + result.err());
        }
        assertTrue(!Files.exists(dir.resolve("bad").resolve("cost.csv")));
    }
}
