package org.multigrad.method;

import java.io.Serializable;

/**
 * A seeded SplitMix64 generator (Steele, Lea and Flood, OOPSLA 2014) that produces exactly the
 * sequences of {@code new java.util.SplittableRandom(seed)} on Java 17, for {@link #nextDouble()},
 * {@link #nextInt(int)} and {@link #nextBoolean()}, but is {@link Serializable}, so the methods that draw from it can be
 * checkpointed mid-sequence. SplittableRandom is not serialisable.
 */
public final class SeededRandom implements Serializable {
    private static final long serialVersionUID = 4568667827574099731L;

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    /** Uniform in [0, 1), 53 random bits. */
    public double nextDouble() {
        return (mix64(state += GOLDEN_GAMMA) >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), by rejection (no modulo bias), as Java 17's RandomSupport.boundedNextInt. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound);
        }
        int r = nextInt();
        int mask = bound - 1;
        if ((bound & mask) == 0) {
            return r & mask;
        }
        for (int u = r >>> 1; u + mask - (r = u % bound) < 0; u = nextInt() >>> 1) {
            // rejected: u fell in the incomplete last block of size bound
        }
        return r;
    }

    /** A fair coin: the sign bit of the next 32-bit draw. */
    public boolean nextBoolean() {
        return nextInt() < 0;
    }

    private int nextInt() {
        long z = state += GOLDEN_GAMMA;
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * Fills {@code order} (length m − 1) with 0..m−1 except {@code skip}, in increasing order, then
     * shuffles it (Fisher-Yates) when {@code shuffle}: the "every other task, in random order" loop of
     * PCGrad and GradVac.
     */
    public void othersThan(int skip, int[] order, boolean shuffle) {
        int position = 0;
        for (int j = 0; j <= order.length; j++) {
            if (j != skip) {
                order[position++] = j;
            }
        }
        if (shuffle) {
            for (int k = order.length - 1; k > 0; k--) {
                int swap = nextInt(k + 1);
                int t = order[k];
                order[k] = order[swap];
                order[swap] = t;
            }
        }
    }
}
