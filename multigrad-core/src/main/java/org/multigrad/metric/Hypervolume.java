package org.multigrad.metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Hypervolume (S-metric) of a set of objective vectors (minimisation) with respect to a reference
 * point r: the Lebesgue measure of the union of the boxes [y, r]. Exact for m = 2 (sort and sweep,
 * O(N log N)) and m = 3 (sweep over f_3, adding each slab's two-dimensional hypervolume, O(N² log N)).
 * Points that do not strictly dominate r contribute nothing.
 */
public final class Hypervolume {
    private Hypervolume() {
    }

    public static double of(double[][] points, double[] reference) {
        if (reference == null || (reference.length != 2 && reference.length != 3)) {
            throw new IllegalArgumentException("hypervolume is exact for 2 or 3 objectives; reference point has "
                    + (reference == null ? 0 : reference.length) + " entries");
        }
        List<double[]> inside = new ArrayList<>();
        for (int k = 0; k < points.length; k++) {
            double[] point = points[k];
            if (point.length != reference.length) {
                throw new IllegalArgumentException("point " + k + " has " + point.length + " objectives, reference has "
                        + reference.length);
            }
            boolean dominates = true;
            for (int i = 0; i < point.length; i++) {
                if (!Double.isFinite(point[i])) {
                    throw new IllegalArgumentException("point " + k + " has non-finite objective " + (i + 1));
                }
                dominates &= point[i] < reference[i];
            }
            if (dominates) {
                inside.add(point);
            }
        }
        return reference.length == 2 ? twoDimensional(inside, reference[0], reference[1])
                : threeDimensional(inside, reference);
    }

    private static double twoDimensional(List<double[]> points, double r1, double r2) {
        double[][] sorted = points.toArray(new double[0][]);
        Arrays.sort(sorted, Comparator.comparingDouble((double[] p) -> p[0]).thenComparingDouble(p -> p[1]));
        double volume = 0;
        double bestSecond = r2;
        for (double[] point : sorted) {
            if (point[1] < bestSecond) {
                volume += (r1 - point[0]) * (bestSecond - point[1]);
                bestSecond = point[1];
            }
        }
        return volume;
    }

    private static double threeDimensional(List<double[]> points, double[] reference) {
        double[][] sorted = points.toArray(new double[0][]);
        Arrays.sort(sorted, Comparator.comparingDouble(p -> p[2]));
        double volume = 0;
        List<double[]> active = new ArrayList<>();
        for (int k = 0; k < sorted.length; k++) {
            active.add(sorted[k]);
            double top = k + 1 < sorted.length ? sorted[k + 1][2] : reference[2];
            double height = top - sorted[k][2];
            if (height > 0) {
                volume += height * twoDimensional(active, reference[0], reference[1]);
            }
        }
        return volume;
    }
}
