package org.multigrad.blackbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The three d-dimensional bi-objective black-box problems of the thesis (Ye 2024, Sec. 4.6.1,
 * eqs. 4.21-4.23), by their registry names, with the distance metrics of that section.
 *
 * <p>Coordinate k = 0..d-1 plays the thesis's i = k + 1, so the ellipsoid scale 10^{2(i−1)/(d−1)}
 * is {@code 10^(2k/(d−1))}. For d = 1 the exponent's 0/0 is taken as 0 (scale 1), so every d ≥ 1
 * is accepted.
 */
public final class ThesisProblems {
    private static final Map<String, Entry> PROBLEMS = new LinkedHashMap<>();

    static {
        register("asmg-l1-ellipsoid", "shift l1-ellipsoid (4.21); Pareto set [-0.01, 0.01]^d", L1Ellipsoid::new);
        register("asmg-lhalf-ellipsoid",
                "shift l1/2-ellipsoid (4.22); distance to the corners {-0.1, 0.1}^d", LHalfEllipsoid::new);
        register("asmg-ellipsoid-rastrigin",
                "mixed ellipsoid-rastrigin 10 (4.23); Pareto set {0}", EllipsoidRastrigin::new);
    }

    private ThesisProblems() {
    }

    private record Entry(String name, String summary, IntFunction<SyntheticProblem> factory) {
    }

    private static void register(String name, String summary, IntFunction<SyntheticProblem> factory) {
        PROBLEMS.put(name, new Entry(name, summary, factory));
    }

    public static List<String> names() {
        return new ArrayList<>(PROBLEMS.keySet());
    }

    public static String summary(String name) {
        return entry(name).summary();
    }

    /** The problem of that name in dimension d ≥ 1. */
    public static SyntheticProblem create(String name, int dimension) {
        Entry entry = entry(name);
        if (dimension < 1) {
            throw new IllegalArgumentException(name + ": dimension d must be >= 1, got " + dimension);
        }
        return entry.factory().apply(dimension);
    }

    private static Entry entry(String name) {
        Entry entry = PROBLEMS.get(name == null ? "" : name.trim());
        if (entry == null) {
            throw new IllegalArgumentException("unknown black-box problem '" + name + "'; known problems: "
                    + String.join(", ", PROBLEMS.keySet()));
        }
        return entry;
    }

    /** 10^{exponent·(i−1)/(d−1)} for i = 1..d (1 when d = 1). */
    static double[] geometricScales(int dimension, double exponent) {
        double[] scales = new double[dimension];
        for (int k = 0; k < dimension; k++) {
            scales[k] = dimension == 1 ? 1 : Math.pow(10, exponent * k / (dimension - 1));
        }
        return scales;
    }

    /**
     * (4.21) F(x) = (Σ_i c_i |x_i − 0.01|, Σ_i c_i |x_i + 0.01|), c_i = 10^{2(i−1)/(d−1)}.
     * Pareto set P₁ = [−0.01, 0.01]^d; E = ||x − clip(x, −0.01, 0.01)||.
     */
    static final class L1Ellipsoid implements SyntheticProblem {
        private final int dimension;
        private final double[] scales;

        L1Ellipsoid(int dimension) {
            this.dimension = dimension;
            this.scales = geometricScales(dimension, 2);
        }

        @Override
        public String name() {
            return "asmg-l1-ellipsoid";
        }

        @Override
        public int dimension() {
            return dimension;
        }

        @Override
        public int objectives() {
            return 2;
        }

        @Override
        public void evaluate(double[] points, int pointOffset, double[] values, int valueOffset) {
            double first = 0;
            double second = 0;
            for (int k = 0; k < dimension; k++) {
                double x = points[pointOffset + k];
                first += scales[k] * Math.abs(x - 0.01);
                second += scales[k] * Math.abs(x + 0.01);
            }
            values[valueOffset] = first;
            values[valueOffset + 1] = second;
        }

        @Override
        public double distance(double[] x) {
            double sum = 0;
            for (double value : x) {
                double excess = Math.abs(value) - 0.01;
                if (excess > 0) {
                    sum += excess * excess;
                }
            }
            return Math.sqrt(sum);
        }
    }

    /**
     * (4.22) F(x) = (Σ_i |x_i − 0.1|^{1/2}, Σ_i |x_i + 0.1|^{1/2}). The front is concave; methods
     * that minimise a weighted sum end on the corners P̂₂ = {−0.1, 0.1}^d ⊂ P₂, and the thesis
     * measures E = dist(x, P̂₂) = ||(|x_i| − 0.1)_i||.
     */
    static final class LHalfEllipsoid implements SyntheticProblem {
        private final int dimension;

        LHalfEllipsoid(int dimension) {
            this.dimension = dimension;
        }

        @Override
        public String name() {
            return "asmg-lhalf-ellipsoid";
        }

        @Override
        public int dimension() {
            return dimension;
        }

        @Override
        public int objectives() {
            return 2;
        }

        @Override
        public void evaluate(double[] points, int pointOffset, double[] values, int valueOffset) {
            double first = 0;
            double second = 0;
            for (int k = 0; k < dimension; k++) {
                double x = points[pointOffset + k];
                first += Math.sqrt(Math.abs(x - 0.1));
                second += Math.sqrt(Math.abs(x + 0.1));
            }
            values[valueOffset] = first;
            values[valueOffset + 1] = second;
        }

        @Override
        public double distance(double[] x) {
            double sum = 0;
            for (double value : x) {
                double gap = Math.abs(value) - 0.1;
                sum += gap * gap;
            }
            return Math.sqrt(sum);
        }
    }

    /**
     * (4.23) F(x) = (Σ_i c_i |x_i|^{1/2}, 10d + Σ_i [(s_i x_i)² − 10 cos(2π s_i x_i)]) with
     * c_i = 10^{2(i−1)/(d−1)}, s_i = 10^{(i−1)/(d−1)}. Pareto set P₃ = {0}; E = ||x||.
     */
    static final class EllipsoidRastrigin implements SyntheticProblem {
        private final int dimension;
        private final double[] ellipsoidScales;
        private final double[] rastriginScales;

        EllipsoidRastrigin(int dimension) {
            this.dimension = dimension;
            this.ellipsoidScales = geometricScales(dimension, 2);
            this.rastriginScales = geometricScales(dimension, 1);
        }

        @Override
        public String name() {
            return "asmg-ellipsoid-rastrigin";
        }

        @Override
        public int dimension() {
            return dimension;
        }

        @Override
        public int objectives() {
            return 2;
        }

        @Override
        public void evaluate(double[] points, int pointOffset, double[] values, int valueOffset) {
            double first = 0;
            double second = 10.0 * dimension;
            for (int k = 0; k < dimension; k++) {
                double x = points[pointOffset + k];
                first += ellipsoidScales[k] * Math.sqrt(Math.abs(x));
                double scaled = rastriginScales[k] * x;
                second += scaled * scaled - 10 * Math.cos(2 * Math.PI * scaled);
            }
            values[valueOffset] = first;
            values[valueOffset + 1] = second;
        }

        @Override
        public double distance(double[] x) {
            double sum = 0;
            for (double value : x) {
                sum += value * value;
            }
            return Math.sqrt(sum);
        }
    }
}
