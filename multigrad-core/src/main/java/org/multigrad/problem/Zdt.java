package org.multigrad.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * ZDT1, ZDT2, ZDT3 (Zitzler, Deb and Thiele 2000), x ∈ [0, 1]^n, default n = 30:
 * f_1 = x_1, g = 1 + 9/(n-1)·Σ_{j≥2} x_j, f_2 = g·h(f_1/g) with
 * h(r) = 1 - √r (ZDT1), 1 - r² (ZDT2), 1 - √r - r·sin(10π f_1) (ZDT3).
 * Pareto set: x_j = 0 for j ≥ 2 and x_1 ∈ [0, 1] (ZDT1, ZDT2) or x_1 in the five intervals of
 * ZDT3's disconnected front (the standard values, as in pymoo; a test checks them against a dense
 * non-dominated filter).
 *
 * <p>Assumption: ∂f_2/∂x_1 contains 1/√x_1 and is infinite at x_1 = 0 for ZDT1 and ZDT3; the
 * gradient is evaluated with x_1 replaced by max(x_1, 1e-12) in that factor so it stays finite.
 */
public final class Zdt extends BoxProblem {
    /** Which member of the family. */
    public enum Variant { ZDT1, ZDT2, ZDT3 }

    static final double[][] ZDT3_INTERVALS = {
        {0, 0.0830015349},
        {0.1822287280, 0.2577623634},
        {0.4093136748, 0.4538821041},
        {0.6183967944, 0.6525117038},
        {0.8233317983, 0.8518328654},
    };

    private final Variant variant;

    public Zdt(Variant variant) {
        this(variant, 30);
    }

    public Zdt(Variant variant, int n) {
        super(variant.name().toLowerCase(java.util.Locale.ROOT), n, 2, filled(n, 0), filled(n, 1), starts(n));
        if (n < 2) {
            throw new IllegalArgumentException(variant + ": dimension must be >= 2, got " + n);
        }
        this.variant = variant;
    }

    private static List<double[]> starts(int n) {
        List<double[]> starts = new ArrayList<>();
        for (double first : new double[] {0.2, 0.5, 0.8}) {
            double[] x = filled(n, 0.5);
            x[0] = first;
            starts.add(x);
        }
        return starts;
    }

    @Override
    public void evaluate(double[] x, double[] values, double[] jacobian) {
        int n = dimension();
        double sum = 0;
        for (int j = 1; j < n; j++) {
            sum += x[j];
        }
        double slope = 9.0 / (n - 1);
        double g = 1 + slope * sum;
        double f1 = x[0];
        double r = f1 / g;
        double safeF1 = Math.max(f1, 1e-12);
        double h;
        double dhdr;
        double extraDf1 = 0; // ZDT3's sin term depends on f_1 directly as well as through r
        switch (variant) {
            case ZDT1:
                h = 1 - Math.sqrt(Math.max(r, 0));
                dhdr = -0.5 / Math.sqrt(safeF1 / g);
                break;
            case ZDT2:
                h = 1 - r * r;
                dhdr = -2 * r;
                break;
            default:
                double sine = Math.sin(10 * Math.PI * f1);
                h = 1 - Math.sqrt(Math.max(r, 0)) - r * sine;
                dhdr = -0.5 / Math.sqrt(safeF1 / g) - sine;
                extraDf1 = -r * 10 * Math.PI * Math.cos(10 * Math.PI * f1);
                break;
        }
        values[0] = f1;
        values[1] = g * h;
        // f_2 = g·h(f_1/g): ∂/∂x_1 = h'(r) + g·extra; ∂/∂x_j = slope·(h - r·h'(r)), j ≥ 2
        jacobian[0] = 1;
        for (int j = 1; j < n; j++) {
            jacobian[j] = 0;
        }
        jacobian[n] = dhdr + g * extraDf1;
        double dg = slope * (h - r * dhdr);
        for (int j = 1; j < n; j++) {
            jacobian[n + j] = dg;
        }
    }

    @Override
    public boolean hasParetoSet() {
        return true;
    }

    @Override
    public double distanceToParetoSet(double[] x) {
        double rest = 0;
        for (int j = 1; j < x.length; j++) {
            rest += x[j] * x[j];
        }
        double gap = 0;
        if (variant == Variant.ZDT3) {
            gap = Double.POSITIVE_INFINITY;
            for (double[] interval : ZDT3_INTERVALS) {
                double d = x[0] < interval[0] ? interval[0] - x[0] : x[0] > interval[1] ? x[0] - interval[1] : 0;
                gap = Math.min(gap, d);
            }
        } else {
            gap = x[0] < 0 ? -x[0] : x[0] > 1 ? x[0] - 1 : 0;
        }
        return Math.sqrt(rest + gap * gap);
    }

    @Override
    public double[][] paretoSetSample(int points) {
        int count = Math.max(2, points);
        double[][] sample = new double[count][dimension()];
        if (variant != Variant.ZDT3) {
            for (int k = 0; k < count; k++) {
                sample[k][0] = k / (double) (count - 1);
            }
            return sample;
        }
        double total = 0;
        for (double[] interval : ZDT3_INTERVALS) {
            total += interval[1] - interval[0];
        }
        for (int k = 0; k < count; k++) {
            double position = total * k / (count - 1);
            for (double[] interval : ZDT3_INTERVALS) {
                double length = interval[1] - interval[0];
                if (position <= length + 1e-15) {
                    sample[k][0] = interval[0] + Math.min(position, length);
                    break;
                }
                position -= length;
            }
        }
        return sample;
    }
}
