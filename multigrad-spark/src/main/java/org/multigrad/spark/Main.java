package org.multigrad.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code multigrad-spark}: multi-objective training on Spark, from the launcher (local mode) or from
 * {@code spark-submit --class org.multigrad.spark.Main multigrad-spark.jar} with the same options.
 * Parses the options, validates them before Spark starts, runs {@link SparkDescent}, writes
 * metrics.csv and result.json. Bad options, bad data and unusable files end with one sentence on
 * standard error and exit status 2.
 */
@Command(name = "multigrad-spark", sortOptions = false,
        description = "Data-parallel multi-objective training on Apache Spark: per-partition gradient sums, added in"
                + " partition order on the driver, aggregated by any MultiGrad method.")
public final class Main implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--data", required = true, paramLabel = "FILE|synthetic-logistic:rows=N,features=D,classes=C",
            description = "CSV (with header), Parquet or LibSVM file, or generated data")
    String data;

    @Option(names = "--format", paramLabel = "csv|parquet|libsvm", description = "the file format (default: from the name)")
    String format;

    @Option(names = "--label", paramLabel = "COLUMN", description = "the label column (default: ${DEFAULT-VALUE})")
    String label = "label";

    @Option(names = "--features", split = ",", paramLabel = "COLUMN",
            description = "the feature columns of a CSV or Parquet table (default: every column but the label and group)")
    List<String> features;

    @Option(names = "--model", paramLabel = "logistic|linear|mlp", description = "the model (default: ${DEFAULT-VALUE})")
    String model = "logistic";

    @Option(names = "--hidden", paramLabel = "H", description = "hidden units of the mlp model (default: ${DEFAULT-VALUE})")
    int hidden = 32;

    @Option(names = "--objectives", required = true, paramLabel = "per-label|per-group:COLUMN",
            description = "one objective per class label, or per value of a group column")
    String objectives;

    @Option(names = "--groups", split = ",", paramLabel = "G",
            description = "the groups of per-group objectives, in objective order (default: the values found, sorted);"
                    + " each must occur in the data")
    List<String> groups;

    @Option(names = "--method", paramLabel = "M", description = "a MultiGrad method, e.g. mgda, nash-mtl, famo,"
            + " cr-mogm(mgda) (default: ${DEFAULT-VALUE})")
    String method = "mgda";

    @Option(names = {"-p", "--param"}, paramLabel = "K=V", description = "method parameter, repeatable")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--optimizer", paramLabel = "adam|sgd", description = "(default: ${DEFAULT-VALUE})")
    String optimizer = "adam";

    @Option(names = "--lr", description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr = 0.01;

    @Option(names = "--iterations", description = "iterations, counted over resumes (default: ${DEFAULT-VALUE})")
    long iterations = 200;

    @Option(names = "--batch-fraction", paramLabel = "F", description = "share of rows per iteration, in (0, 1]"
            + " (default: ${DEFAULT-VALUE})")
    double batchFraction = 1.0;

    @Option(names = "--partitions", description = "data partitions (default: ${DEFAULT-VALUE})")
    int partitions = 8;

    @Option(names = "--seed", description = "seed of the batches and of synthetic data (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--checkpoint-every", paramLabel = "K", description = "checkpoint every K iterations and after the"
            + " last; 0: after the last only (default: ${DEFAULT-VALUE})")
    long checkpointEvery = 10;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory: metrics.csv,"
            + " result.json, checkpoint.bin")
    Path out;

    @Option(names = "--resume", description = "continue from the checkpoint in --out, bit for bit")
    boolean resume;

    @Option(names = "--force", description = "start over in an --out that holds an earlier run (deletes its"
            + " metrics.csv, result.json, checkpoint.bin and plots)")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A test hook ({@code ITERATION:PARTITION}): that task's first attempt fails. */
    @Option(names = "--fail-first-attempt", hidden = true)
    String failFirstAttempt;

    public static void main(String[] args) {
        int status = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        SparkSession.getActiveSession().foreach(session -> {
            session.stop();
            return null;
        });
        System.exit(status);
    }

    /** Runs the command and returns the exit status (the Spark session, if any, is left running). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            exception.getCommandLine().getErr().println("multigrad-spark: " + exception.getMessage()
                    + " (multigrad-spark --help lists the options)");
            exception.getCommandLine().getErr().flush();
            return 2;
        });
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            String message = userError(exception);
            if (message == null) {
                throw exception;
            }
            cmd.getErr().println("multigrad-spark: " + message);
            cmd.getErr().flush();
            return 2;
        });
        return commandLine.execute(args);
    }

    /** The sentence of an error the user must fix (also inside a failed Spark job), or null for a bug. */
    static String userError(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException) {
                return cause.getMessage();
            }
            if (cause instanceof java.io.UncheckedIOException || cause instanceof org.apache.spark.sql.AnalysisException) {
                return cause.getMessage();
            }
        }
        return null;
    }

    @Override
    public Integer call() {
        SparkRequest request = request();
        SparkDescent.validate(request);
        prepareOutput();
        SparkSession.Builder builder = SparkSession.builder().appName("multigrad-spark");
        if (master != null) {
            builder.master(master);
        } else if (System.getProperty("spark.master") == null) {
            builder.master("local[*]");
        }
        SparkSession spark = builder.getOrCreate();
        PrintWriter log = spec.commandLine().getOut();
        long every = Math.max(1, iterations / 10);
        PrintWriter progress = spec.commandLine().getErr();
        SparkResult result = SparkDescent.run(spark, request, row -> {
            if (row.step() % every == 0 || row.step() == iterations) {
                double worst = Arrays.stream(row.losses()).max().orElse(Double.NaN);
                progress.println(String.format(Locale.ROOT, "iteration %d/%d: worst batch loss %.6g, %.3f s (Spark %.3f s)",
                        row.step(), iterations, worst, row.jobSeconds() + row.aggregationSeconds() + row.stepSeconds(),
                        row.jobSeconds()));
                progress.flush();
            }
        });
        log.println(String.format(Locale.ROOT, "multigrad-spark: %d iterations, %d rows in %d partitions, worst training"
                        + " loss %.6g; %s", result.iterations(), result.rows(), result.partitions(), result.worstTrainLoss(),
                out.resolve(SparkOutput.RESULT)));
        return 0;
    }

    /** Refuses to overwrite an earlier run unless --resume or --force (which deletes its files). */
    private void prepareOutput() {
        if (resume || !java.nio.file.Files.isDirectory(out)) {
            return;
        }
        List<String> files = List.of(SparkOutput.METRICS, SparkOutput.RESULT, DescentCheckpoint.FILE, SparkPlots.LOSSES,
                SparkPlots.WEIGHTS);
        boolean earlier = files.stream().anyMatch(name -> java.nio.file.Files.exists(out.resolve(name)));
        if (earlier && !force) {
            throw new IllegalArgumentException("--out " + out + " holds an earlier run: give --resume to continue it or"
                    + " --force to start over");
        }
        try {
            for (String name : files) {
                java.nio.file.Files.deleteIfExists(out.resolve(name));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot delete the earlier run in " + out + ": " + e.getMessage(), e);
        }
    }

    SparkRequest request() {
        FaultHook fault = null;
        if (failFirstAttempt != null) {
            String[] parts = failFirstAttempt.split(":");
            try {
                fault = new FaultHook(Long.parseLong(parts[0]), Integer.parseInt(parts[parts.length - 1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--fail-first-attempt takes ITERATION:PARTITION, got " + failFirstAttempt);
            }
        }
        DataLoader.Request dataRequest = new DataLoader.Request(data, format, label, Objectives.parse(objectives),
                groups == null ? null : List.copyOf(groups), model.equals("linear"), partitions, seed,
                features == null ? null : List.copyOf(features));
        return new SparkRequest(dataRequest, model, hidden, method, params, optimizer, lr, iterations, batchFraction,
                checkpointEvery, out, resume, fault);
    }

    @Override
    public String toString() {
        return "multigrad-spark " + Arrays.asList(data, objectives, method);
    }
}
