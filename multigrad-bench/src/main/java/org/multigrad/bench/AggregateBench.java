package org.multigrad.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.multigrad.api.Gramian;
import org.multigrad.api.Jacobian;
import org.multigrad.api.WeightedAggregator;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.registry.MethodRegistry;

/**
 * In-process measurement without JMH, for a CLI {@code bench} command: for each shape, the
 * bandwidth baseline, the Gramian and combination passes and a full {@code aggregateInto} step of
 * every Gramian-based method on the same J, then the solvers alone on a precomputed Gramian.
 * Each measurement is a warm-up loop followed by three timed batches; the fastest batch mean is
 * reported (on a shared machine the minimum is the least disturbed estimate). Cruder than JMH
 * (no forks, no blackhole) but the ratios come from one run on one J.
 */
public final class AggregateBench {
    /**
     * What to measure. Empty {@code methods} means every Gramian-based method in the registry;
     * {@code solverObjectives} empty skips the solver rows.
     */
    public record Options(List<Shape> shapes, List<String> methods, int[] solverObjectives,
                          double warmupSeconds, double measureSeconds) {
        public Options {
            shapes = List.copyOf(shapes);
            methods = List.copyOf(methods);
            solverObjectives = solverObjectives.clone();
            if (!(warmupSeconds >= 0) || !(measureSeconds > 0)) {
                throw new IllegalArgumentException("bench: warm-up must be >= 0 s and measurement > 0 s, got "
                        + warmupSeconds + " and " + measureSeconds);
            }
        }

        /** A quick default: m in {2, 10, 40}, n in {1e4, 1e6}, every method, 0.3 s warm-up, 0.6 s timed. */
        public static Options quick() {
            return new Options(Shape.grid(new int[] {2, 10, 40}, new int[] {10_000, 1_000_000}, Long.MAX_VALUE),
                    List.of(), new int[] {2, 10, 40, 100}, 0.3, 0.6);
        }
    }

    private static volatile double sink;

    private AggregateBench() {
    }

    public static List<Row> run(Options options) {
        List<MethodSpec> methods = new ArrayList<>();
        if (options.methods().isEmpty()) {
            methods.addAll(BenchData.gradientMethods());
        } else {
            for (String name : options.methods()) {
                methods.add(MethodRegistry.get(name));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Shape shape : options.shapes()) {
            int m = shape.m();
            int n = shape.n();
            Jacobian jacobian = BenchData.jacobian(m, n);
            double[] direction = new double[n];
            double[] weights = new double[m];
            Arrays.fill(weights, 1.0 / m);
            double baseline = time(options, () -> BandwidthBaseline.sum(jacobian.data()));
            rows.add(new Row("baseline-sum", m, n, baseline, baseline, 1));
            rows.add(new Row("gramian", m, n, time(options, () -> jacobian.gramian().get(0, 0)), baseline,
                    Row.gramianPasses()));
            rows.add(new Row("combine", m, n, time(options, () -> jacobian.combine(weights, direction)[0]), baseline,
                    Row.combinationPasses(m)));
            rows.add(new Row("gramian+combine", m, n, time(options, () -> {
                Gramian gramian = jacobian.gramian();
                return jacobian.combine(weights, direction)[0] + gramian.get(0, 0);
            }), baseline, Row.stepPasses(m)));
            double[] losses = BenchData.losses(m);
            for (MethodSpec spec : methods) {
                WeightedAggregator aggregator = (WeightedAggregator) spec.create(Map.of());
                double seconds = time(options, () -> aggregator.aggregateInto(jacobian, losses, direction)[0]);
                rows.add(new Row(spec.name(), m, n, seconds, baseline, Row.stepPasses(m)));
            }
        }
        BenchData.release();
        for (int m : options.solverObjectives()) {
            Gramian gramian = BenchData.gramian(m);
            double[] losses = BenchData.losses(m);
            for (MethodSpec spec : methods) {
                Weighting weighting = spec.createWeighting(Map.of());
                double seconds = time(options, () -> weighting.weights(WeightingInput.of(gramian, losses))[0]);
                rows.add(new Row(spec.name() + " (solve)", m, 0, seconds, 0, 0));
            }
        }
        return rows;
    }

    /**
     * Runs every kernel path (small and large m), every method's step and solve for about
     * {@code seconds}, so that C2 has compiled them before anything is timed. JMH's own warm-up
     * iterations do this per benchmark when it forks; in a non-forked run ({@code -f 0}) the first
     * benchmarks would otherwise pay for the compilation of code shared by all.
     */
    public static void warmUp(double seconds) {
        List<Shape> shapes = List.of(new Shape(4, 20_000), new Shape(40, 2_000));
        double share = seconds / (shapes.size() * (3 + 2 * BenchData.gradientMethods().size()));
        run(new Options(shapes, List.of(), new int[] {4, 40}, share / 2, share / 2));
    }

    /** Fastest of three batch means after the warm-up; each batch runs at least one call. */
    static double time(Options options, DoubleSupplier call) {
        long warmupEnd = System.nanoTime() + (long) (options.warmupSeconds() * 1e9);
        do {
            sink += call.getAsDouble();
        } while (System.nanoTime() < warmupEnd);
        double best = Double.POSITIVE_INFINITY;
        long batchNanos = (long) (options.measureSeconds() * 1e9 / 3);
        for (int batch = 0; batch < 3; batch++) {
            long start = System.nanoTime();
            long calls = 0;
            long now;
            do {
                sink += call.getAsDouble();
                calls++;
                now = System.nanoTime();
            } while (now - start < batchNanos);
            best = Math.min(best, (now - start) * 1e-9 / calls);
        }
        return best;
    }

    /**
     * Usage: {@code AggregateBench [--shapes 10x1000000,40x1000000] [--methods mgda,cagrad]
     * [--solver-m 2,10,40,100] [--warmup 0.3] [--time 0.6]}.
     */
    public static void main(String[] args) {
        Options defaults = Options.quick();
        List<Shape> shapes = defaults.shapes();
        List<String> methods = defaults.methods();
        int[] solverObjectives = defaults.solverObjectives();
        double warmup = defaults.warmupSeconds();
        double measure = defaults.measureSeconds();
        for (int a = 0; a < args.length; a++) {
            String flag = args[a];
            if (a + 1 >= args.length) {
                throw new IllegalArgumentException("bench: option " + flag + " needs a value");
            }
            String value = args[++a];
            switch (flag) {
                case "--shapes":
                    shapes = new ArrayList<>();
                    for (String part : value.split(",")) {
                        shapes.add(Shape.parse(part));
                    }
                    break;
                case "--methods":
                    methods = value.isBlank() ? List.of() : Arrays.asList(value.split(","));
                    break;
                case "--solver-m":
                    solverObjectives = value.isBlank() ? new int[0]
                            : Arrays.stream(value.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
                    break;
                case "--warmup":
                    warmup = Double.parseDouble(value);
                    break;
                case "--time":
                    measure = Double.parseDouble(value);
                    break;
                default:
                    throw new IllegalArgumentException("bench: unknown option " + flag
                            + "; options are --shapes, --methods, --solver-m, --warmup, --time");
            }
        }
        print(run(new Options(shapes, methods, solverObjectives, warmup, measure)), System.out);
    }

    public static void print(List<Row> rows, PrintStream out) {
        out.print(Table.format(rows));
        out.flush();
    }
}
