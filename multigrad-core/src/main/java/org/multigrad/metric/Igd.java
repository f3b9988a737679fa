package org.multigrad.metric;

/**
 * Inverted generational distance: the mean, over the points of a reference (true) front, of the
 * Euclidean distance to the nearest point of the approximation set (Coello and Reyes Sierra 2004;
 * pymoo's IGD). Zero when the approximation covers every reference point.
 */
public final class Igd {
    private Igd() {
    }

    public static double of(double[][] approximation, double[][] referenceFront) {
        if (approximation == null || approximation.length == 0) {
            throw new IllegalArgumentException("IGD needs at least one point in the approximation set");
        }
        if (referenceFront == null || referenceFront.length == 0) {
            throw new IllegalArgumentException("IGD needs at least one point in the reference front");
        }
        double total = 0;
        for (double[] target : referenceFront) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] point : approximation) {
                if (point.length != target.length) {
                    throw new IllegalArgumentException("IGD: approximation point has " + point.length
                            + " objectives, reference front has " + target.length);
                }
                double sum = 0;
                for (int i = 0; i < point.length; i++) {
                    sum += (point[i] - target[i]) * (point[i] - target[i]);
                }
                best = Math.min(best, sum);
            }
            total += Math.sqrt(best);
        }
        return total / referenceFront.length;
    }
}
