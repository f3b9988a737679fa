package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Off a terminal (as under the tests) the one progress display writes a plain line per tenth of the work. */
class ProgressTest {
    @Test
    void oneLinePerTenthOfTheWork() {
        StringWriter text = new StringWriter();
        try (Progress progress = new Progress(new PrintWriter(text), "solve", 1000, true)) {
            progress.label("mgda seed 0");
            for (int step = 0; step < 1000; step++) {
                progress.advance(1);
            }
        }
        String[] lines = text.toString().split("\n");
        assertEquals(10, lines.length, text.toString());
        assertTrue(lines[0].startsWith("solve 10% mgda seed 0"), lines[0]);
        assertEquals("solve 100% mgda seed 0", lines[9]);
    }

    @Test
    void aLiveCounterCountsAndABigStepSkipsNoTenthTwice() {
        StringWriter text = new StringWriter();
        try (Progress progress = new Progress(new PrintWriter(text), "blackbox", 100, true)) {
            progress.track(() -> 35);
            progress.advance(0);
            progress.advance(60);
        }
        String[] lines = text.toString().split("\n");
        assertEquals(1, lines.length, text.toString());
        assertTrue(lines[0].startsWith("blackbox 60% "), lines[0]);
    }

    @Test
    void quietPrintsNothing() {
        StringWriter text = new StringWriter();
        try (Progress progress = new Progress(new PrintWriter(text), "amoo", 10, false)) {
            progress.advance(10);
        }
        assertEquals("", text.toString());
    }
}
