package org.multigrad.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Group objectives on Fashion-MNIST (Debian's dataset-fashion-mnist): softmax regression on the 784
 * pixels / 255, one objective per group of classes, tops (T-shirt, pullover, coat, shirt), footwear
 * (sandal, sneaker, ankle boot) and other (trouser, dress, bag). After 100 gradient steps (SGD,
 * lr 0.1, full batch) the worst group's training loss under mgda and mean is reported, and mgda's
 * must be the lower (it moves along a common descent direction of the three group losses). The
 * first 5,000 training images by default; {@code -Dmultigrad.spark.fashionRows=60000} runs the full
 * set for docs/spark.md ({@code fashionOptimizer}, {@code fashionLr}, {@code fashionIterations} too).
 */
class FashionGroupsTest {
    private static final Path IMAGES = Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
    private static final Path LABELS = Path.of("/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz");
    private static final String OPTIMIZER = System.getProperty("multigrad.spark.fashionOptimizer", "sgd");
    private static final double LR = Double.parseDouble(System.getProperty("multigrad.spark.fashionLr", "0.1"));
    /** Class → group: 0 tops, 1 footwear, 2 other. */
    private static final int[] GROUP = {0, 2, 0, 2, 0, 1, 0, 1, 2, 1};

    @Test
    void worstGroupLossMgdaAgainstMean() throws IOException {
        assumeTrue(Files.exists(IMAGES) && Files.exists(LABELS), "Fashion-MNIST is not installed (dataset-fashion-mnist)");
        int count = Integer.getInteger("multigrad.spark.fashionRows", 5000);
        int iterations = Integer.getInteger("multigrad.spark.fashionIterations", 100);
        List<Example> rows = read(count);
        SparkSession spark = LocalSpark.session();
        TrainingData data = DataLoader.fromRows(spark, rows, 4, 784, 10, List.of("tops", "footwear", "other"));
        data.rows().count();
        StringBuilder report = new StringBuilder();
        java.util.Map<String, Double> worst = new java.util.HashMap<>();
        for (String method : List.of("mean", "mgda")) {
            DataLoader.Request request = new DataLoader.Request("fashion-mnist", null, "label",
                    Objectives.parse("per-group:group"), null, false, 4, 0);
            SparkRequest run = new SparkRequest(request, "logistic", 0, method, java.util.Map.of(), OPTIMIZER, LR, iterations,
                    1.0, 0, null, false, null);
            long start = System.nanoTime();
            SparkResult result = SparkDescent.run(spark, run, data, SparkDescent.model(run, data), null);
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] losses = result.trainLosses();
            report.append(String.format(Locale.ROOT, "%s: worst-group training loss %.4f (tops %.4f, footwear %.4f,"
                    + " other %.4f), %.1f s%n", method, result.worstTrainLoss(), losses[0], losses[1], losses[2], seconds));
            assertTrue(Double.isFinite(result.worstTrainLoss()), method);
            worst.put(method, result.worstTrainLoss());
            System.out.println(method + " worst batch loss by iteration: " + result.history().stream()
                    .filter(row -> row.step() % 10 == 1).map(row -> String.format(Locale.ROOT, "%.4f",
                            java.util.Arrays.stream(row.losses()).max().orElseThrow())).toList());
        }
        System.out.print("FashionGroupsTest, " + count + " rows, " + iterations + " iterations, " + OPTIMIZER + " lr " + LR
                + ":\n" + report);
        if (OPTIMIZER.equals("sgd")) {
            assertTrue(worst.get("mgda") < worst.get("mean"), "mgda's worst-group loss is not below mean's: " + worst);
        }
    }

    private static List<Example> read(int count) throws IOException {
        List<Example> rows = new ArrayList<>();
        try (DataInputStream images = open(IMAGES); DataInputStream labels = open(LABELS)) {
            if (images.readInt() != 2051 || labels.readInt() != 2049) {
                throw new IOException("not IDX image and label files");
            }
            int available = images.readInt();
            int height = images.readInt();
            int width = images.readInt();
            labels.readInt();
            int pixels = height * width;
            byte[] image = new byte[pixels];
            for (int r = 0; r < Math.min(count, available); r++) {
                images.readFully(image);
                int label = labels.readUnsignedByte();
                double[] features = new double[pixels];
                for (int j = 0; j < pixels; j++) {
                    features[j] = (image[j] & 0xFF) / 255.0;
                }
                rows.add(new Example(r, features, label, GROUP[label]));
            }
        }
        return rows;
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
        return new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
    }
}
