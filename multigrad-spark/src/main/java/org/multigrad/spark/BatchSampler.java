package org.multigrad.spark;

import java.io.Serializable;

/**
 * Mini-batches by row sampling: at iteration k the batch holds row r with probability f, decided by
 * a hash of (seed, k, r's index). The batch is therefore a pure function of (seed, k) and the rows,
 * the same on a retried task, after a resume, and for any number of partitions. f = 1 is the full
 * data set at every iteration.
 */
public final class BatchSampler implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double fraction;
    private final long seed;

    public BatchSampler(double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("--batch-fraction must be in (0, 1], got " + fraction);
        }
        this.fraction = fraction;
        this.seed = seed;
    }

    /** The full data set at every iteration. */
    public static BatchSampler full() {
        return new BatchSampler(1, 0);
    }

    public double fraction() {
        return fraction;
    }

    /** True when the batch of iteration k holds the row of that index. */
    public boolean contains(long k, long index) {
        if (fraction == 1) {
            return true;
        }
        long hash = mix(seed ^ mix(k * 0x9E3779B97F4A7C15L + mix(index)));
        // the top 53 bits as a uniform double in [0, 1)
        return (hash >>> 11) * 0x1.0p-53 < fraction;
    }

    /** SplitMix64's finaliser (Steele, Lea and Flood, OOPSLA 2014): a bijective 64-bit mixer. */
    static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
