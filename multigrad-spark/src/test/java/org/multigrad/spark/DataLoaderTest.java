package org.multigrad.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV, Parquet and LibSVM files of the same rows load into the same laid-out examples. */
class DataLoaderTest {
    @Test
    void csvParquetAndLibsvmGiveTheSameRows(@TempDir Path directory) throws Exception {
        SparkSession spark = LocalSpark.session();
        Path csv = directory.resolve("rows.csv");
        Path libsvm = directory.resolve("rows.libsvm");
        List<String> csvLines = new ArrayList<>(List.of("a,b,c,label"));
        List<String> svmLines = new ArrayList<>();
        for (int r = 0; r < 17; r++) {
            double a = r * 0.25;
            double b = r % 3 == 0 ? 0 : -r;
            double c = Math.sqrt(r);
            int label = r % 3;
            csvLines.add(a + "," + b + "," + c + "," + label);
            // LibSVM leaves out zero entries; indices from 1
            svmLines.add(label + " 1:" + a + (b == 0 ? "" : " 2:" + b) + " 3:" + c);
        }
        Files.write(csv, csvLines);
        Files.write(libsvm, svmLines);
        Path parquet = directory.resolve("rows.parquet");
        spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString()).write()
                .parquet(parquet.toString());

        List<List<Example>> fromCsv = load(spark, csv.toString());
        assertEquals(3, fromCsv.size());
        assertEquals(List.of(6, 6, 5), fromCsv.stream().map(List::size).toList(), "17 rows in 3 contiguous ranges");
        for (String other : List.of(parquet.toString(), libsvm.toString())) {
            List<List<Example>> rows = load(spark, other);
            for (int p = 0; p < 3; p++) {
                for (int r = 0; r < fromCsv.get(p).size(); r++) {
                    Example expected = fromCsv.get(p).get(r);
                    Example actual = rows.get(p).get(r);
                    assertEquals(expected.index(), actual.index(), other);
                    assertEquals(expected.label(), actual.label(), other);
                    assertArrayEquals(expected.features(), actual.features(), 0, other + " row " + expected.index());
                }
            }
        }
        long first = fromCsv.get(0).get(0).index();
        assertEquals(0, first);
        assertTrue(fromCsv.get(2).get(4).index() == 16);
    }

    @Test
    void badFilesAreRefusedByName(@TempDir Path directory) throws Exception {
        SparkSession spark = LocalSpark.session();
        Path fractions = directory.resolve("fractions.csv");
        Files.write(fractions, List.of("a,label", "1,0.5", "2,1"));
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class, () -> load(spark, fractions.toString()));
        assertTrue(labels.getMessage().contains("labels must be class indices"), labels.getMessage());
        Path holes = directory.resolve("holes.csv");
        Files.write(holes, List.of("a,b,label", "1,,0", "2,3,1"));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> load(spark, holes.toString()));
        assertTrue(empty.getMessage().contains("column 'b' has 1 empty"), empty.getMessage());
        Path text = directory.resolve("data.txt");
        Files.write(text, List.of("1 1:2"));
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class, () -> load(spark, text.toString()));
        assertTrue(format.getMessage().contains("give --format csv, parquet or libsvm"), format.getMessage());
    }

    private static List<List<Example>> load(SparkSession spark, String file) {
        DataLoader.Request request = new DataLoader.Request(file, null, "label", Objectives.parse("per-label"), null, false,
                3, 0);
        return DataLoader.load(spark, request).rows().glom().collect();
    }
}
