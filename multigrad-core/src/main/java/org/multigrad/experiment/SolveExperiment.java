package org.multigrad.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.LongToIntFunction;
import java.util.function.Supplier;
import org.multigrad.api.Aggregator;
import org.multigrad.descent.DescentDriver;
import org.multigrad.descent.SampleSchedule;
import org.multigrad.l2o.GuardedDescent;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.metric.Hypervolume;
import org.multigrad.metric.Igd;
import org.multigrad.metric.ParetoStationarity;
import org.multigrad.optim.StepSchedule;
import org.multigrad.problem.FiniteSumProblem;
import org.multigrad.problem.InputNoiseProblem;
import org.multigrad.problem.MiniBatchProblem;
import org.multigrad.problem.NoisyProblem;
import org.multigrad.problem.Problem;
import org.multigrad.problem.ProblemRegistry;
import org.multigrad.registry.MethodRegistry;

/**
 * {@code solve} as a service: every method from every start point with every seed, by the descent
 * driver, recording the exact objectives, the distance to the Pareto set (when known), Pareto
 * stationarity and the weights at the recorded steps. {@link #prepare} checks the whole request
 * before anything runs; {@link #run} runs it.
 *
 * <p>{@code ml2o} and {@code gml2o(mgda|dssmg)} (seed 004) are not aggregators: they step themselves
 * ({@link LearnedMethod}); their runs report the guard's acceptance rate.
 *
 * <p>A method that declares a growing sample ({@code dssmg}) averages the N_k draws its declaration
 * gives at step k ({@link MethodSpec#samplesPerStep}); every other method takes one draw per step.
 */
public final class SolveExperiment {
    /** Called after every step of every run (e.g. for a progress bar). */
    @FunctionalInterface
    public interface Listener {
        void step(String method, long seed);
    }

    /** A registered method (an aggregator for the descent driver) or a learned one ({@code learned} not null). */
    private record MethodRun(String label, Supplier<Aggregator> aggregator, SampleSchedule samples, boolean curvature,
                             LearnedMethod learned) {
    }

    private final SolveRequest request;
    private final Problem base;
    private final Problem problem;
    private final List<double[]> starts;
    private final List<MethodRun> runs;

    private SolveExperiment(SolveRequest request, Problem base, Problem problem, List<double[]> starts,
                            List<MethodRun> runs) {
        this.request = request;
        this.base = base;
        this.problem = problem;
        this.starts = starts;
        this.runs = runs;
    }

    /** Checks the request against its problem and methods; nothing runs yet. */
    public static SolveExperiment prepare(SolveRequest request) {
        Problem base = ProblemRegistry.gradient(request.problem());
        Problem problem = base;
        if (base instanceof FiniteSumProblem finiteSum) {
            problem = new MiniBatchProblem(finiteSum, request.batch() == null ? 1 : request.batch());
        } else if (request.batch() != null) {
            throw new IllegalArgumentException("--batch " + request.batch() + ": problem " + request.problem()
                    + " is not a finite sum; only crmogm-finite-sum takes a batch size");
        }
        if (request.inputNoise() > 0) {
            problem = new InputNoiseProblem(problem, request.inputNoise());
        }
        if (request.noise() > 0) {
            problem = new NoisyProblem(problem, request.noise());
        }
        List<double[]> starts = starts(base, request.start());
        List<MethodRun> runs = resolveMethods(request);
        if (request.reference() != null && request.reference().length != base.objectives()) {
            throw new IllegalArgumentException("--reference has " + request.reference().length + " entries, the problem has "
                    + base.objectives() + " objectives");
        }
        return new SolveExperiment(request, base, problem, starts, runs);
    }

    /** {@code prepare(request).run(listener)}. */
    public static SolveResult run(SolveRequest request, Listener listener) {
        return prepare(request).run(listener);
    }

    /** Steps over all runs: steps × seeds × start points × methods. */
    public long totalSteps() {
        return request.steps() * request.seeds().size() * starts.size() * runs.size();
    }

