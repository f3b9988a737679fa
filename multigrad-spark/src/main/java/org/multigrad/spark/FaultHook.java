package org.multigrad.spark;

import java.io.Serializable;

/**
 * A test hook: the first attempt of the task of {@code partition} in the gradient pass of iteration
 * {@code iteration} throws, so that Spark retries it (needs a master that retries, such as
 * {@code local[2,4]}). A retried task sees the same broadcast x and rows, so the run stays bit for
 * bit the run without the fault.
 */
public record FaultHook(long iteration, int partition) implements Serializable {
    /** Thrown by the hook. */
    public static final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFault(String message) {
            super(message);
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger INJECTED = new java.util.concurrent.atomic.AtomicInteger();

    /** The faults injected in this JVM so far (in local mode the tasks run in the driver's JVM). */
    public static int injected() {
        return INJECTED.get();
    }

    void check(long k, int taskPartition, int attempt) {
        if (k == iteration && taskPartition == partition && attempt == 0) {
            INJECTED.incrementAndGet();
            throw new InjectedFault("injected fault: iteration " + k + ", partition " + taskPartition + ", attempt 0");
        }
    }
}
