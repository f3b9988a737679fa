package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void curvatureWritesCsvAndPlot(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("w.csv");
        Path png = dir.resolve("w.png");
        CliRunner.Result result = CliRunner.run("", "amoo", "curvature", "--csv", csv.toString(), "--plot", png.toString());
        assertEquals(0, result.exitCode(), result.err());
        String table = Files.readString(csv);
        assertTrue(table.startsWith("start,step,x1,x2,w1,w2,distance\n"), table);
        assertTrue(table.contains("\"[2.00, 1.00]\",0,2.0000000000000000,1.0000000000000000,1.0000000000000000,"), table);
        byte[] header = Files.readAllBytes(png);
        assertTrue(header.length > 1000 && header[1] == 'P' && header[2] == 'N' && header[3] == 'G', "a PNG file");
    }

    @Test
    void unknownExampleIsRejected() {
        CliRunner.Result result = CliRunner.run("", "amoo", "teacher-student");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("unknown example 'teacher-student'; known: selection, specification, curvature"),
                result.err());
    }
}
