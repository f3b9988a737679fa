package org.multigrad.bench;

import java.util.concurrent.TimeUnit;
import org.multigrad.blackbox.Asmg;
import org.multigrad.blackbox.BlackBoxExperiment;
import org.multigrad.blackbox.Evaluator;
import org.multigrad.problem.ProblemRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One ASMG iteration (thesis Algorithm 3 with the standardised update): N + 1 evaluations of the
 * black-box problem plus O(mNd) estimator work, at the d = 1000, N = 100. Run with
 * {@code -prof gc} to see that the steady state allocates nothing per iteration.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AsmgBenchmark {
    @Param({"1000"})
    public int dimension;

    @Param({"100"})
    public int samples;

    @Param({"asmg-ellipsoid-rastrigin", "asmg-l1-ellipsoid"})
    public String problem;

    Asmg.Run run;

    /** A fresh run per trial, so that iterations measure the same phase of the optimisation. */
    @Setup(Level.Trial)
    public void setup() {
        Asmg asmg = new Asmg(samples, 0.1, Asmg.Update.STANDARDIZED, Asmg.Weights.ADAPTIVE, 0.5, 1);
        Evaluator evaluator = new Evaluator(ProblemRegistry.get(problem, dimension), Long.MAX_VALUE, false);
        run = asmg.start(evaluator, BlackBoxExperiment.startPoint(dimension, 1), 1.0);
    }

    @Benchmark
    public long iteration() {
        run.step();
        return run.iteration();
    }
}
