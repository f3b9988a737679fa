package org.multigrad.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.multigrad.api.Gramian;
import org.multigrad.api.Jacobian;

/**
 * The fraction of the memory-bandwidth bound with the baseline measured next to the kernels it
 * divides. JMH measures one benchmark after another, so on a shared machine the baseline of a
 * shape and the Gramian it divides can be minutes and a different load apart. Here each round runs
 * the baseline sum, the Gramian, the combination and both once, in that order, on the same J, and
 * the minimum over the rounds of each is kept (the least disturbed estimate); the ratio
 * baseline × passes / time then compares calls made under the same load. Each kernel gets two
 * rows: against the yardstick (the plain sequential sum) and, marked {@code (strict)},
 * against the faster of that sum and the same sum read as four streams
 * ({@link BandwidthBaseline#sumStreams}), since one stream per core does not always reach the
 * memory system's limit.
 */
public final class InterleavedBound {
    private static volatile double sink;

    private InterleavedBound() {
    }

    /** Rows for each shape: both baselines, then gramian, combine and gramian+combine against each, after a warm-up of a few rounds. */
    public static List<Row> run(List<Shape> shapes, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("bound: rounds must be >= 1, got " + rounds);
        }
        List<Row> rows = new ArrayList<>();
        for (Shape shape : shapes) {
            int m = shape.m();
            int n = shape.n();
            Jacobian jacobian = BenchData.jacobian(m, n);
            double[] direction = new double[n];
            double[] weights = new double[m];
            for (int i = 0; i < m; i++) {
                weights[i] = 1.0 / (i + 1);
            }
            DoubleSupplier[] calls = {
                () -> BandwidthBaseline.sum(jacobian.data()),
                () -> BandwidthBaseline.sumStreams(jacobian.data()),
                () -> jacobian.gramian().get(0, 0),
                () -> jacobian.combine(weights, direction)[0],
                () -> {
                    Gramian gramian = jacobian.gramian();
                    return jacobian.combine(weights, direction)[0] + gramian.get(0, 0);
                },
            };
            double[] best = new double[calls.length];
            java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
            int warmUp = Math.max(3, rounds / 5);
            for (int round = 0; round < warmUp + rounds; round++) {
                for (int c = 0; c < calls.length; c++) {
                    double seconds = timeOnce(calls[c], n);
                    if (round >= warmUp) {
                        best[c] = Math.min(best[c], seconds);
                    }
                }
            }
            double baseline = best[0];
            double strict = Math.min(best[0], best[1]);
            String[] names = {"gramian", "combine", "gramian+combine"};
            double[] passes = {Row.gramianPasses(), Row.combinationPasses(m), Row.stepPasses(m)};
            rows.add(new Row("baseline-sum", m, n, best[0], baseline, 1));
            rows.add(new Row("baseline-4-streams", m, n, best[1], baseline, 1));
            for (int r = 0; r < names.length; r++) {
                rows.add(new Row(names[r], m, n, best[2 + r], baseline, passes[r]));
                rows.add(new Row(names[r] + " (strict)", m, n, best[2 + r], strict, passes[r]));
            }
        }
        BenchData.release();
        return rows;
    }

    /** One timed batch: enough calls for about a millisecond when n is small, one call otherwise. */
    private static double timeOnce(DoubleSupplier call, int n) {
        int repeats = Math.max(1, 1_000_000 / Math.max(1, n));
        long start = System.nanoTime();
        for (int r = 0; r < repeats; r++) {
            sink += call.getAsDouble();
        }
        return (System.nanoTime() - start) * 1e-9 / repeats;
    }

    /** Usage: {@code InterleavedBound [--shapes 10x10000000,100x1000000] [--rounds 20]}. */
    public static void main(String[] args) {
        List<Shape> shapes = new ArrayList<>();
        for (String part : "2x10000000,10x1000000,10x10000000,40x1000000,100x1000000".split(",")) {
            shapes.add(Shape.parse(part));
        }
        int rounds = 20;
        for (int a = 0; a < args.length; a += 2) {
            if (a + 1 >= args.length) {
                throw new IllegalArgumentException("bound: option " + args[a] + " needs a value");
            }
            switch (args[a]) {
                case "--shapes":
                    shapes.clear();
                    for (String part : args[a + 1].split(",")) {
                        shapes.add(Shape.parse(part));
                    }
                    break;
                case "--rounds":
                    rounds = Integer.parseInt(args[a + 1]);
                    break;
                default:
                    throw new IllegalArgumentException("bound: unknown option " + args[a] + "; options are --shapes, --rounds");
            }
        }
        System.out.print(Table.format(run(shapes, rounds)));
    }
}
