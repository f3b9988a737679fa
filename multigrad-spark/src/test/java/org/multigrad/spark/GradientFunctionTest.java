package org.multigrad.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every built-in model's gradient sums match central differences of its loss sums (no Spark). */
class GradientFunctionTest {
    static Stream<GradientFunction> models() {
        return Stream.of(new OneVsRestLogistic(4, 3), new GroupLogistic(4, 3, List.of("a", "b")),
                new GroupLinear(4, List.of("a", "b")), new SharedMlp(4, 5, 3));
    }

    @ParameterizedTest
    @MethodSource("models")
    void gradientsAreTheDerivativesOfTheLosses(GradientFunction function) {
        SplittableRandom random = new SplittableRandom(42);
        List<Example> rows = new java.util.ArrayList<>();
        for (int r = 0; r < 12; r++) {
            double[] a = new double[4];
            for (int j = 0; j < 4; j++) {
                a[j] = random.nextGaussian();
            }
            rows.add(new Example(r, a, function instanceof GroupLinear ? random.nextGaussian() : r % 3, r % 2));
        }
        double[] x = function.start(3);
        for (int j = 0; j < x.length; j++) {
            x[j] += 0.3 * random.nextGaussian();
        }
        PartitionSums sums = function.sum(x, rows.iterator(), BatchSampler.full(), 1, true);
        int n = function.dimension();
        double h = 1e-6;
        for (int j = 0; j < n; j++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[j] += h;
            down[j] -= h;
            double[] plus = function.sum(up, rows.iterator(), BatchSampler.full(), 1, false).losses();
            double[] minus = function.sum(down, rows.iterator(), BatchSampler.full(), 1, false).losses();
            for (int i = 0; i < function.objectives(); i++) {
                double numeric = (plus[i] - minus[i]) / (2 * h);
                assertEquals(numeric, sums.gradients()[i * n + j], 1e-6 * Math.max(1, Math.abs(numeric)),
                        function.getClass().getSimpleName() + " objective " + i + ", parameter " + j);
            }
        }
    }
}
