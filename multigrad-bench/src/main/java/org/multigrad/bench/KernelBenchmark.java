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

/**
 * The passes over J that every Gramian-based step makes, and the bandwidth baseline on the same
 * array: {@code baselineSum} (1 read pass), {@code gramian} (1 pass), {@code combine} (1 pass + the
 * n-vector written), {@code gramianCombine} (both: the method-independent part of a step).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KernelBenchmark {
    @Param({"2x10000", "10x10000", "40x10000", "100x10000",
            "2x1000000", "10x1000000", "40x1000000", "100x1000000",
            "2x10000000", "10x10000000", "40x10000000", "100x10000000"})
    public String shape;

    Jacobian jacobian;
    double[] weights;
    double[] direction;

    @Setup
    public void setup() {
        Shape parsed = Shape.parse(shape);
        jacobian = BenchData.jacobian(parsed.m(), parsed.n());
        weights = new double[parsed.m()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 1.0 / (i + 1);
        }
        direction = new double[parsed.n()];
    }

    @Benchmark
    public double baselineSum() {
        return BandwidthBaseline.sum(jacobian.data());
    }

    @Benchmark
    public Gramian gramian() {
        return jacobian.gramian();
    }

    @Benchmark
    public double[] combine() {
        return jacobian.combine(weights, direction);
    }

    @Benchmark
    public double[] gramianCombine() {
        Gramian gramian = jacobian.gramian();
        weights[0] = 1.0 / (1 + gramian.get(0, 0)) + 1;
        return jacobian.combine(weights, direction);
    }
}
