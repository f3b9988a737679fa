package org.multigrad.problem;

import java.util.ArrayList;
import java.util.List;

/** Shared plumbing of the analytic problems: name, sizes, box bounds and start points. */
abstract class BoxProblem implements Problem {
    private final String name;
    private final int dimension;
    private final int objectives;
    private final double[] lower;
    private final double[] upper;
    private final List<double[]> starts;

    BoxProblem(String name, int dimension, int objectives, double[] lower, double[] upper, List<double[]> starts) {
        this.name = name;
        this.dimension = dimension;
        this.objectives = objectives;
        this.lower = lower.clone();
        this.upper = upper.clone();
        List<double[]> copies = new ArrayList<>();
        for (double[] start : starts) {
            copies.add(start.clone());
        }
        this.starts = List.copyOf(copies);
    }

    static double[] filled(int n, double value) {
        double[] array = new double[n];
        java.util.Arrays.fill(array, value);
        return array;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int objectives() {
        return objectives;
    }

    @Override
    public double[] lowerBounds() {
        return lower.clone();
    }

    @Override
    public double[] upperBounds() {
        return upper.clone();
    }

    @Override
    public void project(double[] x) {
        for (int j = 0; j < x.length; j++) {
            x[j] = Math.min(upper[j], Math.max(lower[j], x[j]));
        }
    }

    @Override
    public List<double[]> startPoints() {
        List<double[]> copies = new ArrayList<>();
        for (double[] start : starts) {
            copies.add(start.clone());
        }
        return copies;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Distance from point p to the segment [a, b]. */
    static double distanceToSegment(double[] p, double[] a, double[] b) {
        double dot = 0;
        double length2 = 0;
        for (int j = 0; j < p.length; j++) {
            dot += (p[j] - a[j]) * (b[j] - a[j]);
            length2 += (b[j] - a[j]) * (b[j] - a[j]);
        }
        double t = length2 == 0 ? 0 : Math.max(0, Math.min(1, dot / length2));
        double sum = 0;
        for (int j = 0; j < p.length; j++) {
            double diff = p[j] - (a[j] + t * (b[j] - a[j]));
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }

    /** {@code points} points evenly spaced on the segment [a, b]. */
    static double[][] segment(double[] a, double[] b, int points) {
        int count = Math.max(2, points);
        double[][] sample = new double[count][a.length];
        for (int k = 0; k < count; k++) {
            double t = k / (double) (count - 1);
            for (int j = 0; j < a.length; j++) {
                sample[k][j] = a[j] + t * (b[j] - a[j]);
            }
        }
        return sample;
    }
}
