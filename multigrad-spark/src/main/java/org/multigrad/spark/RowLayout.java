package org.multigrad.spark;

import org.apache.spark.Partitioner;

/**
 * Rows 0..N−1 in P contiguous ranges: row i lives in partition ⌊iP/N⌋, so partition p holds rows
 * ⌈pN/P⌉ .. ⌈(p+1)N/P⌉ − 1, in index order. The layout depends only on (N, P), which makes the
 * driver's partition-order sum reproducible, and a single-JVM loop over the same ranges adds the
 * same numbers in the same order. With N &lt; P some partitions are empty.
 */
public final class RowLayout extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final long rows;
    private final int partitions;

    public RowLayout(long rows, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be >= 1, got " + partitions);
        }
        if (rows < 0) {
            throw new IllegalArgumentException("row count must be >= 0, got " + rows);
        }
        this.rows = rows;
        this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    @Override
    public int getPartition(Object key) {
        return partitionOf((Long) key);
    }

    /** ⌊iP/N⌋. */
    public int partitionOf(long index) {
        return (int) Math.floorDiv(Math.multiplyExact(index, (long) partitions), Math.max(rows, 1));
    }

    /** The first row of partition p, ⌈pN/P⌉ (N for p = P). */
    public long start(int partition) {
        return Math.floorDiv(Math.multiplyExact((long) partition, rows) + partitions - 1, partitions);
    }

    public long rows() {
        return rows;
    }

    public int partitions() {
        return partitions;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowLayout layout && layout.rows == rows && layout.partitions == partitions;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(rows) * 31 + partitions;
    }
}
