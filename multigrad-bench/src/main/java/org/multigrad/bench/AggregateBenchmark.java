package org.multigrad.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.multigrad.api.Jacobian;
import org.multigrad.api.WeightedAggregator;
import org.multigrad.registry.MethodRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One full steady-state step, {@link WeightedAggregator#aggregateInto}: Gramian pass, solve,
 * combination pass into a reused direction buffer. The {@code method} list is filled from
 * {@code MethodRegistry.all()} by {@link BenchMain}; the annotation value is only the default for
 * runs started through JMH's own main.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AggregateBenchmark {
    @Param({"2x10000", "10x10000", "40x10000", "100x10000",
            "2x1000000", "10x1000000", "40x1000000", "100x1000000",
            "2x10000000", "10x10000000", "40x10000000", "100x10000000"})
    public String shape;

    @Param({"mgda"})
    public String method;

    /** Storage of J: {@code double}, or {@code float32} (BenchData's J rounded to float, {@code Jacobian.wrapFloat}). */
    @Param({"double"})
    public String precision;

    Jacobian jacobian;
    WeightedAggregator aggregator;
    double[] losses;
    double[] direction;

    @Setup
    public void setup() {
        Shape parsed = Shape.parse(shape);
        jacobian = BenchData.jacobian(parsed.m(), parsed.n());
        if (precision.equals("float32")) {
            double[] source = jacobian.data();
            float[] floats = new float[source.length];
            for (int k = 0; k < source.length; k++) {
                floats[k] = (float) source[k];
            }
            jacobian = Jacobian.wrapFloat(parsed.m(), parsed.n(), floats);
        } else if (!precision.equals("double")) {
            throw new IllegalArgumentException("precision must be 'double' or 'float32', got '" + precision + "'");
        }
        aggregator = (WeightedAggregator) MethodRegistry.get(method).create(Map.of());
        losses = BenchData.losses(parsed.m());
        direction = new double[parsed.n()];
    }

    @Benchmark
    public double[] aggregate() {
        return aggregator.aggregateInto(jacobian, losses, direction);
    }
}