    public SolveResult run(Listener listener) {
        int m = base.objectives();
        int n = base.dimension();
        List<SolveResult.MethodResult> results = new ArrayList<>();
        long stride = request.seeds().stream().mapToLong(Long::longValue).max().orElseThrow() + 1;
        for (MethodRun run : runs) {
            List<SolveResult.Run> mine = new ArrayList<>();
            for (int s = 0; s < starts.size(); s++) {
                for (long listed : request.seeds()) {
                    // one seed per run: the listed seeds from the first start, shifted past them for the next
                    long seed = listed + s * stride;
                    List<TrajectoryRow> rows = new ArrayList<>();
                    double[] values = new double[m];
                    double[] jacobian = new double[m * n];
                    rows.add(row(0, starts.get(s), null, values, jacobian));
                    if (run.learned() != null) {
                        mine.add(runLearned(run, s, seed, rows, values, jacobian, listener));
                        continue;
                    }
                    DescentDriver.Result result = DescentDriver.builder(problem, run.aggregator().get())
                            .optimizer(request.newOptimizer())
                            .learningRate(request.lr(), StepSchedule.parse(request.schedule())).steps(request.steps())
                            .seed(seed).samples(run.samples()).curvature(run.curvature()).onStep(step -> {
                                listener.step(run.label(), seed);
                                if (shouldRecord(step.index())) {
                                    rows.add(row(step.index(), step.x(), step.weights(), values, jacobian));
                                }
                            }).build().run(starts.get(s));
                    if (rows.get(rows.size() - 1).step() != result.steps()) {
                        rows.add(row(result.steps(), result.x(), null, values, jacobian));
                    }
                    mine.add(new SolveResult.Run(run.label(), s, seed, List.copyOf(rows), result.steps(),
                            result.stopReason()));
                }
            }
            results.add(summarize(run.label(), mine));
        }
        return new SolveResult(request, base, starts, List.copyOf(results));
    }

    /** ml2o or gml2o(...): the learned step with the request's step size, schedule and steps. */
    private SolveResult.Run runLearned(MethodRun run, int s, long seed, List<TrajectoryRow> rows, double[] values,
                                       double[] jacobian, Listener listener) {
        GuardedDescent.Settings settings = new GuardedDescent.Settings(request.lr(), StepSchedule.parse(request.schedule()),
                request.steps(), seed, run.samples()::samples);
        double[] last = starts.get(s).clone();
        double acceptance = run.learned().run(problem, settings, starts.get(s), step -> {
            listener.step(run.label(), seed);
            if (shouldRecord(step.index())) {
                rows.add(row(step.index(), step.z(), null, values, jacobian));
            }
            System.arraycopy(step.z(), 0, last, 0, last.length);
        });
        if (rows.get(rows.size() - 1).step() != request.steps()) {
            rows.add(row(request.steps(), last, null, values, jacobian));
        }
        return new SolveResult.Run(run.label(), s, seed, List.copyOf(rows), request.steps(), DescentDriver.STEP_BUDGET,
                acceptance);
    }

    private TrajectoryRow row(long step, double[] x, double[] weights, double[] values, double[] jacobian) {
        base.evaluate(x, values, jacobian);
        double distance = base.hasParetoSet() ? base.distanceToParetoSet(x) : Double.NaN;
        double stationarity = ParetoStationarity.of(base, x, jacobian);
        return new TrajectoryRow(step, -1, values.clone(), distance, stationarity,
                weights == null ? null : weights.clone(), x.clone());
    }

