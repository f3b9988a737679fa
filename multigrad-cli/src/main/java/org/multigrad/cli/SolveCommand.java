package org.multigrad.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.multigrad.api.Aggregator;
import org.multigrad.descent.DescentDriver;
import org.multigrad.descent.SampleSchedule;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.metric.Hypervolume;
import org.multigrad.metric.Igd;
import org.multigrad.metric.ParetoStationarity;
import org.multigrad.metric.SampleStatistics;
import org.multigrad.optim.Adam;
import org.multigrad.optim.ParameterOptimizer;
import org.multigrad.optim.Sgd;
import org.multigrad.optim.StepSchedule;
import org.multigrad.problem.FiniteSumProblem;
import org.multigrad.problem.InputNoiseProblem;
import org.multigrad.problem.MiniBatchProblem;
import org.multigrad.problem.NoisyProblem;
import org.multigrad.problem.Problem;
import org.multigrad.problem.ProblemRegistry;
import org.multigrad.registry.MethodRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code multigrad solve}: runs one or more methods on an analytic test problem with the descent
 * driver and writes {@code trajectory.csv}, {@code summary.json} and PNG plots.
 */
@Command(name = "solve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run multi-objective descent on a test problem and write trajectory.csv, summary.json and plots.",
            "Problems: crmogm-stochastic, crmogm-finite-sum, cagrad-toy, vlmop2, zdt1, zdt2, zdt3, bk1, dgo1, lov1, mop5,",
            "amoo-specification, amoo-selection, amoo-curvature (aligned; Hessian-vector products for camoo).",
            "Methods: any registered method (multigrad list), wrapper(method) such as cr-mogm(mgda) or periodic(mgda),"
                + " and dssmg (MGDA on N_k = max(nb, ceil(k^q)) averaged draws; --param nb=32 --param q=0.1).",
            "Writes DIR/trajectory.csv (method, start, seed, step, f1..fm exact objectives at x_k,"
                + " distance_to_pareto_set when known, stationarity (box-aware min ||J^T lambda||), weights w1..wm,"
                + " x1..xn; step 0 is the start), DIR/summary.json (final values, mean and std over runs, distances at"
                + " steps 1, 10, 100, ..., hypervolume with --reference, IGD when the true front is known) and PNG"
                + " plots (objectives, distance, stationarity, weights vs step; trajectories over contours for n = 2)."})
