package org.multigrad.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The memory-bandwidth yardstick: a plain sequential sum over the Jacobian's backing array, split
 * over the same number of threads as the core's kernels use (one per core once there are at least
 * 2^18 entries per thread). Eight independent accumulators keep the add latency off the critical
 * path, so the loop runs at the speed the memory delivers, not at the speed of one add chain.
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
        int threads = threadsFor(data.length);
        if (threads == 1) {
            return sumRange(data, 0, data.length);
        }
        List<Future<Double>> parts = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            int from = (int) ((long) data.length * t / threads);
            int to = (int) ((long) data.length * (t + 1) / threads);
            parts.add(POOL.submit(() -> sumRange(data, from, to)));
        }
        double total = sumRange(data, 0, (int) ((long) data.length / threads));
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

    static double sumRange(double[] data, int from, int to) {
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
}
