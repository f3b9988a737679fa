package org.multigrad.bench;

import java.util.concurrent.TimeUnit;
import org.multigrad.api.Gramian;
import org.multigrad.api.Jacobian;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Float32 against double storage of the same values (BenchData's J rounded to float, and that
 * float J widened back to double): the Gramian + combination of a step, the Gramian alone, and
 * each storage's bandwidth baseline ({@code baselineSum}: a sum over the float or double array).
 * The ratio double/float32 of {@code gramianCombine} is the speed-up of float32 storage; the bound
 * of a two-pass step is 2 x {@code baselineSum} of its storage.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PrecisionBenchmark {
    @Param({"10x10000000", "100x1000000"})
    public String shape;

    @Param({"float32", "double"})
    public String precision;

    Jacobian jacobian;
    float[] floats;
    double[] doubles;
    double[] weights;
    double[] direction;

    @Setup
    public void setup() {
        Shape parsed = Shape.parse(shape);
        double[] source = BenchData.jacobian(parsed.m(), parsed.n()).data();
        if (precision.equals("float32")) {
            floats = new float[source.length];
            for (int k = 0; k < source.length; k++) {
                floats[k] = (float) source[k];
            }
            jacobian = Jacobian.wrapFloat(parsed.m(), parsed.n(), floats);
        } else {
            doubles = new double[source.length];
            for (int k = 0; k < source.length; k++) {
                doubles[k] = (float) source[k];
            }
            jacobian = Jacobian.wrap(parsed.m(), parsed.n(), doubles);
        }
        BenchData.release();
        weights = new double[parsed.m()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 1.0 / (i + 1);
        }
        direction = new double[parsed.n()];
    }

    @TearDown
    public void tearDown() {
        jacobian = null;
        floats = null;
        doubles = null;
    }

    @Benchmark
    public double baselineSum() {
        return floats != null ? BandwidthBaseline.sumFloats(floats) : BandwidthBaseline.sum(doubles);
    }

    @Benchmark
    public Gramian gramian() {
        return jacobian.gramian();
    }

    @Benchmark
    public double[] gramianCombine() {
        Gramian gramian = jacobian.gramian();
        weights[0] = 1.0 / (1 + gramian.get(0, 0)) + 1;
        return jacobian.combine(weights, direction);
    }
}
