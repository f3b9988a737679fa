package org.multigrad.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.multigrad.api.Gramian;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
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
 * The m-dimensional part of a step alone: the method's weights from a precomputed Gramian (and
 * losses), independent of n. {@code method} is filled from the registry by {@link BenchMain}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SolverBenchmark {
    @Param({"2", "10", "40", "100"})
    public int m;

    @Param({"mgda"})
    public String method;

    Gramian gramian;
    double[] losses;
    Weighting weighting;

    @Setup
    public void setup() {
        gramian = BenchData.gramian(m);
        losses = BenchData.losses(m);
        weighting = MethodRegistry.get(method).createWeighting(Map.of());
    }

    @Benchmark
    public double[] solve() {
        return weighting.weights(WeightingInput.of(gramian, losses));
    }
}
