package org.multigrad.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Empty partitions, partitions of one group, tiny batches: finite results, equal to the single-JVM path. */
class SparkDescentEdgeTest {
    @Test
    void emptyPartitions() {
        SparkSession spark = LocalSpark.session();
        DataLoader.Request data = LocalSpark.synthetic("synthetic-logistic:rows=5,features=3,classes=2", "per-label", 8, 3);
        SparkRequest request = LocalSpark.request(data, "mgda", 1.0, 10, null, false, null);
        TrainingData rows = DataLoader.load(spark, data);
        long empty = rows.rows().glom().collect().stream().filter(List::isEmpty).count();
        assertEquals(3, empty, "5 rows in 8 partitions leave 3 empty");
        GradientFunction function = SparkDescent.model(request, rows);
        SparkResult result = SparkDescent.run(spark, request, rows, function, null);
        assertTrue(Arrays.equals(LocalSpark.reference(rows, function, "mgda", 1.0, 3, 10).x(), result.x()));
        assertFinite(result);
    }

    @Test
    void partitionsHoldingOneGroupEach(@TempDir Path directory) throws Exception {
        SparkSession spark = LocalSpark.session();
        Path file = directory.resolve("sorted.csv");
        List<String> lines = new ArrayList<>(List.of("x1,x2,region,label"));
        for (int r = 0; r < 24; r++) {
            // rows sorted by region: with 3 partitions each partition holds one region
            lines.add(Math.sin(r) + "," + Math.cos(3 * r) + "," + "region" + (r / 8) + "," + (r % 2));
        }
        Files.write(file, lines);
        DataLoader.Request data = new DataLoader.Request(file.toString(), null, "label",
                Objectives.parse("per-group:region"), null, false, 3, 0);
        for (String method : List.of("mgda", "famo")) {
            SparkRequest request = LocalSpark.request(data, method, 1.0, 10, null, false, null);
            TrainingData rows = DataLoader.load(spark, data);
            for (List<Example> partition : rows.rows().glom().collect()) {
                assertEquals(1, partition.stream().mapToInt(Example::group).distinct().count());
            }
            GradientFunction function = SparkDescent.model(request, rows);
            SparkResult result = SparkDescent.run(spark, request, rows, function, null);
            assertEquals(List.of("group region0", "group region1", "group region2"), result.objectiveNames());
            assertTrue(Arrays.equals(LocalSpark.reference(rows, function, method, 1.0, 0, 10).x(), result.x()), method);
            assertFinite(result);
        }
    }

    @Test
    void batchesThatMissAGroupStayFinite() {
        SparkSession spark = LocalSpark.session();
        // 12 rows, 4 groups, 10% batches: most groups are absent from most batches (their loss is 0 there)
        DataLoader.Request data = LocalSpark.synthetic("synthetic-logistic:rows=12,features=2,classes=4",
                "per-group:label", 3, 9);
        SparkResult result = SparkDescent.run(spark, LocalSpark.request(data, "mgda", 0.1, 15, null, false, null), null);
        assertFinite(result);
        assertTrue(result.history().stream().anyMatch(row -> row.rows() < 12));
    }

    private static void assertFinite(SparkResult result) {
        assertTrue(Arrays.stream(result.x()).allMatch(Double::isFinite));
        assertTrue(Arrays.stream(result.trainLosses()).allMatch(Double::isFinite));
        for (MetricsRow row : result.history()) {
            assertTrue(Arrays.stream(row.losses()).allMatch(Double::isFinite));
            assertTrue(Arrays.stream(row.weights()).allMatch(Double::isFinite));
        }
    }
}