final class SolveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--problem", required = true, paramLabel = "NAME", description = "test problem")
    String problemName;

    @Option(names = "--method", required = true, split = ",(?![^(]*\\))", splitSynopsisLabel = ",", paramLabel = "M",
            description = "methods, comma-separated; their curves share the plots")
    List<String> methods;

    @Option(names = "--param", paramLabel = "k=v",
            description = "method parameter; applied to every listed method that declares it")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--smooth", paramLabel = "S",
            description = "wrap every method in cr-mogm with this schedule: corollary1, constant (alpha via --param) or average")
    String smooth;

    @Option(names = "--optimizer", defaultValue = "sgd", paramLabel = "sgd|adam", description = "default: ${DEFAULT-VALUE}")
    String optimizer;

    @Option(names = "--momentum", defaultValue = "0", description = "SGD momentum (default: ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--lr", defaultValue = "0.01", description = "initial step size eta0 (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--schedule", defaultValue = "constant", paramLabel = "S",
            description = "constant, inv-sqrt (eta0/sqrt(k)) or inv (eta0/k); default: ${DEFAULT-VALUE}")
    String schedule;

    @Option(names = "--steps", defaultValue = "1000", description = "steps per run (default: ${DEFAULT-VALUE})")
    long steps;

    @Option(names = "--seeds", defaultValue = "1", description = "runs per start point (default: ${DEFAULT-VALUE}); start i uses seeds i*K .. i*K+K-1")
    int seeds;

    @Option(names = "--noise", defaultValue = "0", paramLabel = "SIGMA",
            description = "additive Gaussian noise on every gradient entry (default: ${DEFAULT-VALUE})")
    double noise;

    @Option(names = "--input-noise", defaultValue = "0", paramLabel = "FRACTION",
            description = "evaluate draws at x + N(0, (FRACTION*(ub - lb))^2), seed 004's noise model (default: ${DEFAULT-VALUE})")
    double inputNoise;

    @Option(names = "--batch", paramLabel = "B", description = "mini-batch size for finite-sum problems (default 1)")
    Integer batch;

    @Option(names = "--start", paramLabel = "x1,x2,...|all|random:N",
            description = "start point; 'all': the problem's standard start points; 'random:N': N points uniform in the"
                    + " box (seed 12345); default: the first standard start point")
    String start;

    @Option(names = "--reference", split = ",", paramLabel = "r1,r2[,r3]",
            description = "reference point: report the hypervolume of each method's final points")
    List<Double> reference;

    @Option(names = "--record-every", defaultValue = "0", paramLabel = "N",
            description = "record every N-th step; 0 (default) records about 600 log-spaced steps and every power of 10")
    long recordEvery;

    @Option(names = "--no-plots", description = "skip the PNG plots")
    boolean noPlots;

    @Option(names = "--no-progress", description = "no progress bar on stderr")
    boolean noProgress;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (created; refused when"
            + " it already holds files, unless --force)")
    Path out;

    @Mixin
    ForceOption force;

    /** One method as run: its label, a factory of fresh aggregators, and its sample schedule. */
    record MethodRun(String label, Supplier<Aggregator> aggregator, SampleSchedule samples, boolean curvature) {
        MethodRun(String label, Supplier<Aggregator> aggregator, SampleSchedule samples) {
            this(label, aggregator, samples, false);
        }
    }

    /** The recorded trace of one run (method, start, seed). */
    static final class Trace {
        final String method;
        final int start;
        final long seed;
        final List<Long> steps = new ArrayList<>();
        final List<double[]> values = new ArrayList<>();
        final List<Double> distance = new ArrayList<>();
        final List<Double> stationarity = new ArrayList<>();
        final List<double[]> weights = new ArrayList<>();
        final List<double[]> points = new ArrayList<>();
        String stopReason;
        long stepsTaken;

        Trace(String method, int start, long seed) {
            this.method = method;
            this.start = start;
            this.seed = seed;
        }
    }

    @Override
    public Integer call() throws IOException {
        // before any AWT class initialises: the plots are rendered off-screen, also without a display
        System.setProperty("java.awt.headless", "true");
        validate();
        Problem base = ProblemRegistry.get(problemName);
        Problem problem = base;
        if (base instanceof FiniteSumProblem) {
            problem = new MiniBatchProblem((FiniteSumProblem) base, batch == null ? 1 : batch);
        } else if (batch != null) {
            throw new IllegalArgumentException("--batch " + batch + ": problem " + problemName + " is not a finite sum;"
                    + " only crmogm-finite-sum takes a batch size");
        }
        if (inputNoise > 0) {
            problem = new InputNoiseProblem(problem, inputNoise);
        }
        if (noise > 0) {
            problem = new NoisyProblem(problem, noise);
        }
        List<double[]> starts = starts(base);
        List<MethodRun> runs = resolveMethods();
        OutputDirectory.replace(out, force.force, ForceOption.OUTPUTS);
        List<Trace> traces = new ArrayList<>();
        Progress progress = new Progress(spec.commandLine().getErr(),
                !noProgress && (double) steps * seeds * starts.size() * runs.size() >= 200_000,
                steps * seeds * starts.size() * runs.size());
        int m = base.objectives();
        int n = base.dimension();
        try (BufferedWriter csv = Files.newBufferedWriter(out.resolve("trajectory.csv"), StandardCharsets.UTF_8)) {
            csv.write(header(base));
            for (MethodRun run : runs) {
                for (int s = 0; s < starts.size(); s++) {
                    for (long index = 0; index < seeds; index++) {
                        // one seed per run: seeds 0..K-1 from the first start, K..2K-1 from the second, ...
                        long seed = (long) s * seeds + index;
                        Trace trace = new Trace(run.label(), s, seed);
                        double[] exactValues = new double[m];
                        double[] exactJacobian = new double[m * n];
                        record(base, trace, 0, starts.get(s), null, exactValues, exactJacobian, csv);
                        final Problem stepProblem = problem;
                        DescentDriver.Result result = DescentDriver.builder(stepProblem, run.aggregator().get())
                                .optimizer(optimizer()).learningRate(lr, StepSchedule.parse(schedule)).steps(steps)
                                .seed(seed).samples(run.samples()).curvature(run.curvature()).onStep(step -> {
                                    progress.advance(run.label(), trace.seed);
                                    if (shouldRecord(step.index())) {
                                        record(base, trace, step.index(), step.x(), step.weights(), exactValues,
                                                exactJacobian, csv);
                                    }
                                }).build().run(starts.get(s));
                        if (trace.steps.get(trace.steps.size() - 1) != result.steps()) {
                            record(base, trace, result.steps(), result.x(), null, exactValues, exactJacobian, csv);
                        }
                        trace.stopReason = result.stopReason();
                        trace.stepsTaken = result.steps();
                        traces.add(trace);
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        progress.finish();
        Map<String, Object> summary = summary(base, starts, runs, traces);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("summary.json").toFile(), summary);
        List<String> written = new ArrayList<>(List.of("trajectory.csv", "summary.json"));
        if (!noPlots) {
            written.addAll(SolvePlots.write(out, base, runs.stream().map(MethodRun::label).toList(), traces));
        }
        PrintWriter console = spec.commandLine().getOut();
        printTable(console, base, summary);
        console.println("wrote " + String.join(", ", written) + " to " + out);
        return 0;
    }

    private void validate() {
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("--lr must be finite and > 0, got " + lr);
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("--noise must be finite and >= 0, got " + noise);
        }
        if (!(inputNoise >= 0) || !Double.isFinite(inputNoise)) {
            throw new IllegalArgumentException("--input-noise must be finite and >= 0, got " + inputNoise);
        }
        if (recordEvery < 0) {
            throw new IllegalArgumentException("--record-every must be >= 0, got " + recordEvery);
        }
        StepSchedule.parse(schedule);
        optimizer();
    }

    /** The optimizer; its learning rate is the schedule's η0, the driver passes η_k at every step. */
    private ParameterOptimizer optimizer() {
        switch (optimizer.trim().toLowerCase(Locale.ROOT)) {
            case "sgd":
                return new Sgd(lr, momentum, 0);
            case "adam":
                return new Adam(lr, 0);
            default:
                throw new IllegalArgumentException("--optimizer must be sgd or adam, got '" + optimizer + "'");
        }
    }

    private List<double[]> starts(Problem problem) {
        if (start == null) {
            return List.of(problem.startPoints().get(0));
        }
        if (start.trim().equalsIgnoreCase("all")) {
            return problem.startPoints();
        }
        if (start.trim().toLowerCase(Locale.ROOT).startsWith("random:")) {
            return randomStarts(problem, start.trim().substring("random:".length()));
        }
        String[] parts = start.split(",");
        double[] x = new double[parts.length];
        for (int j = 0; j < parts.length; j++) {
            try {
                x[j] = Double.parseDouble(parts[j].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--start: coordinate " + (j + 1) + " '" + parts[j] + "' is not a number");
            }
        }
        problem.requirePoint(x);
        return List.of(x);
    }

    private static List<double[]> randomStarts(Problem problem, String countText) {
        int count;
        try {
            count = Integer.parseInt(countText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--start random:N needs a whole number N, got '" + countText + "'");
        }
        if (count < 1) {
            throw new IllegalArgumentException("--start random:N needs N >= 1, got " + count);
        }
        double[] lower = problem.lowerBounds();
        double[] upper = problem.upperBounds();
        for (int j = 0; j < lower.length; j++) {
            if (!Double.isFinite(upper[j] - lower[j])) {
                throw new IllegalArgumentException("--start random:N draws in the box, but coordinate " + (j + 1)
                        + " of " + problem.name() + " is unbounded");
            }
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(12345);
        List<double[]> starts = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            double[] x = new double[lower.length];
            for (int j = 0; j < x.length; j++) {
                x[j] = lower[j] + (upper[j] - lower[j]) * random.nextDouble();
            }
            starts.add(x);
        }
        return starts;
    }

    private List<MethodRun> resolveMethods() {
        Set<String> used = new LinkedHashSet<>();
        List<MethodRun> runs = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (String raw : methods) {
            String name = raw.trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("--method: empty method name in '" + String.join(",", methods) + "'");
            }
            MethodRun run = name.equals("dssmg") ? dssmg(used) : registered(name, used);
            if (!labels.add(run.label())) {
                throw new IllegalArgumentException("--method: " + run.label() + " is listed twice");
            }
            runs.add(run);
        }
        for (String key : params.keySet()) {
            if (!used.contains(key)) {
                throw new IllegalArgumentException("--param " + key + ": none of the methods " + labels
                        + " has a parameter of that name");
            }
        }
        return runs;
    }

    private MethodRun dssmg(Set<String> used) {
        Map<String, String> own = new LinkedHashMap<>();
        for (String key : List.of("nb", "q")) {
            if (params.containsKey(key)) {
                own.put(key, params.get(key));
                used.add(key);
            }
        }
        int minimum = (Integer) ParamSpec.integer("nb", 32, 1, Integer.MAX_VALUE, "").parse("dssmg",
                own.getOrDefault("nb", "32"));
        double exponent = (Double) ParamSpec.realAbove("q", 0.1, 0, 10, "").parse("dssmg", own.getOrDefault("q", "0.1"));
        MethodSpec mgda = MethodRegistry.get(Smoothing.wrap("mgda", smooth));
        Map<String, String> mgdaParams = smoothParams(mgda, used);
        return new MethodRun(Smoothing.wrap("dssmg", smooth), () -> mgda.create(mgdaParams),
                SampleSchedule.dssmg(minimum, exponent));
    }

    private MethodRun registered(String name, Set<String> used) {
        MethodSpec spec = MethodRegistry.get(Smoothing.wrap(name, smooth));
        Map<String, String> own = smoothParams(spec, used);
        MethodSpec resolved = spec;
        resolved.resolve(own);
        return new MethodRun(resolved.name(), () -> resolved.create(own), SampleSchedule.single(),
                resolved.needsCurvature());
    }

    private Map<String, String> smoothParams(MethodSpec spec, Set<String> used) {
        Map<String, String> own = new LinkedHashMap<>();
        for (ParamSpec param : spec.params()) {
            if (params.containsKey(param.name())) {
                own.put(param.name(), params.get(param.name()));
                used.add(param.name());
            }
        }
        if (Smoothing.addSchedule(own, smooth)) {
            used.add("schedule");
        }
        return own;
    }

    private boolean shouldRecord(long step) {
        if (recordEvery > 0) {
            return step % recordEvery == 0 || step == steps;
        }
        if (step <= 20 || step == steps) {
            return true;
        }
        long power = 10;
        while (power < step) {
            power *= 10;
        }
        if (power == step) {
            return true;
        }
        // about 600 log-spaced steps over [20, steps]: record when ⌊log(step)/h⌋ changes
        double h = Math.log(Math.max(steps, 21) / 20.0) / 600;
        return Math.floor(Math.log(step / 20.0) / h) != Math.floor(Math.log((step - 1) / 20.0) / h);
    }

    private String header(Problem problem) {
        StringBuilder line = new StringBuilder("method,start,seed,step");
        for (int i = 1; i <= problem.objectives(); i++) {
            line.append(",f").append(i);
        }
        if (problem.hasParetoSet()) {
            line.append(",distance_to_pareto_set");
        }
        line.append(",stationarity");
        for (int i = 1; i <= problem.objectives(); i++) {
            line.append(",w").append(i);
        }
        for (int j = 1; j <= problem.dimension(); j++) {
            line.append(",x").append(j);
        }
        return line.append('\n').toString();
    }

    private static void record(Problem problem, Trace trace, long step, double[] x, double[] weights,
                               double[] values, double[] jacobian, BufferedWriter csv) {
        problem.evaluate(x, values, jacobian);
        double distance = problem.hasParetoSet() ? problem.distanceToParetoSet(x) : Double.NaN;
        double stationarity = ParetoStationarity.of(problem, x, jacobian);
        trace.steps.add(step);
        trace.values.add(values.clone());
        trace.distance.add(distance);
        trace.stationarity.add(stationarity);
        trace.weights.add(weights == null ? null : weights.clone());
        trace.points.add(x.clone());
        StringBuilder line = new StringBuilder();
        line.append(csvField(trace.method)).append(',').append(trace.start).append(',').append(trace.seed).append(',')
                .append(step);
        for (double value : values) {
            line.append(',').append(value);
        }
        if (problem.hasParetoSet()) {
            line.append(',').append(distance);
        }
        line.append(',').append(stationarity);
        for (int i = 0; i < values.length; i++) {
            line.append(',');
            if (weights != null) {
                line.append(weights[i]);
            }
        }
        for (double coordinate : x) {
            line.append(',').append(coordinate);
        }
        try {
            csv.write(line.append('\n').toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String csvField(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private Map<String, Object> summary(Problem problem, List<double[]> starts, List<MethodRun> runs, List<Trace> traces) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("problem", problem.name());
        root.put("dimension", problem.dimension());
        root.put("objectives", problem.objectives());
        root.put("optimizer", optimizer.trim().toLowerCase(Locale.ROOT));
        if (momentum != 0) {
            root.put("momentum", momentum);
        }
        root.put("lr", lr);
        root.put("schedule", StepSchedule.parse(schedule).label());
        root.put("steps", steps);
        root.put("seeds", seeds);
        root.put("noise", noise);
        if (inputNoise > 0) {
            root.put("input_noise", inputNoise);
        }
        if (problem instanceof FiniteSumProblem) {
            root.put("batch", batch == null ? 1 : batch);
        }
        root.put("params", params);
        if (smooth != null) {
            root.put("smooth", smooth);
        }
        root.put("starts", starts);
        root.put("std", "sample standard deviation over runs (n - 1); 0 for a single run");
        double[][] front = problem.paretoFront(500);
        List<Map<String, Object>> methodSummaries = new ArrayList<>();
        for (MethodRun run : runs) {
            List<Trace> mine = traces.stream().filter(t -> t.method.equals(run.label())).toList();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("method", run.label());
            entry.put("runs", mine.size());
            Map<String, Object> finals = new LinkedHashMap<>();
            for (int i = 0; i < problem.objectives(); i++) {
                final int objective = i;
                finals.put("f" + (i + 1), stats(mine.stream().mapToDouble(t -> last(t.values)[objective]).toArray()));
            }
            if (problem.hasParetoSet()) {
                finals.put("distance_to_pareto_set", stats(mine.stream().mapToDouble(t -> last(t.distance)).toArray()));
            }
            finals.put("stationarity", stats(mine.stream().mapToDouble(t -> last(t.stationarity)).toArray()));
            entry.put("final", finals);
            double[][] finalPoints = mine.stream().map(t -> last(t.values)).toArray(double[][]::new);
            if (reference != null) {
                double[] point = reference.stream().mapToDouble(Double::doubleValue).toArray();
                if (point.length != problem.objectives()) {
                    throw new IllegalArgumentException("--reference has " + point.length + " entries, the problem has "
                            + problem.objectives() + " objectives");
                }
                entry.put("hypervolume", Hypervolume.of(finalPoints, point));
            }
            if (front != null) {
                entry.put("igd", Igd.of(finalPoints, front));
            }
            if (problem.hasParetoSet()) {
                Map<String, Object> checkpoints = new TreeMap<>((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
                for (long power = 1; power <= steps; power *= 10) {
                    final long at = power;
                    double[] distances = mine.stream().filter(t -> t.steps.contains(at))
                            .mapToDouble(t -> t.distance.get(t.steps.indexOf(at))).toArray();
                    if (distances.length == mine.size()) {
                        checkpoints.put(Long.toString(at), stats(distances));
                    }
                }
                entry.put("distance_at_step", checkpoints);
            }
            List<Map<String, Object>> perRun = new ArrayList<>();
            for (Trace trace : mine) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("start", trace.start);
                item.put("seed", trace.seed);
                item.put("steps", trace.stepsTaken);
                item.put("stop_reason", trace.stopReason);
                item.put("x", last(trace.points));
                item.put("values", last(trace.values));
                if (problem.hasParetoSet()) {
                    item.put("distance_to_pareto_set", last(trace.distance));
                }
                item.put("stationarity", last(trace.stationarity));
                perRun.add(item);
            }
            entry.put("per_run", perRun);
            methodSummaries.add(entry);
        }
        root.put("methods", methodSummaries);
        return root;
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    static Map<String, Object> stats(double[] values) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mean", SampleStatistics.mean(values));
        result.put("std", SampleStatistics.standardDeviation(values));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void printTable(PrintWriter console, Problem problem, Map<String, Object> summary) {
        console.printf("%-24s %-26s %s%n", "method", problem.hasParetoSet() ? "distance to Pareto set" : "",
                "stationarity (mean +- std over runs)");
        for (Map<String, Object> entry : (List<Map<String, Object>>) summary.get("methods")) {
            Map<String, Object> finals = (Map<String, Object>) entry.get("final");
            String distance = "";
            if (finals.containsKey("distance_to_pareto_set")) {
                Map<String, Object> d = (Map<String, Object>) finals.get("distance_to_pareto_set");
                distance = String.format(Locale.ROOT, "%.4g +- %.2g", (Double) d.get("mean"), (Double) d.get("std"));
            }
            Map<String, Object> s = (Map<String, Object>) finals.get("stationarity");
            console.printf(Locale.ROOT, "%-24s %-26s %.4g +- %.2g%n", entry.get("method"), distance, (Double) s.get("mean"),
                    (Double) s.get("std"));
        }
    }

    /** A one-line progress bar on stderr, redrawn at each whole percent (plain lines at each tenth off a terminal). */
    static final class Progress {
        private final PrintWriter err;
        private final boolean enabled;
        private final boolean bar = Terminal.drawsBars();
        private final long total;
        private long done;
        private int shown = -1;

        Progress(PrintWriter err, boolean enabled, long total) {
            this.err = err;
            this.enabled = enabled;
            this.total = Math.max(1, total);
        }

        void advance(String method, long seed) {
            done++;
            if (!enabled) {
                return;
            }
            int percent = (int) (100 * done / total);
            if (percent != shown) {
                shown = percent;
                if (!bar) {
                    if (percent % 10 == 0 && percent > 0) {
                        err.println("solve " + percent + "% " + method + " seed " + seed);
                        err.flush();
                    }
                    return;
                }
                int filled = percent / 4;
                err.print("\rsolve [" + "#".repeat(filled) + " ".repeat(25 - filled) + "] " + percent + "% " + method
                        + " seed " + seed + "    ");
                err.flush();
            }
        }

        void finish() {
            if (enabled && bar && shown >= 0) {
                err.println();
                err.flush();
            }
        }
    }
}
