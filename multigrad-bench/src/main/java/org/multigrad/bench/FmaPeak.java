package org.multigrad.bench;

import java.util.Locale;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's double-precision FMA throughput on one thread, the yardstick for the
 * compute-bound Gramian (m = 100): {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar
 * org.multigrad.bench.BenchMain fma-peak [rounds=5]}. A register-only loop of 12 independent
 * {@code DoubleVector} accumulators, each updated by {@code fma} per iteration (enough
 * independent chains to cover the FMA latency on current x86 cores), no memory traffic; prints
 * GFMA/s (lanes x FMAs per second) per round and the best. Thread CPU time, not wall time, so that
 * other jobs on a shared host lower it less.
 */
public final class FmaPeak {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private FmaPeak() {
    }

    /** Runs {@code iterations} iterations of 12 vector FMAs; returns a value that depends on all of them. */
    static double kernel(long iterations) {
        DoubleVector a = DoubleVector.broadcast(SPECIES, 0.999999);
        DoubleVector b = DoubleVector.broadcast(SPECIES, 1e-9);
        DoubleVector c0 = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector c1 = c0;
        DoubleVector c2 = c0;
        DoubleVector c3 = c0;
        DoubleVector c4 = c0;
        DoubleVector c5 = c0;
        DoubleVector c6 = c0;
        DoubleVector c7 = c0;
        DoubleVector c8 = c0;
        DoubleVector c9 = c0;
        DoubleVector c10 = c0;
        DoubleVector c11 = c0;
        for (long i = 0; i < iterations; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    /** Lanes per vector of the preferred species. */
    static int lanes() {
        return SPECIES.length();
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (int warm = 0; warm < 3; warm++) {
            sink += kernel(20_000_000L);
        }
        long iterations = 100_000_000L;
        double best = 0;
        for (int round = 0; round < rounds; round++) {
            long start = threads.getCurrentThreadCpuTime();
            sink += kernel(iterations);
            double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
            double gfma = iterations * 12.0 * lanes() / seconds / 1e9;
            best = Math.max(best, gfma);
            System.out.printf(Locale.ROOT, "round %d: %.2f GFMA/s (double, %d lanes, one thread)%n", round + 1, gfma, lanes());
        }
        System.out.printf(Locale.ROOT, "best: %.2f GFMA/s per thread (checksum %.3f)%n", best, sink);
    }
}
