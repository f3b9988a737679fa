package org.multigrad.l2o;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multigrad.api.Jacobian;

class Ml2oWeightsFileTest {
    @TempDir
    Path dir;

    @Test
    void saveAndLoadAreBitIdentical() {
        Ml2oNetwork network = Ml2oNetwork.random(2, 3, 2, Preprocessing.LOG_SIGN, 0.01, 42);
        Path file = dir.resolve("ml2o.json");
        Ml2oWeightsFile.write(file, network);
        Ml2oNetwork loaded = Ml2oWeightsFile.read(file);
        assertTrue(loaded.sameAs(network));
        Jacobian y = Jacobian.of(new double[][] {{0.1, -2, 3e-4}, {1, 0.5, -7e-3}});
        assertArrayEquals(new Ml2o(network).propose(y), new Ml2o(loaded).propose(y));
    }

    @Test
    void refusesNaNWeights() throws IOException {
        Path file = written(2, 1);
        Files.writeString(file, Files.readString(file).replaceFirst("\"bias\" : [-0-9.E]+", "\"bias\" : NaN"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ml2oWeightsFile.read(file));
        assertEquals("ml2o weights file " + file + ": head.bias is NaN; weights must be finite", e.getMessage());
    }

    @Test
    void refusesAHiddenSizeThatDisagreesWithTheArrays() throws IOException {
        Path file = written(2, 1);
        Files.writeString(file, Files.readString(file).replace("\"hidden\" : 2", "\"hidden\" : 3"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ml2oWeightsFile.read(file));
        assertEquals("ml2o weights file " + file + ": specific[1] layer 1 weightIh has 16 entries, expected 24"
                + " for the declared M, H and preprocessing", e.getMessage());
    }

    @Test
    void refusesAnObjectiveCountThatDisagreesWithTheArrays() throws IOException {
        Path file = written(2, 1);
        Files.writeString(file, Files.readString(file).replace("\"objectives\" : 2", "\"objectives\" : 3"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ml2oWeightsFile.read(file));
        assertEquals("ml2o weights file " + file + ": specific must be a list of 3 entries, got 2", e.getMessage());
    }

    @Test
    void refusesAnUnknownPreprocessing() throws IOException {
        Path file = written(2, 1);
        Files.writeString(file, Files.readString(file).replace("\"log-sign\"", "\"adam\""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ml2oWeightsFile.read(file));
        assertEquals("ml2o weights file " + file + ": unknown preprocessing 'adam'; known: log-sign, none", e.getMessage());
    }

    @Test
    void refusesAMissingFile() {
        Path file = dir.resolve("none.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ml2oWeightsFile.read(file));
        assertEquals("ml2o weights file " + file + " does not exist", e.getMessage());
    }

    private Path written(int hidden, int layers) {
        Path file = dir.resolve("w.json");
        Ml2oWeightsFile.write(file, Ml2oNetwork.random(2, hidden, layers, Preprocessing.LOG_SIGN, 0.01, 1));
        return file;
    }
}
