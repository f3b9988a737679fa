package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BlackboxCommandTest {
    private record Outcome(int status, String out, String err) {
    }

    private static Outcome run(String... args) {
        CommandLine commandLine = MultiGradCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int status = commandLine.execute(args);
        return new Outcome(status, out.toString(), err.toString());
    }

    @Test
    void endToEndWritesTrajectorySummaryAndPlots(@TempDir Path dir) throws Exception {
        Outcome outcome = run("blackbox", "--problem", "asmg-l1-ellipsoid,asmg-ellipsoid-rastrigin",
                "--method", "asmg,es,cma-es", "--dim", "8", "--samples", "6,10", "--budget", "1200",
                "--seeds", "0,1", "--log-points", "20", "--out", dir.toString());
        assertEquals(0, outcome.status(), outcome.err());
        assertTrue(outcome.out().contains("asmg-l1-ellipsoid"), outcome.out());

        List<String> lines = Files.readAllLines(dir.resolve("trajectory.csv"));
        assertEquals("problem,method,dimension,samples,seed,step,evaluations,f1,f2,distance", lines.get(0));
        // 2 problems x 3 methods x 2 sample sizes x 2 seeds = 24 runs, each logs its start and more
        long starts = lines.stream().filter(line -> line.matches("[^,]+,[^,]+,8,\\d+,\\d+,0,0,.*")).count();
        assertEquals(24, starts);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            assertEquals(10, fields.length, line);
            assertTrue(Long.parseLong(fields[6]) <= 1200, line);
            assertTrue(Double.parseDouble(fields[9]) >= 0, line);
        }

        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals(24, summary.get("runs").size());
        assertEquals(12, summary.get("methods").size());
        assertEquals(8, summary.get("settings").get("dimension").asInt());
        for (JsonNode run : summary.get("runs")) {
            assertTrue(run.get("evaluations").asLong() <= 1200);
        }

        for (String problem : List.of("asmg-l1-ellipsoid", "asmg-ellipsoid-rastrigin")) {
            Path png = dir.resolve("distance-" + problem + ".png");
            byte[] bytes = Files.readAllBytes(png);
            assertTrue(bytes.length > 1000, png + " is too small");
            assertEquals((byte) 0x89, bytes[0]);
            assertEquals('P', bytes[1]);
        }
    }

    @Test
    void mergesEarlierOutputDirectories(@TempDir Path dir) throws Exception {
        String[] common = {"blackbox", "--problem", "asmg-l1-ellipsoid", "--dim", "4", "--budget", "300",
            "--seeds", "0..0", "--no-plot"};
        assertEquals(0, run(concat(common, "--method", "asmg", "--out", dir.resolve("a").toString())).status());
        assertEquals(0, run(concat(common, "--method", "es", "--samples", "6", "--out", dir.resolve("b").toString()))
                .status());
        Outcome merged = run("blackbox", "--x-axis", "iterations", "--from", dir.resolve("a") + "," + dir.resolve("b"), "--out",
                dir.resolve("m").toString());
        assertEquals(0, merged.status(), merged.err());
        List<String> a = Files.readAllLines(dir.resolve("a/trajectory.csv"));
        List<String> b = Files.readAllLines(dir.resolve("b/trajectory.csv"));
        List<String> m = Files.readAllLines(dir.resolve("m/trajectory.csv"));
        assertEquals(a.size() + b.size() - 1, m.size());
        assertEquals(a.get(a.size() - 1), m.get(a.size() - 1));
        assertTrue(Files.size(dir.resolve("m/distance-asmg-l1-ellipsoid.png")) > 1000);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("m/summary.json").toFile());
        assertEquals(2, summary.get("methods").size());
        Outcome missing = run("blackbox", "--from", dir.resolve("nothing").toString(), "--out", dir.toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("trajectory.csv does not exist"), missing.err());
    }

    @Test
    void sameSeedsGiveTheSameTrajectory(@TempDir Path dir) throws Exception {
        String[] args = {"blackbox", "--problem", "asmg-lhalf-ellipsoid", "--method", "asmg,asmg-ew", "--dim", "5",
            "--samples", "8", "--budget", "900", "--seeds", "3..3", "--no-plot"};
        assertEquals(0, run(concat(args, "--out", dir.resolve("a").toString())).status());
        assertEquals(0, run(concat(args, "--out", dir.resolve("b").toString())).status());
        assertEquals(Files.readAllLines(dir.resolve("a/trajectory.csv")), Files.readAllLines(dir.resolve("b/trajectory.csv")));
        assertTrue(!Files.exists(dir.resolve("a/distance-asmg-lhalf-ellipsoid.png")));
    }

    @Test
    void rejectsBadParametersWithClearMessages(@TempDir Path dir) {
        String out = dir.toString();
        assertRejected("unknown black-box method 'bes'", "--method", "asmg,bes", "--out", out);
        assertRejected("unknown problem 'zdt7' (did you mean 'zdt1'?)", "--problem", "zdt7", "--out", out);
        assertRejected("--problem mop5: its Pareto set is unknown, and blackbox measures the distance to it",
                "--problem", "mop5", "--out", out);
        assertRejected("--samples: N must be >= 2, got 1", "--samples", "1", "--out", out);
        assertRejected("--samples: es needs an even N (mirrored pairs), got 11", "--method", "es", "--samples", "11",
                "--out", out);
        assertRejected("--beta must be finite and > 0, got -0.1", "--beta", "-0.1", "--out", out);
        assertRejected("--dim must be >= 1, got 0", "--dim", "0", "--out", out);
        assertRejected("--budget 5 is smaller than one iteration (N + 1 = 11 evaluations)", "--budget", "5", "--out", out);
        assertRejected("--update must be 'standardized' or 'printed', got 'raw'", "--update", "raw", "--out", out);
        assertRejected("--x-axis must be 'evaluations' or 'iterations', got 'time'", "--x-axis", "time", "--out", out);
        assertRejected("--precision-floor must be in (0, 1], got 1.5", "--precision-floor", "1.5", "--out", out);
        Outcome missing = run("blackbox");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("--out"), missing.err());
    }

    @Test
    void runsOnAGradientProblemAsABlackBox(@TempDir Path dir) throws Exception {
        Outcome outcome = run("blackbox", "--problem", "vlmop2", "--method", "cma-es,es", "--budget", "300",
                "--seeds", "1", "--log-points", "5", "--no-plot", "--quiet", "--out", dir.toString());
        assertEquals(0, outcome.status(), outcome.err());
        List<String> lines = Files.readAllLines(dir.resolve("trajectory.csv"));
        // vlmop2 keeps its own n = 2 whatever --dim says
        assertTrue(lines.get(1).startsWith("vlmop2,cma-es,2,10,0,0,0,"), lines.get(1));
        assertTrue(outcome.out().contains("vlmop2"), outcome.out());
    }

    @Test
    void listsMethodsAndProblems() {
        Outcome outcome = run("blackbox", "--list");
        assertEquals(0, outcome.status(), outcome.err());
        for (String name : List.of("asmg", "asmg-ew", "es", "cma-es", "asmg-l1-ellipsoid", "asmg-lhalf-ellipsoid",
                "asmg-ellipsoid-rastrigin", "vlmop2")) {
            assertTrue(outcome.out().contains(name), outcome.out());
        }
    }

    @Test
    void repeatedFromDirectoriesCountOnce(@TempDir Path dir) throws Exception {
        assertEquals(0, run("blackbox", "--problem", "asmg-l1-ellipsoid", "--dim", "4", "--budget", "300", "--seeds", "0..0",
                "--no-plot", "--method", "asmg", "--out", dir.resolve("a").toString()).status());
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("a"));
        Outcome merged = run("blackbox", "--no-plot", "--from", dir.resolve("a") + "," + dir.resolve("a") + ","
                + dir.resolve("b/../a") + "," + dir.resolve("link"), "--out", dir.resolve("m").toString());
        assertEquals(0, merged.status(), merged.err());
        assertEquals(Files.readAllLines(dir.resolve("a/trajectory.csv")), Files.readAllLines(dir.resolve("m/trajectory.csv")));
    }

    @Test
    void aNonEmptyOutIsRefusedUnlessForced(@TempDir Path dir) throws Exception {
        String[] args = {"blackbox", "--problem", "asmg-l1-ellipsoid", "--dim", "4", "--budget", "300", "--seeds", "0..0",
            "--method", "asmg", "--out", dir.toString()};
        Files.writeString(dir.resolve("distance-asmg-lhalf-ellipsoid.png"), "an earlier run's figure");
        Outcome refused = run(args);
        assertEquals(2, refused.status());
        assertTrue(refused.err().contains("already holds files") && refused.err().contains("--force"), refused.err());
        assertTrue(!Files.exists(dir.resolve("trajectory.csv")));
        Outcome forced = run(concat(args, "--force"));
        assertEquals(0, forced.status(), forced.err());
        assertTrue(!Files.exists(dir.resolve("distance-asmg-lhalf-ellipsoid.png")), "a stale figure stayed");
        assertTrue(Files.exists(dir.resolve("distance-asmg-l1-ellipsoid.png")));
    }

    @Test
    void cmaEsRefusesADimensionWhoseCovarianceDoesNotFitUpFront(@TempDir Path dir) {
        long start = System.nanoTime();
        for (String method : List.of("cma-es", "sep-cma-es")) {
            Outcome outcome = run("blackbox", "--method", method, "--dim", "100000", "--seeds", "0..0", "--out", dir.toString());
            assertEquals(2, outcome.status(), outcome.err());
            assertTrue(outcome.err().startsWith("blackbox: " + method + " at --dim 100000 needs about 610352 MiB for its"
                    + " d x d matrices, more than the JVM's"), outcome.err());
        }
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused only after computing");
        assertEquals(0, run("blackbox", "--method", "cma-es", "--problem", "asmg-l1-ellipsoid", "--dim", "4", "--budget", "100",
                "--seeds", "0..0", "--no-plot", "--out", dir.resolve("small").toString()).status());
    }

    private static void assertRejected(String message, String... args) {
        Outcome outcome = run(concat(new String[] {"blackbox"}, args));
        assertEquals(2, outcome.status(), outcome.err());
        assertTrue(outcome.err().contains(message), "expected '" + message + "' in: " + outcome.err());
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