    private boolean shouldRecord(long step) {
        long steps = request.steps();
        if (request.recordEvery() > 0) {
            return step % request.recordEvery() == 0 || step == steps;
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

    private SolveResult.MethodResult summarize(String method, List<SolveResult.Run> mine) {
        Map<String, Statistics> finals = new LinkedHashMap<>();
        for (int i = 0; i < base.objectives(); i++) {
            final int objective = i;
            finals.put("f" + (i + 1), Statistics.of(mine.stream().mapToDouble(r -> r.last().objectives()[objective])
                    .toArray()));
        }
        if (base.hasParetoSet()) {
            finals.put("distance", Statistics.of(mine.stream().mapToDouble(r -> r.last().distance()).toArray()));
        }
        finals.put("stationarity", Statistics.of(mine.stream().mapToDouble(r -> r.last().stationarity()).toArray()));
        double[][] finalPoints = mine.stream().map(r -> r.last().objectives()).toArray(double[][]::new);
        Double hypervolume = request.reference() == null ? null : Hypervolume.of(finalPoints, request.reference());
        double[][] front = base.paretoFront(500);
        Double igd = front == null ? null : Igd.of(finalPoints, front);
        Map<Long, Statistics> distanceAtStep = null;
        if (base.hasParetoSet()) {
            distanceAtStep = new TreeMap<>();
            for (long power = 1; power <= request.steps(); power *= 10) {
                final long at = power;
                double[] distances = mine.stream().flatMap(r -> r.rows().stream().filter(row -> row.step() == at)
                        .limit(1)).mapToDouble(TrajectoryRow::distance).toArray();
                if (distances.length == mine.size()) {
                    distanceAtStep.put(at, Statistics.of(distances));
                }
            }
        }
        return new SolveResult.MethodResult(method, List.copyOf(mine), finals, hypervolume, igd, distanceAtStep);
    }

    private static List<double[]> starts(Problem problem, String start) {
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

    /** N points uniform in the box from SplittableRandom(12345), so that every method starts from the same points. */
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
        SplittableRandom random = new SplittableRandom(12345);
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

    private static List<MethodRun> resolveMethods(SolveRequest request) {
        Set<String> used = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        List<MethodRun> runs = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (String raw : request.methods()) {
            String name = raw.trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("--method: empty method name in '"
                        + String.join(",", request.methods()) + "'");
            }
            MethodRun run = LearnedMethod.names(name) ? learned(request, name, used) : registered(request, name, used);
            if (!labels.add(run.label())) {
                throw new IllegalArgumentException("--method: " + run.label() + " is listed twice");
            }
            names.add(name);
            names.add(run.label());
            runs.add(run);
        }
        MethodParameters.requireAllUsed(request.params(), used, names, labels);
        return runs;
    }

    private static MethodRun registered(SolveRequest request, String name, Set<String> used) {
        MethodSpec spec = MethodRegistry.get(Smoothing.wrap(name, request.smooth()));
        Map<String, String> own = ownParams(request, names(name, spec.name()), spec, used);
        SampleSchedule samples = spec.samplesPerStep(own)::applyAsInt;
        return new MethodRun(spec.name(), () -> spec.create(own), samples, spec.needsCurvature(), null);
    }

    private static MethodRun learned(SolveRequest request, String name, Set<String> used) {
        if (request.smooth() != null) {
            throw new IllegalArgumentException("--smooth wraps weightings; " + name + " is a learned optimizer");
        }
        LearnedMethod method = LearnedMethod.resolve(name, request, used,
                ProblemRegistry.gradient(request.problem()).objectives());
        LongToIntFunction samples = method.samples();
        return new MethodRun(method.label(), null, samples::applyAsInt, false, method);
    }

    /** A method's names: as listed and its label (they differ for a wrapped method). */
    private static Set<String> names(String listed, String label) {
        return new LinkedHashSet<>(List.of(listed, label));
    }

    /** The request's parameters that {@code spec} declares, plus the smoothing schedule. */
    private static Map<String, String> ownParams(SolveRequest request, Set<String> names, MethodSpec spec,
                                                 Set<String> used) {
        Map<String, String> own = MethodParameters.take(request.params(), names,
                spec.params().stream().map(ParamSpec::name).toList(), used);
        if (Smoothing.addSchedule(own, request.smooth())) {
            used.add("schedule");
        }
        return own;
    }
}
