package org.multigrad.djl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FamilyDistancesTest {
    @Test
    void averagesPairsWithinAndAcrossFamilies() {
        // families {0, 1} and {2}: within |1 − 1.5| = 0.5; between |1 − 3|, |1.5 − 3| → 1.75
        FamilyDistances distances = FamilyDistances.of(new double[] {1, 1.5, 3}, new int[][] {{0, 1}, {2}});
        assertEquals(0.5, distances.within(), 1e-15);
        assertEquals(1.75, distances.between(), 1e-15);
        assertEquals(Double.NaN, FamilyDistances.of(new double[] {1, 2}, new int[][] {{0}, {1}}).within());
        assertThrows(IllegalArgumentException.class, () -> FamilyDistances.of(new double[] {1, 2}, new int[][] {{0, 1}, {1}}));
    }
}
