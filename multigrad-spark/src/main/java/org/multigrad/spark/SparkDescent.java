package org.multigrad.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Aggregator;
import org.multigrad.api.Jacobian;
import org.multigrad.api.TrainingHooks;
import org.multigrad.api.WeightedAggregator;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.optim.Adam;
import org.multigrad.optim.ParameterOptimizer;
import org.multigrad.optim.Sgd;
import org.multigrad.registry.MethodRegistry;

/**
 * Data-parallel multi-objective descent on Spark. Iteration k = 1, 2, ...:
 * <ol>
 * <li>broadcast x_k; {@code mapPartitionsWithIndex} computes each partition's loss sums, gradient
 *     sums (m x n) and row counts on the batch of iteration k ({@link BatchSampler});</li>
 * <li>the driver collects the P results and adds them in partition order (not with
 *     {@code treeAggregate}/{@code reduce}, which merge in arrival order and change the last bits), then
 *     divides by the counts: the losses L and the Jacobian J of the batch means;</li>
 * <li>the registered method maps (J, L) to a direction d (stateful, loss-based and wrapped methods
 *     included); the optimizer (sgd or adam) steps x_{k+1} = step(x_k, d); the method's
 *     {@link TrainingHooks#afterStep} gets the losses at x_{k+1} on the same batch when it needs them
 *     (FAMO: one more, losses-only pass);</li>
 * <li>every {@code checkpointEvery} iterations and after the last, a {@link DescentCheckpoint}.</li>
 * </ol>
 * A run is a function of the data, the settings and the seed: task completion order, retries and a
 * resume from a checkpoint do not change a bit. With the same partitions it equals the single-JVM
 * loop of {@link RowsProblem} under the core's descent driver bit for bit.
 */
public final class SparkDescent {
    private SparkDescent() {
    }

    /** Validates the settings that need no data: cheap errors first. */
    public static void validate(SparkRequest request) {
        if (!(request.lr() > 0) || !Double.isFinite(request.lr())) {
            throw new IllegalArgumentException("--lr must be a finite number > 0, got " + request.lr());
        }
        if (request.iterations() < 0) {
            throw new IllegalArgumentException("--iterations must be >= 0, got " + request.iterations());
        }
        if (request.checkpointEvery() < 0) {
            throw new IllegalArgumentException("--checkpoint-every must be >= 0, got " + request.checkpointEvery());
        }
        if (request.data().partitions() < 1) {
            throw new IllegalArgumentException("--partitions must be >= 1, got " + request.data().partitions());
        }
        new BatchSampler(request.batchFraction(), request.data().seed());
        if (!java.util.List.of("logistic", "linear", "mlp").contains(request.model())) {
            throw new IllegalArgumentException("--model " + request.model() + ": expected logistic, linear or mlp");
        }
        if (request.model().equals("mlp") && request.data().objectives().perGroup()) {
            throw new IllegalArgumentException("--model mlp has one head per label: use --objectives per-label");
        }
        if (request.model().equals("mlp") && request.hidden() < 1) {
            throw new IllegalArgumentException("--hidden must be >= 1, got " + request.hidden());
        }
        if (request.model().equals("linear") && !request.data().objectives().perGroup()) {
            throw new IllegalArgumentException("--model linear takes per-group:COLUMN objectives (one target column)");
        }
        optimizer(request);
        method(request);
        if (request.resume() && request.out() == null) {
            throw new IllegalArgumentException("--resume needs --out, the directory of the checkpoint");
        }
    }

    /** Loads the data and runs; {@code progress} sees each iteration's row (may be null). */
    public static SparkResult run(SparkSession spark, SparkRequest request, Consumer<MetricsRow> progress) {
        validate(request);
        TrainingData data = DataLoader.load(spark, request.data());
        return run(spark, request, data, model(request, data), progress);
    }

    /** The gradient function of the request's model and objectives on {@code data}. */
    public static GradientFunction model(SparkRequest request, TrainingData data) {
        boolean perGroup = request.data().objectives().perGroup();
        if (request.model().equals("linear")) {
            return new GroupLinear(data.features(), data.groups());
        }
        if (request.model().equals("mlp")) {
            return new SharedMlp(data.features(), request.hidden(), data.classes());
        }
        return perGroup ? new GroupLogistic(data.features(), data.classes(), data.groups())
                : new OneVsRestLogistic(data.features(), data.classes());
    }

    static ParameterOptimizer optimizer(SparkRequest request) {
        switch (request.optimizer()) {
            case "adam":
                return new Adam(request.lr(), 0);
            case "sgd":
                return new Sgd(request.lr(), 0);
            default:
                throw new IllegalArgumentException("--optimizer " + request.optimizer() + ": expected adam or sgd");
        }
    }

    static Aggregator method(SparkRequest request) {
        MethodSpec spec = MethodRegistry.get(request.method());
        if (spec.needsCurvature()) {
            throw new IllegalArgumentException("--method " + request.method() + " needs Hessian-vector products, which"
                    + " the Spark models do not provide");
        }
        return spec.create(request.params());
    }

