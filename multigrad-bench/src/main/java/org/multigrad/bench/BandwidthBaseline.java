package org.multigrad.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.multigrad.kernel.SimdSupport;

/**
 * The memory-bandwidth yardstick: a plain sequential sum over the Jacobian's backing array, split
 * over the same number of threads as the core's kernels use (one per core once there are at least
 * 2^18 entries per thread). Eight independent accumulators keep the add latency off the critical
 * path, so the loop runs at the speed the memory delivers, not at the speed of one add chain.
 * When the core runs its SIMD kernels ({@link SimdSupport}) the sum is a Vector API loop with four
 * vector accumulators, so that the yardstick is never slower than the kernels' own instructions
 * (on a loaded machine the scalar loop becomes bound by the CPU share it gets, not by memory).
 * A pass of a kernel over J cannot be faster than this, hence fraction of bound =
 * (baseline time × passes) / kernel time.
 */
public final class BandwidthBaseline {
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final long MIN_ENTRIES_PER_THREAD = 1L << 18;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(Math.max(1, CORES - 1), runnable -> {
        Thread thread = new Thread(runnable, "multigrad-bench-baseline");
        thread.setDaemon(true);
        return thread;
    });

    private BandwidthBaseline() {
    }

    /** Threads used for {@code entries} entries (the rule of the core's Parallel helper). */
    public static int threadsFor(long entries) {
        return (int) Math.max(1, Math.min(CORES, entries / MIN_ENTRIES_PER_THREAD));
    }

    public static double sum(double[] data) {
        return split(data, BandwidthBaseline::sumRange);
    }

    /**
     * The same sum with each thread's range read as {@link #STREAMS} interleaved sequential streams
     * (the access pattern of the combination kernel, which reads four rows of J at a time). On
     * machines where one stream per core does not saturate the memory system this is faster than
     * {@link #sum}, so it is the stricter yardstick; the benchmark reports both.
     */
    public static double sumStreams(double[] data) {
        return split(data, BandwidthBaseline::sumStreamsRange);
    }

    /**
     * The float32 yardstick: the same sum over a {@code float[]} (the storage of
     * {@link org.multigrad.api.Jacobian#wrapFloat}), float vector adds, same thread split. A pass
     * of the float32 kernels over J cannot be faster than this.
     */
    public static double sumFloats(float[] data) {
        return split(data.length, (from, to) -> SimdSupport.enabled() ? FloatSum.sumRange(data, from, to)
                : scalarSumRange(data, from, to));
    }

    static double scalarSumRange(float[] data, int from, int to) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int k = from;
        for (; k + 3 < to; k += 4) {
            s0 += data[k];
            s1 += data[k + 1];
            s2 += data[k + 2];
            s3 += data[k + 3];
        }
        for (; k < to; k++) {
            s0 += data[k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Sums of [from, to) over the kernels' thread split, added. */
    private static double split(double[] data, RangeSum body) {
        return split(data.length, (from, to) -> body.sum(data, from, to));
    }

    private interface IndexRangeSum {
        double sum(int from, int to);
    }

    private static double split(int length, IndexRangeSum body) {
        int threads = threadsFor(length);
        if (threads == 1) {
            return body.sum(0, length);
        }
        List<Future<Double>> parts = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            int from = (int) ((long) length * t / threads);
            int to = (int) ((long) length * (t + 1) / threads);
            parts.add(POOL.submit(() -> body.sum(from, to)));
        }
        double total = body.sum(0, (int) ((long) length / threads));
        for (Future<Double> part : parts) {
            try {
                total += part.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during the baseline sum", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("baseline sum failed", e.getCause());
            }
        }
        return total;
    }

    private interface RangeSum {
        double sum(double[] data, int from, int to);
    }

    /** Streams read side by side by {@link #sumStreams}. */
    static final int STREAMS = 4;

    static double sumStreamsRange(double[] data, int from, int to) {
        return SimdSupport.enabled() ? VectorSum.sumStreamsRange(data, from, to) : scalarSumStreamsRange(data, from, to);
    }

    static double scalarSumStreamsRange(double[] data, int from, int to) {
        int length = (to - from) / STREAMS;
        int a = from;
        int b = a + length;
        int c = b + length;
        int d = c + length;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int k = 0; k < length; k++) {
            s0 += data[a + k];
            s1 += data[b + k];
            s2 += data[c + k];
            s3 += data[d + k];
        }
        double rest = 0;
        for (int k = from + STREAMS * length; k < to; k++) {
            rest += data[k];
        }
        return (s0 + s1) + (s2 + s3) + rest;
    }

    static double sumRange(double[] data, int from, int to) {
        return SimdSupport.enabled() ? VectorSum.sumRange(data, from, to) : scalarSumRange(data, from, to);
    }

    static double scalarSumRange(double[] data, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int k = from;
        for (; k + 7 < to; k += 8) {
            s0 += data[k];
            s1 += data[k + 1];
            s2 += data[k + 2];
            s3 += data[k + 3];
            s4 += data[k + 4];
            s5 += data[k + 5];
            s6 += data[k + 6];
            s7 += data[k + 7];
        }
        for (; k < to; k++) {
            s0 += data[k];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** The float Vector API loop (same shape as {@link VectorSum}), loaded only when SIMD runs. */
    private static final class FloatSum {
        private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
        private static final int LANES = SPECIES.length();

        static double sumRange(float[] data, int from, int to) {
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            int k = from;
            for (; k + 4 * LANES <= to; k += 4 * LANES) {
                s0 = s0.add(FloatVector.fromArray(SPECIES, data, k));
                s1 = s1.add(FloatVector.fromArray(SPECIES, data, k + LANES));
                s2 = s2.add(FloatVector.fromArray(SPECIES, data, k + 2 * LANES));
                s3 = s3.add(FloatVector.fromArray(SPECIES, data, k + 3 * LANES));
            }
            double total = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
            for (; k < to; k++) {
                total += data[k];
            }
            return total;
        }
    }

    /** The Vector API loop, in its own class so that the scalar path never loads the incubator module's classes. */
    private static final class VectorSum {
        private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
        private static final int LANES = SPECIES.length();

        static double sumRange(double[] data, int from, int to) {
            DoubleVector s0 = DoubleVector.zero(SPECIES);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            int k = from;
            for (; k + 4 * LANES <= to; k += 4 * LANES) {
                s0 = s0.add(DoubleVector.fromArray(SPECIES, data, k));
                s1 = s1.add(DoubleVector.fromArray(SPECIES, data, k + LANES));
                s2 = s2.add(DoubleVector.fromArray(SPECIES, data, k + 2 * LANES));
                s3 = s3.add(DoubleVector.fromArray(SPECIES, data, k + 3 * LANES));
            }
            double total = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
            for (; k < to; k++) {
                total += data[k];
            }
            return total;
        }

        static double sumStreamsRange(double[] data, int from, int to) {
            int length = (to - from) / STREAMS / LANES * LANES;
            int a = from;
            int b = a + length;
            int c = b + length;
            int d = c + length;
            DoubleVector s0 = DoubleVector.zero(SPECIES);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            for (int k = 0; k < length; k += LANES) {
                s0 = s0.add(DoubleVector.fromArray(SPECIES, data, a + k));
                s1 = s1.add(DoubleVector.fromArray(SPECIES, data, b + k));
                s2 = s2.add(DoubleVector.fromArray(SPECIES, data, c + k));
                s3 = s3.add(DoubleVector.fromArray(SPECIES, data, d + k));
            }
            double total = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
            for (int k = from + STREAMS * length; k < to; k++) {
                total += data[k];
            }
            return total;
        }
    }
}
