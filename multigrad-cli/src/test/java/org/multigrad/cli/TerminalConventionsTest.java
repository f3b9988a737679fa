package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress off a terminal is plain lines (no '\r' frames in log files); --verbose is accepted by every command. */
class TerminalConventionsTest {
    @TempDir
    Path dir;

    @Test
    void offATerminalProgressIsPlainLines() {
        assertFalse(Terminal.drawsBars(), "the test JVM's standard streams are not a terminal");
        CliRunner.Result result = CliRunner.run("", "solve", "--problem", "cagrad-toy", "--method", "mean,mgda",
                "--steps", "100000", "--no-plots", "--out", dir.resolve("solve").toString());
        assertEquals(0, result.exitCode(), result.err());
        assertFalse(result.err().contains("\r"), "no self-overwriting frames: " + result.err());
        assertTrue(result.err().contains("solve 50% "), result.err());
        assertTrue(result.err().contains("solve 100% mgda"), result.err());
    }

    @Test
    void tenthsOfTheWork() {
        assertEquals(0, Terminal.tenth(0.0999));
        assertEquals(1, Terminal.tenth(0.1));
        assertEquals(10, Terminal.tenth(1));
        assertEquals(10, Terminal.tenth(1.5));
        assertEquals(0, Terminal.tenth(-1));
    }

    @Test
    void verboseIsAcceptedBeforeAndAfterTheCommand() {
        String before = System.getProperty(Logging.LEVEL_PROPERTY);
        try {
            assertEquals(0, CliRunner.run("", "--verbose", "list").exitCode());
            assertEquals(0, CliRunner.run("", "list", "--verbose").exitCode());
            assertEquals("info", System.getProperty(Logging.LEVEL_PROPERTY));
        } finally {
            if (before == null) {
                System.clearProperty(Logging.LEVEL_PROPERTY);
            } else {
                System.setProperty(Logging.LEVEL_PROPERTY, before);
            }
            System.clearProperty("org.slf4j.simpleLogger.log.ai.djl");
        }
    }
}
