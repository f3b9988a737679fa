package org.multigrad.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.multigrad.api.Aggregator;
import org.multigrad.api.TrainingHooks;
import org.multigrad.api.WeightedAggregator;
import org.multigrad.descent.DescentDriver;
import org.multigrad.optim.Adam;
import org.multigrad.optim.StepSchedule;
import org.multigrad.registry.MethodRegistry;

/**
 * One local Spark session for every test class of the module (a JVM holds one SparkContext):
 * {@code local[2,4]}, two worker threads and up to four attempts per task, so the fault test's
 * retry works and every other test runs as on {@code local[2]}.
 */
final class LocalSpark {
    static final String MASTER = "local[2,4]";
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null || session.sparkContext().isStopped()) {
            session = SparkSession.builder().master(MASTER).appName("multigrad-spark-test")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4")
                    .getOrCreate();
        }
        return session;
    }

    static DataLoader.Request synthetic(String spec, String objectives, int partitions, long seed) {
        return new DataLoader.Request(spec, null, "label", Objectives.parse(objectives), null, false, partitions, seed);
    }

    static SparkRequest request(DataLoader.Request data, String method, double fraction, long iterations, Path out,
                                boolean resume, FaultHook fault) {
        return new SparkRequest(data, "logistic", 0, method, Map.of(), "adam", 0.05, iterations, fraction, 5, out, resume,
                fault);
    }

    /** The single-JVM path's trajectory: the core's descent driver on the same partitions' rows. */
    record Reference(double[] x, List<double[]> losses, List<double[]> weights) {
    }

    static Reference reference(TrainingData data, GradientFunction function, String method, double fraction, long seed,
                               long iterations) {
        List<List<Example>> partitions = data.rows().glom().collect();
        RowsProblem problem = new RowsProblem(function, partitions, new BatchSampler(fraction, seed));
        Aggregator aggregator = MethodRegistry.get(method).create(Map.of());
        TrainingHooks hooks = WeightedAggregator.hooks(aggregator);
        List<double[]> losses = new ArrayList<>();
        List<double[]> weights = new ArrayList<>();
        double[] x = DescentDriver.builder(problem, aggregator)
                .optimizer(new Adam(0.05, 0))
                .learningRate(0.05, StepSchedule.CONSTANT)
                .steps(iterations)
                .project(false)
                .onStep(step -> {
                    losses.add(step.sampledValues().clone());
                    weights.add(step.weights().clone());
                    // the loop contract of TrainingHooks, which the Spark driver follows too
                    if (hooks != null) {
                        hooks.afterStep(hooks.needsLossesAfterStep() ? problem.batchLosses(step.x()) : null);
                    }
                })
                .build()
                .run(function.start(seed))
                .x();
        return new Reference(x, losses, weights);
    }
}
