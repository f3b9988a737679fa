package org.multigrad.djl.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multigrad.djl.JacobianMode;
import org.multigrad.djl.TrainingConfig;

/** result.json read back as written, NaN and infinities (written as strings) included. */
class ResultFileTest {
    private static final TrainingConfig CONFIG = new TrainingConfig("multi-mnist", "lenet", "mgda", Map.of(),
            JacobianMode.PARAMETERS, 2, 32, "adam", 0.001f, 0, 0, 0);

    @Test
    void readsBackWhatItWrote(@TempDir Path dir) throws IOException {
        TrainingResult.TimePerStep time = new TrainingResult.TimePerStep(1, 2, 3, 4, 5, 6, 7, 8, Double.NaN,
                Double.POSITIVE_INFINITY);
        TrainingResult written = new TrainingResult(CONFIG, dir, JacobianMode.PARAMETERS, 2, 10, 2, List.of(), List.of(),
                new double[] {0.5, Double.NaN}, new double[] {0.9, 0.8}, null, null, time);
        ResultFile.write(written, Map.of("delta_m_percent", Double.NEGATIVE_INFINITY));
        Files.writeString(dir.resolve(MetricsFile.NAME), "header\n");

        TrainingResult read = ResultFile.read(dir, CONFIG);
        assertEquals(JacobianMode.PARAMETERS, read.stepMode());
        assertEquals(2, read.epochs());
        assertEquals(10, read.steps());
        assertArrayEquals(written.testLoss(), read.testLoss());
        assertArrayEquals(written.testAccuracy(), read.testAccuracy());
        assertNull(read.trainLoss());
        assertEquals(time, read.timePerStep());
        assertEquals(2, ResultFile.epochs(dir));
    }

    @Test
    void anotherFileIsRefusedInOneSentence(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(ResultFile.RESULT), "{\"epochs\": 3}");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ResultFile.read(dir, CONFIG));
        assertTrue(error.getMessage().endsWith("(not a result.json of multigrad train: no \"tasks\")"), error.getMessage());
        Files.writeString(dir.resolve(ResultFile.RESULT), "[1, 2");
        assertThrows(IllegalArgumentException.class, () -> ResultFile.epochs(dir));
    }

    @Test
    void noResultMeansNoEpochs(@TempDir Path dir) {
        assertEquals(0, ResultFile.epochs(dir));
    }
}
