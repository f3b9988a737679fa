package org.multigrad.djl.moblo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The splits: sizes, the corrupted half, determinism per seed, and the errors. */
class HyperCleaningDataTest {
    @Test
    void mnistSplitsTheShippedDigitsAndCorruptsHalfTheTrainingLabels() {
        HyperCleaningData.Splits splits = HyperCleaningData.load("mnist", null, HyperCleaningData.Sizes.thesis("mnist"),
                0.5, 0);
        assertEquals(5000, splits.train().size());
        assertEquals(1000, splits.val1().size());
        assertEquals(1000, splits.val2().size());
        assertEquals(3000, splits.test().size());
        int corrupted = 0;
        for (boolean flag : splits.corrupted()) {
            corrupted += flag ? 1 : 0;
        }
        assertEquals(2500, corrupted);
        HyperCleaningData.Splits clean = HyperCleaningData.load("mnist", null, HyperCleaningData.Sizes.thesis("mnist"),
                0.0, 0);
        for (int j = 0; j < 5000; j++) {
            assertEquals(splits.corrupted()[j], splits.train().labels()[j] != clean.train().labels()[j]);
        }
        HyperCleaningData.Splits again = HyperCleaningData.load("mnist", null, HyperCleaningData.Sizes.thesis("mnist"),
                0.5, 0);
        assertArrayEquals(splits.train().labels(), again.train().labels());
        assertArrayEquals(splits.test().pixels(), again.test().pixels());
    }

    @Test
    void refusesSplitsAboveTheDataAndAMissingFashionMnist(@TempDir Path dir) {
        assertEquals("mnist: the splits 5000 + 1000 + 1000 + 5000 = 12000 exceed the 10000 digits available",
                assertThrows(IllegalArgumentException.class, () -> HyperCleaningData.load("mnist", null,
                        new HyperCleaningData.Sizes(5000, 1000, 1000, 5000), 0.5, 0)).getMessage());
        Path missing = dir.resolve("none");
        assertEquals("Fashion-MNIST not found in " + missing + ": install it with `apt-get install -y"
                + " dataset-fashion-mnist` or pass --fashion-dir DIR", assertThrows(IllegalArgumentException.class,
                () -> HyperCleaningData.load("fashion-mnist", missing, HyperCleaningData.Sizes.thesis("fashion-mnist"),
                        0.5, 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HyperCleaningData.load("mnist", null,
                HyperCleaningData.Sizes.thesis("mnist"), 1.0, 0)).getMessage().startsWith("--noise"));
    }

    @Test
    void macroF1IsTheMeanOverClassesOfTwoTpOverTwoTpPlusFpPlusFn() {
        ClassificationScores scores = ClassificationScores.of(0, new int[] {0, 0, 1, 1}, new int[] {0, 1, 1, 1}, 10);
        assertEquals(0.75, scores.accuracy(), 0);
        // class 0: 2·1/(2·1 + 0 + 1) = 2/3; class 1: 2·2/(2·2 + 1 + 0) = 4/5
        assertEquals((2.0 / 3 + 0.8) / 2, scores.macroF1(), 1e-15);
    }
}
