package org.multigrad.djl.experiment;

/**
 * Whether NORMAL's task positions reflect known task families (thesis Fig. 5.2: "related tasks end
 * close"): the mean |p_i − p_j| over pairs of tasks in the same family and over pairs in different
 * families. Positions that group by family give within &lt; between.
 */
public record FamilyDistances(double within, double between) {
    /** @param families disjoint lists of 0-based task indices covering the tasks compared */
    public static FamilyDistances of(double[] positions, int[][] families) {
        int[] family = new int[positions.length];
        java.util.Arrays.fill(family, -1);
        for (int f = 0; f < families.length; f++) {
            for (int task : families[f]) {
                if (family[task] >= 0) {
                    throw new IllegalArgumentException("task " + (task + 1) + " is in two families");
                }
                family[task] = f;
            }
        }
        double within = 0;
        double between = 0;
        int withinPairs = 0;
        int betweenPairs = 0;
        for (int i = 0; i < positions.length; i++) {
            for (int j = i + 1; j < positions.length; j++) {
                if (family[i] < 0 || family[j] < 0) {
                    continue;
                }
                double distance = Math.abs(positions[i] - positions[j]);
                if (family[i] == family[j]) {
                    within += distance;
                    withinPairs++;
                } else {
                    between += distance;
                    betweenPairs++;
                }
            }
        }
        return new FamilyDistances(withinPairs == 0 ? Double.NaN : within / withinPairs,
                betweenPairs == 0 ? Double.NaN : between / betweenPairs);
    }
}
