package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options solve and blackbox share: --methods, --seeds, --quiet, --no-plot, -p. */
class ExperimentOptionsTest {
    @TempDir
    Path dir;

    private CliRunner.Result solve(String out, String... args) {
        String[] all = new String[args.length + 9];
        System.arraycopy(new String[] {"solve", "--problem", "cagrad-toy", "--steps", "40", "--no-plot", "--out",
            dir.resolve(out).toString()}, 0, all, 0, 8);
        all[8] = "--force";
        System.arraycopy(args, 0, all, 9, args.length);
        return CliRunner.run("", all);
    }

    private String trajectory(String out) throws IOException {
        return Files.readString(dir.resolve(out).resolve("trajectory.csv"));
    }

    @Test
    void seedsAreACountAListOrARange() {
        assertEquals(List.of(0L, 1L, 2L), SeedsOption.parse("3"));
        assertEquals(List.of(0L, 1L, 2L), SeedsOption.parse("0,1,2"));
        assertEquals(List.of(4L, 5L, 6L), SeedsOption.parse("4..6"));
        assertEquals(List.of(7L), SeedsOption.parse("7..7"));
        assertEquals("--seeds must be >= 1, got 0 (a count K means seeds 0..K-1; one seed S is S..S)",
                assertThrows(IllegalArgumentException.class, () -> SeedsOption.parse("0")).getMessage());
        assertEquals("--seeds 1,x: 'x' is not a whole number",
                assertThrows(IllegalArgumentException.class, () -> SeedsOption.parse("1,x")).getMessage());
    }

    @Test
    void spellingsOfOneOptionGiveOneRun() throws IOException {
        assertEquals(0, solve("a", "--methods", "mgda,cagrad", "--seeds", "2").exitCode());
        assertEquals(0, solve("b", "--method", "mgda,cagrad", "--seeds", "0,1").exitCode());
        assertEquals(trajectory("a"), trajectory("b"));
        CliRunner.Result deprecated = solve("c", "--method", "mgda,cagrad", "--seeds", "0..1", "--no-progress");
        assertEquals(0, deprecated.exitCode(), deprecated.err());
        assertEquals("solve: --no-progress is deprecated; use --quiet", deprecated.err().strip());
        assertEquals(trajectory("a"), trajectory("c"));
        assertEquals("", solve("d", "--method", "mgda", "--quiet").err());
    }

    @Test
    void qualifiedParametersGoToOneMethod() throws IOException {
        assertEquals(0, solve("bare", "--methods", "mgda,cagrad", "--param", "c=0.2").exitCode());
        assertEquals(0, solve("qualified", "--methods", "mgda,cagrad", "-p", "cagrad.c=0.2").exitCode());
        assertEquals(trajectory("bare"), trajectory("qualified"));
        assertEquals(0, solve("default", "--methods", "mgda,cagrad").exitCode());
        assertFalse(trajectory("default").equals(trajectory("bare")), "c=0.2 is not cagrad's default");
        // a qualified value wins over a bare one
        assertEquals(0, solve("both", "--methods", "mgda,cagrad", "-p", "c=0.9", "-p", "cagrad.c=0.2").exitCode());
        assertEquals(trajectory("bare"), trajectory("both"));

        CliRunner.Result undeclared = solve("x", "--methods", "mgda,cagrad", "-p", "mgda.c=0.2");
        assertEquals(2, undeclared.exitCode());
        assertEquals("solve: --param mgda.c: mgda has no parameter c", undeclared.err().strip());
        CliRunner.Result unlisted = solve("x", "--methods", "mgda", "-p", "cagrad.c=0.2");
        assertEquals("solve: --param cagrad.c: cagrad is not one of the methods [mgda]", unlisted.err().strip());
        CliRunner.Result bare = solve("x", "--methods", "mgda", "-p", "c=0.2");
        assertEquals("solve: --param c: none of the methods [mgda] has a parameter of that name", bare.err().strip());
    }

    @Test
    void solveNeedsMethodsAndBlackboxDefaultsToAsmg() {
        CliRunner.Result missing = CliRunner.run("", "solve", "--problem", "bk1", "--out", dir.resolve("m").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().startsWith("Missing required option: '--methods=M'"), missing.err());
        CliRunner.Result blackbox = CliRunner.run("", "blackbox", "--problem", "asmg-l1-ellipsoid", "--dim", "3",
                "--budget", "100", "--seeds", "2", "--no-plots", "--quiet", "--out", dir.resolve("b").toString());
        assertEquals(0, blackbox.exitCode(), blackbox.err());
        assertTrue(blackbox.out().contains("asmg-l1-ellipsoid          asmg"), blackbox.out());
        assertTrue(blackbox.out().contains("     2 "), "two seeds: " + blackbox.out());
    }
}
