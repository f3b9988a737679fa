package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multigrad.djl.amoo.TeacherStudentOutput;
import org.multigrad.experiment.TrajectoryReader;
import org.multigrad.experiment.TrajectoryRow;

/** `multigrad amoo`: the reproduction numbers of docs/reproductions-amoo.md and its outputs. */
class AmooCommandTest {

    @Test
    void selectionCounts() {
        CliRunner.Result result = CliRunner.run("", "amoo", "selection");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().matches("(?s).*EW, weights 1/m \\S.*\\s126\\n.*"), result.out());
        assertTrue(result.out().matches("(?s).*CAMOO exact weights \\(1/\\(2 beta\\), theory\\)\\s+0\\.25000\\s+22\\n.*"),
                result.out());
        assertTrue(result.out().matches("(?s).*PAMOO, relative ridge 1e-4 \\(default\\) \\(1\\)\\s+1\\.0000\\s+22\\n.*"),
                result.out());
    }

    @Test
    void teacherStudentRunsTheGridAndWritesItsOutputs(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("ts");
        CliRunner.Result result = CliRunner.run("", "amoo", "teacher-student", "--steps", "2", "--seeds", "2",
                "--lrs", "1e-3,1e-2", "--sigmas", "1,0.1", "--validation", "1024", "--threads", "2", "--no-progress",
                "--out", target.toString());
        assertEquals(0, result.exitCode(), result.err());
        String out = result.out();
        assertTrue(out.contains("learning rate chosen per method by training loss"), out);
        assertTrue(out.contains("| optimizer | sigma | EW | CAMOO | PAMOO |"), out);
        assertTrue(out.matches("(?s).*\\| SGD \\| 1 \\|( [0-9.e+-]+ ± [0-9.e+-]+ \\(lr (0\\.001|0\\.01)\\) \\|){3}\n.*"), out);
        assertTrue(out.matches("(?s).*CAMOO beats EW \\(lower mean\\) in \\d of 4 settings.*"), out);
        assertTrue(out.contains("| ADAM | 0.1 | PAMOO |"), out);
        // one schema: 2 optimizers x 2 sigmas x 3 methods x 2 rates x 2 seeds runs, each at steps 0, 1 (steps / 20
        // rounds up to 1) and 2
        java.util.List<TrajectoryReader.Run> runs = TrajectoryReader.read(target.resolve("trajectory.csv"));
        assertEquals(2 * 2 * 3 * 2 * 2, runs.size());
        assertEquals(java.util.Map.of("optimizer", "sgd", "sigma", "1", "method", "ew", "lr", "0.001"), runs.get(0).ids());
        assertEquals(0, runs.get(0).seed());
        assertEquals(java.util.List.of(0L, 1L, 2L), runs.get(0).rows().stream().map(TrajectoryRow::step).toList());
        assertEquals(10, runs.get(0).rows().get(2).weights().length);
        java.util.List<OutputSchemaTest.MethodSummary> summary = OutputSchemaTest.SummaryReader.read(
                target.resolve("summary.json"));
        assertEquals(2 * 2 * 3 * 2, summary.size());
        assertEquals(2, summary.get(0).finals().get("distance").n());
        assertEquals(runs.get(0).rows().get(2).distance(), summary.get(0).finals().get("distance").min(), 0.0,
                "seed 0's final distance or a lower one is the minimum");
        assertTrue(Files.readString(target.resolve("summary.md")).startsWith("teacher-student: 10-256-10 ReLU MLP"));
        byte[] png = Files.readAllBytes(target.resolve("distance.png"));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG file");

        CliRunner.Result bad = CliRunner.run("", "amoo", "teacher-student", "--seeds", "0", "--quiet");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--seeds must be >= 1"), bad.err());
        CliRunner.Result method = CliRunner.run("", "amoo", "teacher-student", "--methods", "ew,mgda", "--no-progress");
        assertEquals(2, method.exitCode());
        assertTrue(method.err().contains("--methods: unknown value 'mgda'; known: [ew, camoo, pamoo]"), method.err());
        CliRunner.Result select = CliRunner.run("", "amoo", "teacher-student", "--select", "best", "--no-progress");
        assertEquals(2, select.exitCode());
        assertTrue(select.err().contains("--select must be train-loss or validation"), select.err());
    }

    @Test
    void teacherStudentNumbersHaveNoTrailingZeros() {
        assertEquals("1e-05", TeacherStudentOutput.number(1e-5));
        assertEquals("0.1", TeacherStudentOutput.number(0.1));
        assertEquals("1000", TeacherStudentOutput.number(1000));
        assertEquals("0.08719", TeacherStudentOutput.number(0.087191));
        assertEquals("1.2e-07", TeacherStudentOutput.number(1.2e-7));
        assertEquals("1", TeacherStudentOutput.number(1));
    }

    @Test
    void curvatureWritesTheSharedFilesAndPlot(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("curvature");
        CliRunner.Result result = CliRunner.run("", "amoo", "curvature", "--out", target.toString());
        assertEquals(0, result.exitCode(), result.err());
        java.util.List<TrajectoryReader.Run> runs = TrajectoryReader.read(target.resolve("trajectory.csv"));
        assertEquals(8, runs.size()); // camoo and ew from 4 starts
        assertEquals(java.util.Map.of("method", "camoo", "start", "1"), runs.get(0).ids());
        TrajectoryRow first = runs.get(0).rows().get(1);
        assertArrayEquals(new double[] {2, 1}, runs.get(0).rows().get(0).x());
        assertEquals(1.0, first.weights()[0], 0.0, "CAMOO's weight on f_1 at x_0 = (2, 1)");
        assertTrue(runs.get(0).rows().get(runs.get(0).rows().size() - 1).distance() < 1e-6);
        assertEquals(8, OutputSchemaTest.SummaryReader.read(target.resolve("summary.json")).size() * 4);
        byte[] header = Files.readAllBytes(target.resolve("curvature-weights.png"));
        assertTrue(header.length > 1000 && header[1] == 'P' && header[2] == 'N' && header[3] == 'G', "a PNG file");
    }

    @Test
    void curvaturesOldCsvAndPlotOptionsStillWork(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("w.csv");
        Path png = dir.resolve("w.png");
        CliRunner.Result result = CliRunner.run("", "amoo", "curvature", "--csv", csv.toString(), "--plot", png.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.err().contains("amoo: --csv is deprecated; use --out DIR"), result.err());
        assertEquals(8, TrajectoryReader.read(csv).size());
        assertTrue(Files.size(png) > 1000);
        CliRunner.Result again = CliRunner.run("", "amoo", "curvature", "--csv", csv.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("already exists"), again.err());
    }

    @Test
    void solveGivesCamooTheProblemsCurvature(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("run");
        CliRunner.Result result = CliRunner.run("", "solve", "--problem", "amoo-selection", "--method", "mean,camoo,pamoo",
                "--lr", "0.25", "--steps", "100", "--no-plots", "--no-progress", "--out", target.toString());
        assertEquals(0, result.exitCode(), result.err());
        java.util.List<String> lines = Files.readAllLines(target.resolve("trajectory.csv"));
        // CAMOO (Hutchinson + PU) selects f_10: its weight at step 1 is close to 1
        java.util.List<String> header = java.util.List.of(lines.get(0).split(","));
        String[] step1 = lines.stream().filter(l -> l.startsWith("camoo,0,0,1,")).findFirst().orElseThrow().split(",");
        assertTrue(Double.parseDouble(step1[header.indexOf("w10")]) > 0.99, String.join(",", step1));
        assertTrue(Double.parseDouble(step1[header.indexOf("w1")]) < 0.01, String.join(",", step1));
        com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(target.resolve("summary.json").toFile());
        double mean = summary.get("methods").get(0).get("final").get("distance").get("mean").asDouble();
        double camoo = summary.get("methods").get(1).get("final").get("distance").get("mean").asDouble();
        assertTrue(camoo < 1e-20 && mean > 1e-6, "camoo " + camoo + ", mean " + mean);
    }

    @Test
    void solveRejectsCamooOnAProblemWithoutCurvature(@TempDir Path dir) {
        CliRunner.Result result = CliRunner.run("", "solve", "--problem", "zdt1", "--method", "camoo", "--steps", "5",
                "--no-plots", "--no-progress", "--out", dir.resolve("x").toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("zdt1 has no Hessian-vector products, but the method needs curvature"),
                result.err());
    }

    @Test
    void unknownExampleIsRejected() {
        CliRunner.Result result = CliRunner.run("", "amoo", "no-such-example");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("unknown example 'no-such-example'; known: selection, specification, curvature, teacher-student"),
                result.err());
    }
}
