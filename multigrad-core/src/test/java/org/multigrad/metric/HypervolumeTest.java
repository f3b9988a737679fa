package org.multigrad.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Hand-computed hypervolumes and IGDs. */
class HypervolumeTest {
    @Test
    void twoObjectivesStaircase() {
        // boxes to r = (4, 4): (1,3) -> 3x1, (2,2) adds 2x1, (3,1) adds 1x1: total 3 + 2 + 1 = 6
        double[][] points = {{1, 3}, {2, 2}, {3, 1}};
        assertEquals(6, Hypervolume.of(points, new double[] {4, 4}), 1e-12);
    }

    @Test
    void dominatedAndOutsidePointsAddNothing() {
        double[][] points = {{1, 3}, {2, 2}, {3, 1}, {3, 3}, {5, 0}, {2, 2}};
        assertEquals(6, Hypervolume.of(points, new double[] {4, 4}), 1e-12);
        assertEquals(0, Hypervolume.of(new double[][] {{4, 1}}, new double[] {4, 4}), 0);
    }

    @Test
    void threeObjectivesByInclusionExclusion() {
        // A = (1,2,3), B = (2,1,2) to r = (4,4,4): |A| = 3*2*1 = 6, |B| = 2*3*2 = 12,
        // A ∩ B = box from max = (2,2,3): 2*2*1 = 4, union = 6 + 12 - 4 = 14
        double[][] points = {{1, 2, 3}, {2, 1, 2}};
        assertEquals(14, Hypervolume.of(points, new double[] {4, 4, 4}), 1e-12);
        assertEquals(27, Hypervolume.of(new double[][] {{1, 1, 1}}, new double[] {4, 4, 4}), 1e-12);
    }

    @Property(tries = 200)
    void threeDimensionalReducesToTwoForAFlatSet(@ForAll @DoubleRange(min = 0, max = 3) double a,
                                                 @ForAll @DoubleRange(min = 0, max = 3) double b,
                                                 @ForAll @DoubleRange(min = 0, max = 3) double c,
                                                 @ForAll @DoubleRange(min = 0, max = 3) double d) {
        // all points at f_3 = 0 with r_3 = 1: the volume is the 2-D area times 1
        double two = Hypervolume.of(new double[][] {{a, b}, {c, d}}, new double[] {4, 4});
        double three = Hypervolume.of(new double[][] {{a, b, 0}, {c, d, 0}}, new double[] {4, 4, 1});
        assertEquals(two, three, 1e-9);
    }

    @Test
    void rejectsOtherObjectiveCounts() {
        assertThrows(IllegalArgumentException.class, () -> Hypervolume.of(new double[][] {{1}}, new double[] {2}));
        assertThrows(IllegalArgumentException.class,
                () -> Hypervolume.of(new double[][] {{1, 2, 3}}, new double[] {4, 4}));
    }

    @Test
    void igdIsTheMeanNearestDistance() {
        double[][] front = {{0, 1}, {1, 0}};
        double[][] approximation = {{0, 1}, {1, 1}};
        // (0,1) -> 0; (1,0) -> nearest (1,1) at 1: mean 0.5
        assertEquals(0.5, Igd.of(approximation, front), 1e-12);
        assertEquals(0, Igd.of(front, front), 0);
        assertThrows(IllegalArgumentException.class, () -> Igd.of(new double[0][], front));
    }
}
