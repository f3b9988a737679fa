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

/** End-to-end: {@code multigrad solve} writes the trajectory, the summary and the plots. */
class SolveCommandTest {
    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = MultiGradCli.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void writesTrajectorySummaryAndPlots() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path target = dir.resolve("run");
        int code = run(out, err, "solve", "--problem", "crmogm-stochastic", "--method", "mgda,cr-mogm(mgda),cagrad",
                "--param", "c=0.5", "--lr", "0.006", "--schedule", "inv-sqrt", "--steps", "300", "--seeds", "2",
                "--out", target.toString());
        assertEquals(0, code, err.toString());
        List<String> lines = Files.readAllLines(target.resolve("trajectory.csv"));
        assertEquals("method,start,seed,step,f1,f2,distance,stationarity,w1,w2,x1,x2", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("\"cr-mogm(mgda)\"") || l.startsWith("cr-mogm(mgda),0,1,300,")),
                "final row of cr-mogm(mgda) seed 1");
        // step 0 is the start point (0, 0.4): f = 9 + 0.16 + 8 = 17.16, distance 0.4
        String first = lines.get(1);
        assertTrue(first.startsWith("mgda,0,0,0,17.16,17.16,0.4"), first);
        JsonNode summary = new ObjectMapper().readTree(target.resolve("summary.json").toFile());
        assertEquals("crmogm-stochastic", summary.get("settings").get("problem").asText());
        assertEquals(3, summary.get("methods").size());
        JsonNode cagrad = summary.get("methods").get(2);
        assertEquals("cagrad", cagrad.get("method").asText());
        assertEquals(2, cagrad.get("runs").asInt());
        assertTrue(cagrad.get("final").get("distance").get("mean").asDouble() > 0);
        assertTrue(cagrad.get("distance_at_step").has("100"));
        for (String plot : List.of("objectives.png", "distance.png", "stationarity.png", "weights.png",
                "trajectories.png")) {
            Path file = target.resolve(plot);
            assertTrue(Files.size(file) > 1000, plot + " missing or empty");
            byte[] magic = Files.readAllBytes(file);
            assertEquals((byte) 0x89, magic[0], plot + " is not a PNG");
            assertEquals('P', magic[1]);
        }
        assertTrue(out.toString().contains("cr-mogm(mgda)"), out.toString());
    }

    @Test
    void smoothFlagWrapsEveryMethodAndFiniteSumsTakeABatch() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path target = dir.resolve("smooth");
        int code = run(out, err, "solve", "--problem", "crmogm-finite-sum", "--batch-size", "4", "--method", "mgda,dssmg",
                "--smooth", "constant", "--param", "alpha=0.5", "--param", "nb=2", "--steps", "20", "--no-plots",
                "--out", target.toString());
        assertEquals(0, code, err.toString());
        JsonNode summary = new ObjectMapper().readTree(target.resolve("summary.json").toFile());
        assertEquals("cr-mogm(mgda)", summary.get("methods").get(0).get("method").asText());
        assertEquals("cr-mogm(dssmg)", summary.get("methods").get(1).get("method").asText());
        assertEquals(4, summary.get("settings").get("batch").asInt());
        assertTrue(!Files.exists(target.resolve("distance.png")));
    }

    @Test
    void badInputsAreNamed() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(2, run(out, err, "solve", "--problem", "zdt7", "--method", "mgda", "--out", dir.toString()));
        assertTrue(err.toString().contains("unknown problem 'zdt7'"), err.toString());
        StringWriter errBlackBox = new StringWriter();
        assertEquals(2, run(out, errBlackBox, "solve", "--problem", "asmg-l1-ellipsoid", "--method", "mgda", "--out",
                dir.toString()));
        assertTrue(errBlackBox.toString().contains("problem asmg-l1-ellipsoid has no gradients"), errBlackBox.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(out, err2, "solve", "--problem", "bk1", "--method", "mgda", "--param", "c=1",
                "--out", dir.toString()));
        assertTrue(err2.toString().contains("--param c"), err2.toString());
        StringWriter err3 = new StringWriter();
        assertEquals(2, run(out, err3, "solve", "--problem", "bk1", "--method", "mgda", "--start", "1,2,3",
                "--out", dir.toString()));
        assertTrue(err3.toString().contains("expected n = 2"), err3.toString());
        StringWriter err4 = new StringWriter();
        assertEquals(2, run(out, err4, "solve", "--problem", "bk1", "--method", "mgda", "--batch", "3",
                "--out", dir.toString()));
        assertTrue(err4.toString().contains("not a finite sum"), err4.toString());
        assertTrue(err4.toString().contains("solve: --batch is deprecated; use --batch-size"), err4.toString());
    }

    @Test
    void aNonEmptyOutIsRefusedUnlessForcedAndForceRemovesTheEarlierFigures() throws Exception {
        Path target = dir.resolve("again");
        String[] args = {"solve", "--problem", "bk1", "--method", "mgda", "--steps", "20", "--out", target.toString()};
        StringWriter err = new StringWriter();
        assertEquals(0, run(new StringWriter(), err, args), err.toString());
        Files.writeString(target.resolve("distance-old.png"), "an earlier run's figure");
        Files.writeString(target.resolve("notes.txt"), "the user's own file");
        String summary = Files.readString(target.resolve("summary.json"));

        StringWriter refused = new StringWriter();
        assertEquals(2, run(new StringWriter(), refused, args));
        assertEquals("solve: --out " + target + " already holds files (an earlier run's results?); choose another --out,"
                + " or pass --force to replace its *.{png,csv,json} files", refused.toString().strip());
        assertEquals(summary, Files.readString(target.resolve("summary.json")), "the refused run must not write");

        StringWriter forced = new StringWriter();
        String[] withForce = java.util.Arrays.copyOf(args, args.length + 1);
        withForce[args.length] = "--force";
        assertEquals(0, run(new StringWriter(), forced, withForce), forced.toString());
        assertTrue(!Files.exists(target.resolve("distance-old.png")), "a stale figure stayed");
        assertTrue(Files.exists(target.resolve("notes.txt")), "--force removes only the command's kinds of files");
        assertTrue(Files.exists(target.resolve("summary.json")));
    }

    @Test
    void anOutThatIsAFileOrNotWritableIsOneSentence() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        StringWriter err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err, "solve", "--problem", "bk1", "--method", "mgda", "--steps", "5",
                "--out", file.toString()));
        assertEquals("solve: --out " + file + " is a file, not a directory", err.toString().strip());
        StringWriter below = new StringWriter();
        assertEquals(2, run(new StringWriter(), below, "solve", "--problem", "bk1", "--method", "mgda", "--steps", "5",
                "--out", file.resolve("sub").toString()));
        assertTrue(below.toString().startsWith("solve: --out " + file.resolve("sub") + ": cannot create the directory"),
                below.toString());
        assertEquals(1, below.toString().strip().lines().count(), below.toString());
    }

    @Test
    void aReadOnlyOutIsOneSentence() throws Exception {
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root writes into any directory; /proc takes no new files from anyone (--force: it is not empty)
            boolean root = Files.isWritable(readOnly);
            Path out = root ? java.nio.file.Paths.get("/proc/self/fdinfo") : readOnly;
            StringWriter denied = new StringWriter();
            assertEquals(2, run(new StringWriter(), denied, "solve", "--problem", "bk1", "--method", "mgda", "--steps", "5",
                    "--out", out.toString(), "--force"));
            assertTrue(denied.toString().startsWith("solve: --out " + out + " is not writable"), denied.toString());
        } finally {
            Files.setPosixFilePermissions(readOnly, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
