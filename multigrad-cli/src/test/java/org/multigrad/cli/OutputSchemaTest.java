package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multigrad.experiment.Statistics;
import org.multigrad.experiment.TrajectoryReader;
import org.multigrad.experiment.TrajectoryRow;

/** {@code solve} and {@code blackbox} write one schema: one reader reads both commands' files. */
class OutputSchemaTest {
    /** The final statistics of every method entry of a summary.json, by metric. */
    record MethodSummary(Map<String, String> ids, int runs, Map<String, Statistics> finals) {
    }

    static final class SummaryReader {
        private SummaryReader() {
        }

        static List<MethodSummary> read(Path file) throws IOException {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            assertTrue(root.get("settings").isObject(), "settings");
            assertEquals(root.get("methods").size() > 0, root.get("runs").size() > 0);
            List<MethodSummary> methods = new ArrayList<>();
            for (JsonNode entry : root.get("methods")) {
                Map<String, String> ids = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> fields = entry.fields(); fields.hasNext();) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (field.getValue().isValueNode() && !field.getKey().equals("runs")) {
                        ids.put(field.getKey(), field.getValue().asText());
                    }
                }
                Map<String, Statistics> finals = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> metrics = entry.get("final").fields(); metrics.hasNext();) {
                    Map.Entry<String, JsonNode> metric = metrics.next();
                    JsonNode stats = metric.getValue();
                    assertEquals(List.of("mean", "std", "min", "max", "n"), names(stats), metric.getKey());
                    finals.put(metric.getKey(), new Statistics(stats.get("mean").asDouble(), stats.get("std").asDouble(),
                            stats.get("min").asDouble(), stats.get("max").asDouble(), stats.get("n").asInt()));
                }
                methods.add(new MethodSummary(ids, entry.get("runs").asInt(), finals));
            }
            return methods;
        }

        private static List<String> names(JsonNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            return names;
        }
    }

    @Test
    void solveAndBlackboxFilesReadWithOneReader(@TempDir Path dir) throws IOException {
        Path solve = dir.resolve("solve");
        Path blackbox = dir.resolve("blackbox");
        CliRunner.Result solved = CliRunner.run("", "solve", "--problem", "bk1", "--method", "mgda,pcgrad", "--steps",
                "30", "--seeds", "2", "--no-plots", "--out", solve.toString());
        assertEquals(0, solved.exitCode(), solved.err());
        CliRunner.Result searched = CliRunner.run("", "blackbox", "--problem", "asmg-l1-ellipsoid", "--method", "asmg",
                "--dim", "4", "--samples", "6", "--budget", "300", "--seeds", "0,1", "--no-plot", "--out",
                blackbox.toString());
        assertEquals(0, searched.exitCode(), searched.err());

        for (Path out : List.of(solve, blackbox)) {
            List<TrajectoryReader.Run> runs = TrajectoryReader.read(out.resolve("trajectory.csv"));
            assertEquals(4 - (out == blackbox ? 2 : 0), runs.size(), out.toString());
            List<MethodSummary> methods = SummaryReader.read(out.resolve("summary.json"));
            for (MethodSummary method : methods) {
                assertEquals(2, method.runs());
                // the summary's final statistics are those of the trajectories' last rows
                List<TrajectoryRow> last = runs.stream().filter(run -> run.ids().get("method")
                        .equals(method.ids().get("method"))).map(run -> run.rows().get(run.rows().size() - 1)).toList();
                assertEquals(2, last.size());
                assertEquals((last.get(0).objectives()[0] + last.get(1).objectives()[0]) / 2,
                        method.finals().get("f1").mean(), 1e-12);
                assertEquals(Math.min(last.get(0).objectives()[1], last.get(1).objectives()[1]),
                        method.finals().get("f2").min(), 0);
                assertEquals(2, method.finals().get("f2").n());
            }
            TrajectoryRow start = runs.get(0).rows().get(0);
            assertEquals(0, start.step());
            assertEquals(2, start.objectives().length);
            assertNull(start.weights());
        }
        TrajectoryReader.Run solveRun = TrajectoryReader.read(solve.resolve("trajectory.csv")).get(0);
        assertEquals(List.of("method", "start"), List.copyOf(solveRun.ids().keySet()));
        assertEquals(-1, solveRun.rows().get(0).evaluations(), "solve does not count evaluations");
        assertFalse(Double.isNaN(solveRun.rows().get(0).stationarity()));
        TrajectoryReader.Run blackboxRun = TrajectoryReader.read(blackbox.resolve("trajectory.csv")).get(0);
        assertEquals(List.of("problem", "method", "dimension", "samples"), List.copyOf(blackboxRun.ids().keySet()));
        assertTrue(blackboxRun.rows().get(1).evaluations() > 0);
        assertTrue(Double.isNaN(blackboxRun.rows().get(0).stationarity()), "blackbox has no stationarity column");
    }
}
