package org.multigrad.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Exact hypervolume against counting unit cells on integer points (an independent brute force). */
class HypervolumeProperties {
    @Property(tries = 300)
    void threeObjectivesMatchCellCount(@ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 5) Integer> a,
                                       @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 5) Integer> b,
                                       @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 5) Integer> c) {
        int count = Math.min(a.size(), Math.min(b.size(), c.size()));
        double[][] points = new double[count][];
        for (int k = 0; k < count; k++) {
            points[k] = new double[] {a.get(k), b.get(k), c.get(k)};
        }
        int cells = 0;
        for (int x = 0; x < 6; x++) {
            for (int y = 0; y < 6; y++) {
                for (int z = 0; z < 6; z++) {
                    for (double[] p : points) {
                        if (p[0] <= x && p[1] <= y && p[2] <= z) {
                            cells++;
                            break;
                        }
                    }
                }
            }
        }
        assertEquals(cells, Hypervolume.of(points, new double[] {6, 6, 6}), 1e-9);
    }

    @Property(tries = 300)
    void twoObjectivesMatchCellCount(@ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 7) Integer> a,
                                     @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 7) Integer> b) {
        int count = Math.min(a.size(), b.size());
        double[][] points = new double[count][];
        for (int k = 0; k < count; k++) {
            points[k] = new double[] {a.get(k), b.get(k)};
        }
        int cells = 0;
        for (int x = 0; x < 8; x++) {
            for (int y = 0; y < 8; y++) {
                for (double[] p : points) {
                    if (p[0] <= x && p[1] <= y) {
                        cells++;
                        break;
                    }
                }
            }
        }
        assertEquals(cells, Hypervolume.of(points, new double[] {8, 8}), 1e-9);
    }
}
