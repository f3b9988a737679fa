package org.multigrad.spark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Aggregator;
import org.multigrad.optim.Adam;
import org.multigrad.registry.MethodRegistry;

/**
 * bench/spark.sh: seconds per iteration and rows per second of {@link SparkDescent} on
 * synthetic-logistic data (per-label objectives, mgda, Adam) for each master and partition count,
 * against the single-JVM path on the same rows (the same generator and gradient function in one
 * loop, no Spark). Prints a Markdown table; each configuration runs {@code iterations} iterations
 * and reports the mean of all but the first (JIT warm-up, broadcast set-up). Driver peak memory is
 * the JVM's peak heap during the configuration: in local mode the executors share the driver's JVM,
 * so it bounds the driver's own share from above.
 *
 * <p>Arguments: rows features classes iterations masters(comma-separated) partitions(comma-separated).
 */
public final class SparkBenchmark {
    private SparkBenchmark() {
    }

    public static void main(String[] args) {
        long rows = Long.parseLong(args[0]);
        int features = Integer.parseInt(args[1]);
        int classes = Integer.parseInt(args[2]);
        int iterations = Integer.parseInt(args[3]);
        String data = "synthetic-logistic:rows=" + rows + ",features=" + features + ",classes=" + classes;
        System.out.println("| path | partitions | s / iteration | rows / s | Spark jobs | aggregation | step | heap peak (MB) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        System.out.println(singleJvm(new SyntheticLogistic(rows, features, classes), iterations));
        for (String master : args[4].split(",")) {
            SparkSession spark = SparkSession.builder().master(master).appName("multigrad-spark-bench")
                    .config("spark.ui.enabled", "false").getOrCreate();
            for (String partitions : args[5].split(",")) {
                resetPeaks();
                DataLoader.Request request = new DataLoader.Request(data, null, "label", Objectives.parse("per-label"), null,
                        false, Integer.parseInt(partitions), 0);
                SparkResult result = SparkDescent.run(spark, new SparkRequest(request, "logistic", 0, "mgda", Map.of(), "adam",
                        0.01, iterations, 1.0, 0, null, false, null), null);
                System.out.println(row(master, partitions, result.history(), heapPeakMegabytes()));
            }
            spark.stop();
        }
    }

    private static String singleJvm(SyntheticLogistic generator, int iterations) {
        resetPeaks();
        GradientFunction function = new OneVsRestLogistic(generator.features(), generator.classes());
        RowLayout layout = new RowLayout(generator.rows(), 1);
        Aggregator method = MethodRegistry.get("mgda").create(Map.of());
        Adam adam = new Adam(0.01, 0);
        double[] x = new double[function.dimension()];
        List<MetricsRow> history = new ArrayList<>();
        for (int k = 1; k <= iterations; k++) {
            long start = System.nanoTime();
            PartitionSums sums = function.sum(x, generator.partition(0, layout, 0), BatchSampler.full(), k, true);
            long summed = System.nanoTime();
            Aggregation aggregation = method.aggregate(sums.meanJacobian(), sums.meanLosses());
            long aggregated = System.nanoTime();
            adam.step(x, aggregation.direction(), 0.01);
            long stepped = System.nanoTime();
            history.add(new MetricsRow(k, sums.meanLosses(), aggregation.weights(), sums.rows(), (summed - start) / 1e9,
                    (aggregated - summed) / 1e9, (stepped - aggregated) / 1e9));
        }
        return row("single JVM (no Spark)", "1", history, heapPeakMegabytes());
    }

    private static String row(String path, String partitions, List<MetricsRow> history, long heapPeak) {
        double job = 0;
        double aggregation = 0;
        double step = 0;
        long rows = 0;
        int counted = 0;
        for (MetricsRow row : history.subList(Math.min(1, history.size() - 1), history.size())) {
            job += row.jobSeconds();
            aggregation += row.aggregationSeconds();
            step += row.stepSeconds();
            rows += row.rows();
            counted++;
        }
        double total = (job + aggregation + step) / counted;
        return String.format(Locale.ROOT, "| %s | %s | %.2f | %.0f | %.1f%% | %.2f%% | %.3f%% | %d |", path, partitions, total,
                rows / counted / total, 100 * job / counted / total, 100 * aggregation / counted / total,
                100 * step / counted / total, heapPeak);
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long heapPeakMegabytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
