package org.multigrad.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Splits column ranges of a Jacobian over the machine's cores. A private daemon pool (not the
 * common fork-join pool, whose parallelism is cores - 1 and may be busy with user work) and the
 * calling thread run the chunks; chunk 0 always runs on the caller.
 */
final class Parallel {
    /** Below this many Jacobian entries (2 MiB of doubles) one thread already saturates what a pass costs. */
    static final long MIN_ENTRIES_PER_THREAD = 1L << 18;

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static volatile ExecutorService pool;

    private Parallel() {
    }

    /** How many threads a pass over m x n entries should use. */
    static int threadsFor(int m, int n) {
        long entries = (long) m * n;
        return (int) Math.max(1, Math.min(CORES, entries / MIN_ENTRIES_PER_THREAD));
    }

    /** Runs body(0..chunks-1), chunk 0 on the calling thread, and waits for all. */
    static void run(int chunks, IntConsumer body) {
        if (chunks <= 1) {
            body.accept(0);
            return;
        }
        ExecutorService executor = pool();
        List<Future<?>> futures = new ArrayList<>(chunks - 1);
        for (int chunk = 1; chunk < chunks; chunk++) {
            int index = chunk;
            futures.add(executor.submit(() -> body.accept(index)));
        }
        body.accept(0);
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a parallel Jacobian pass", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("parallel Jacobian pass failed", e.getCause());
            }
        }
    }

    /** Start of chunk {@code chunk} when [0, n) is split into {@code chunks} ranges aligned to 8 columns. */
    static int chunkStart(int n, int chunks, int chunk) {
        if (chunk >= chunks) {
            return n;
        }
        long start = (long) n * chunk / chunks;
        return (int) Math.min(n, start & ~7L);
    }

    private static ExecutorService pool() {
        ExecutorService current = pool;
        if (current == null) {
            synchronized (Parallel.class) {
                current = pool;
                if (current == null) {
                    current = Executors.newFixedThreadPool(Math.max(1, CORES - 1), runnable -> {
                        Thread thread = new Thread(runnable, "multigrad-kernel");
                        thread.setDaemon(true);
                        return thread;
                    });
                    pool = current;
                }
            }
        }
        return current;
    }
}