    /** Runs on loaded data with the given model (the tests pass their own). */
    public static SparkResult run(SparkSession spark, SparkRequest request, TrainingData data, GradientFunction function,
                                  Consumer<MetricsRow> progress) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int m = function.objectives();
        int n = function.dimension();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            names.add(function.objectiveName(i));
        }
        Aggregator aggregator = method(request);
        ParameterOptimizer optimizer = optimizer(request);
        double[] x = function.start(request.data().seed());
        long first = 1;
        List<MetricsRow> history = new ArrayList<>();
        Path out = request.out();
        if (out != null) {
            createDirectories(out);
        }
        if (request.resume()) {
            DescentCheckpoint checkpoint = DescentCheckpoint.read(out);
            checkpoint.requireCompatible(request.fingerprint(), n, out);
            x = checkpoint.x();
            optimizer = checkpoint.optimizer();
            aggregator = checkpoint.method();
            first = checkpoint.iteration() + 1;
            history.addAll(Arrays.asList(checkpoint.rows()));
        } else {
            aggregator.reset();
            optimizer.reset();
        }
        long resumedFrom = first - 1;
        BatchSampler batch = new BatchSampler(request.batchFraction(), request.data().seed());
        TrainingHooks hooks = WeightedAggregator.hooks(aggregator);
        int partitions = data.layout().partitions();
        for (long k = first; k <= request.iterations(); k++) {
            long start = System.nanoTime();
            PartitionSums sums = pass(context, data, function, batch, x, k, true, request.fault(), partitions);
            long collected = System.nanoTime();
            double[] losses = sums.meanLosses();
            Jacobian jacobian = sums.meanJacobian();
            requireFinite(losses, jacobian, k);
            Aggregation aggregation = aggregator.aggregate(jacobian, losses);
            long aggregated = System.nanoTime();
            optimizer.step(x, aggregation.direction(), request.lr());
            requireFinite(x, k);
            long afterPass = 0;
            if (hooks != null) {
                double[] after = null;
                if (hooks.needsLossesAfterStep()) {
                    long passStart = System.nanoTime();
                    after = pass(context, data, function, batch, x, k, false, null, partitions).meanLosses();
                    afterPass = System.nanoTime() - passStart;
                }
                hooks.afterStep(after);
            }
            MetricsRow row = new MetricsRow(k, losses, aggregation.weights() == null ? null : aggregation.weights().clone(),
                    sums.rows(), seconds(collected - start + afterPass), seconds(aggregated - collected), 0);
            boolean checkpoint = out != null && (k == request.iterations()
                    || request.checkpointEvery() > 0 && k % request.checkpointEvery() == 0);
            if (checkpoint) {
                // the row's step time includes this checkpoint; the row itself is saved with the time so far
                List<MetricsRow> rows = withRow(history, row);
                new DescentCheckpoint(request.fingerprint(), k, x, optimizer, aggregator,
                        rows.toArray(new MetricsRow[0])).write(out);
                SparkOutput.writeMetrics(out, names.size(), request.data().seed(), rows);
            }
            row = new MetricsRow(k, row.losses(), row.weights(), row.rows(), row.jobSeconds(), row.aggregationSeconds(),
                    seconds(System.nanoTime() - aggregated - afterPass));
            history.add(row);
            if (progress != null) {
                progress.accept(row);
            }
        }
        double[] trainLosses = pass(context, data, function, BatchSampler.full(), x, 0, false, null, partitions).meanLosses();
        long last = Math.max(resumedFrom, request.iterations());
        SparkResult result = new SparkResult(request, names, data.layout().rows(), partitions, x, last, resumedFrom,
                history, trainLosses);
        if (out != null) {
            SparkOutput.write(out, result);
        }
        return result;
    }

    /** One pass over the batch of iteration k at x: the partitions' sums added in partition order. */
    static PartitionSums pass(JavaSparkContext context, TrainingData data, GradientFunction function, BatchSampler batch,
                              double[] x, long k, boolean gradients, FaultHook fault, int partitions) {
        Broadcast<double[]> shared = context.broadcast(x.clone());
        try {
            List<PartitionSums> parts = data.rows()
                    .mapPartitionsWithIndex(new GradientPass(shared, function, batch, k, gradients, fault), true)
                    .collect();
            if (parts.size() != partitions) {
                throw new IllegalStateException("expected one result per partition (" + partitions + "), got " + parts.size());
            }
            return PartitionSums.total(parts, function.objectives(), function.dimension(), gradients);
        } finally {
            shared.destroy();
        }
    }

    private static List<MetricsRow> withRow(List<MetricsRow> history, MetricsRow row) {
        List<MetricsRow> rows = new ArrayList<>(history);
        rows.add(row);
        return rows;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void requireFinite(double[] losses, Jacobian jacobian, long k) {
        for (int i = 0; i < losses.length; i++) {
            if (!Double.isFinite(losses[i])) {
                throw new IllegalStateException("objective " + (i + 1) + " is " + losses[i] + " at iteration " + k
                        + "; lower the learning rate or scale the features");
            }
        }
        double[] entries = jacobian.data();
        for (int e = 0; e < entries.length; e++) {
            if (!Double.isFinite(entries[e])) {
                throw new IllegalStateException("the gradient of objective " + (e / jacobian.parameters() + 1)
                        + " is not finite at iteration " + k + "; lower the learning rate or scale the features");
            }
        }
    }

    private static void requireFinite(double[] x, long k) {
        for (int j = 0; j < x.length; j++) {
            if (!Double.isFinite(x[j])) {
                throw new IllegalStateException("parameter " + (j + 1) + " became " + x[j] + " at iteration " + k
                        + "; lower the learning rate");
            }
        }
    }

    private static void createDirectories(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a directory");
        }
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--out " + out + ": cannot create the directory (" + e.getMessage() + ")");
        }
    }
}
