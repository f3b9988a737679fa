package org.multigrad.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A Jacobian shape m x n written "MxN" (e.g. "10x1000000"). The JMH benchmarks take the shape as
 * one parameter so a run can list exactly the shapes that fit in memory instead of a full
 * cartesian product of m and n.
 */
public record Shape(int m, int n) {
    public Shape {
        if (m <= 0 || n <= 0) {
            throw new IllegalArgumentException("shape needs m > 0 and n > 0, got " + m + " x " + n);
        }
    }

    public static Shape parse(String text) {
        String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("shape '" + text + "' is not of the form MxN, e.g. 10x1000000");
        }
        try {
            return new Shape(Integer.parseInt(parts[0].trim()), (int) Double.parseDouble(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shape '" + text + "' is not of the form MxN, e.g. 10x1000000", e);
        }
    }

    /** Every m x n combination with at most {@code maxEntries} entries. */
    public static List<Shape> grid(int[] ms, int[] ns, long maxEntries) {
        List<Shape> shapes = new ArrayList<>();
        for (int n : ns) {
            for (int m : ms) {
                if ((long) m * n <= maxEntries) {
                    shapes.add(new Shape(m, n));
                }
            }
        }
        return shapes;
    }

    public long entries() {
        return (long) m * n;
    }

    /** Bytes of J. */
    public long bytes() {
        return entries() * Double.BYTES;
    }

    @Override
    public String toString() {
        return m + "x" + n;
    }
}
