package org.multigrad.djl.moblo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hyper-cleaning service on tiny splits: results, val2 selection, files, and an exact resume. */
class HyperCleaningStudyTest {
    private static final HyperCleaningData.Sizes TINY = new HyperCleaningData.Sizes(200, 100, 100, 100);

    private static HyperCleaningRequest request(List<String> methods, Path out, boolean resume) {
        return new HyperCleaningRequest(List.of("mnist"), methods, List.of(3L), 4, 2, 20, TINY, 0.5,
                methods.contains("none") && methods.size() == 1 ? Map.of() : Map.of("inner-steps", "2"), null, null, 1, out,
                resume);
    }

    /** Stops the study at its first evaluation, as a killed process would (the checkpoint is written before). */
    private static final class Stop extends RuntimeException {
    }

    @Test
    void resumedRunEqualsAnUninterruptedOneBitForBit(@TempDir Path dir) {
        HyperCleaningStudy.Result straight = HyperCleaningStudy.run(request(List.of("forum", "moml", "none"), dir.resolve("a"),
                false), new HyperCleaningStudy.Listener() { });
        Path out = dir.resolve("b");
        assertThrows(Stop.class, () -> HyperCleaningStudy.run(request(List.of("forum", "moml", "none"), out, false),
                new HyperCleaningStudy.Listener() {
                    @Override
                    public void evaluated(String method, long seed, HyperCleaningStudy.Point point) {
                        throw new Stop();
                    }
                }));
        assertTrue(Files.isRegularFile(HyperCleaningStudy.checkpoint(out, "forum", 3)));
        HyperCleaningStudy.Result resumed = HyperCleaningStudy.run(request(List.of("forum", "moml", "none"), out, true),
                new HyperCleaningStudy.Listener() { });
        assertEquals(3, resumed.runs().size());
        for (int r = 0; r < 3; r++) {
            HyperCleaningStudy.Run a = straight.runs().get(r);
            HyperCleaningStudy.Run b = resumed.runs().get(r);
            assertEquals(a.points().size(), b.points().size());
            for (int p = 0; p < a.points().size(); p++) {
                HyperCleaningStudy.Point x = a.points().get(p);
                HyperCleaningStudy.Point y = b.points().get(p);
                assertEquals(x.step(), y.step());
                assertArrayEquals(x.val1Loss(), y.val1Loss(), 0.0);
                assertEquals(List.of(x.val2()), List.of(y.val2()));
                assertEquals(List.of(x.test()), List.of(y.test()));
                assertEquals(x.stationarity(), y.stationarity(), 0.0);
            }
            assertEquals(a.selected().step(), b.selected().step());
        }
        HyperCleaningStudy.Point momlLast = straight.runs().get(1).points().get(1);
        assertEquals(1, momlLast.weights().length, "MGDA's gamma over the one dataset");
        assertTrue(momlLast.test()[0].accuracy() > 0.1, "4 x 2 inner steps beat chance: " + momlLast.test()[0]);
        HyperCleaningStudy.Point forumLast = straight.runs().get(0).points().get(1);
        assertEquals(4, forumLast.step());
        assertEquals(1, forumLast.weights().length);
        assertTrue(forumLast.test()[0].accuracy() > 0.1, "4 steps already beat chance (10%): " + forumLast.test()[0]);
        assertThrows(IllegalArgumentException.class, () -> HyperCleaningStudy.run(request(List.of("forum"), out, false),
                new HyperCleaningStudy.Listener() { }));
    }

    @Test
    void writesTheSharedTrajectoryAndSummary(@TempDir Path dir) throws Exception {
        HyperCleaningStudy.Result result = HyperCleaningStudy.run(request(List.of("none"), dir, false),
                new HyperCleaningStudy.Listener() { });
        HyperCleaningOutput.write(dir, result);
        List<String> lines = Files.readAllLines(dir.resolve("trajectory.csv"));
        assertEquals("method,seed,step,f1", lines.get(0));
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("none,3,2,"));
        String summary = Files.readString(dir.resolve("summary.json"));
        assertTrue(summary.contains("\"test_accuracy_mnist\""), summary);
        assertTrue(summary.contains("\"test_macro_f1_mnist\""), summary);
        assertTrue(summary.contains("\"selected_step\""), summary);
    }

    @Test
    void refusesWhatItCannotRun(@TempDir Path dir) {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HyperCleaningRequest(List.of("mnist"),
                List.of("moml"), List.of(0L), 4, 2, 20, TINY, 0.5, Map.of("moml.rho", "0.5"), null, null, 1, dir, false))
                .getMessage().contains("rho"), "MOML has no rho");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HyperCleaningRequest(List.of("mnist"),
                List.of("none"), List.of(0L), 4, 2, 20, TINY, 0.5, Map.of("rho", "0.5"), null, null, 1, dir, false))
                .getMessage().contains("rho"));
        assertThrows(IllegalArgumentException.class, () -> new HyperCleaningRequest(List.of("mnist"), List.of("forum"),
                List.of(0L), 4, 2, 20, TINY, 1.0, Map.of(), null, null, 1, dir, false));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HyperCleaningStudy.run(request(List.of("none"), dir,
                true), new HyperCleaningStudy.Listener() { })).getMessage().contains("--resume"));
    }
}
