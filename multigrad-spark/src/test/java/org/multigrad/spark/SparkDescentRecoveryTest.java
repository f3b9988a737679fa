package org.multigrad.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A failed task's retry and a driver restart from a checkpoint leave the run bit for bit as it was. */
class SparkDescentRecoveryTest {
    private static final String DATA = "synthetic-logistic:rows=200,features=5,classes=3";

    @Test
    void aRetriedTaskChangesNoBit() {
        SparkSession spark = LocalSpark.session();
        DataLoader.Request data = LocalSpark.synthetic(DATA, "per-group:label", 3, 11);
        SparkResult clean = SparkDescent.run(spark, LocalSpark.request(data, "mgda", 0.7, 8, null, false, null), null);
        int before = FaultHook.injected();
        SparkResult faulty = SparkDescent.run(spark, LocalSpark.request(data, "mgda", 0.7, 8, null, false,
                new FaultHook(3, 1)), null);
        assertEquals(before + 1, FaultHook.injected(), "the hook failed partition 1's first attempt once");
        assertTrue(Arrays.equals(clean.x(), faulty.x()));
        for (int k = 0; k < 8; k++) {
            assertArrayEquals(clean.history().get(k).losses(), faulty.history().get(k).losses(), 0);
            assertArrayEquals(clean.history().get(k).weights(), faulty.history().get(k).weights(), 0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"famo", "cr-mogm(mgda)", "nash-mtl"})
    void stopAtSevenAndResumeToTwentyEqualsTwenty(String method, @TempDir Path directory) throws Exception {
        SparkSession spark = LocalSpark.session();
        DataLoader.Request data = LocalSpark.synthetic(DATA, "per-group:label", 4, 5);
        Path whole = directory.resolve("whole");
        Path interrupted = directory.resolve("interrupted");
        SparkResult uninterrupted = SparkDescent.run(spark, LocalSpark.request(data, method, 0.6, 20, whole, false, null),
                null);
        SparkResult stopped = SparkDescent.run(spark, LocalSpark.request(data, method, 0.6, 7, interrupted, false, null),
                null);
        assertEquals(7, stopped.iterations());
        SparkResult resumed = SparkDescent.run(spark, LocalSpark.request(data, method, 0.6, 20, interrupted, true, null),
                null);
        assertEquals(7, resumed.resumedFrom());
        assertEquals(20, resumed.iterations());
        assertTrue(Arrays.equals(uninterrupted.x(), resumed.x()), method + ": x after a resume differs");
        assertEquals(20, resumed.history().size());
        for (int k = 0; k < 20; k++) {
            assertArrayEquals(uninterrupted.history().get(k).losses(), resumed.history().get(k).losses(), 0);
            assertArrayEquals(uninterrupted.history().get(k).weights(), resumed.history().get(k).weights(), 0);
        }
        assertArrayEquals(uninterrupted.trainLosses(), resumed.trainLosses(), 0);
        assertEquals(withoutTimes(whole.resolve(SparkOutput.METRICS)), withoutTimes(interrupted.resolve(SparkOutput.METRICS)));
    }

    /** metrics.csv without its four last columns (the batch size and the wall times). */
    private static String withoutTimes(Path file) throws Exception {
        StringBuilder kept = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String[] fields = line.split(",", -1);
            kept.append(String.join(",", Arrays.copyOf(fields, fields.length - 3))).append('\n');
        }
        return kept.toString();
    }
}
