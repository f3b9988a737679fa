package org.multigrad.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.multigrad.api.Gramian;
import org.multigrad.api.Jacobian;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.registry.MethodRegistry;

/**
 * Deterministic benchmark inputs and the list of methods to benchmark. Every method comes from
 * {@link MethodRegistry#all()}, so methods merged later are benchmarked without touching this module.
 */
public final class BenchData {
    /** Shapes the benchmarks cover by default, "m x n". */
    public static final int[] OBJECTIVES = {2, 10, 40, 100};
    public static final int[] PARAMETERS = {10_000, 1_000_000, 10_000_000};

    private static Jacobian cached;

    private BenchData() {
    }

    /**
     * An m x n Jacobian whose rows share a common component (so gradients partly agree and partly
     * conflict, as in MTL) with per-row scales 1, 2, 3. Entries come from a hash of the index, so
     * the array is filled in parallel and is identical on every run. The last Jacobian is kept,
     * so consecutive benchmarks on one shape do not refill gigabytes.
     */
    public static synchronized Jacobian jacobian(int m, int n) {
        if (cached != null && cached.objectives() == m && cached.parameters() == n) {
            return cached;
        }
        cached = null;
        long entries = (long) m * n;
        if (entries > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Jacobian " + m + " x " + n + " has " + entries
                    + " entries, more than a Java array holds");
        }
        double[] data = new double[(int) entries];
        int chunks = (int) Math.max(1, Math.min(1024, entries >> 16));
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            long from = entries * chunk / chunks;
            long to = entries * (chunk + 1) / chunks;
            for (long index = from; index < to; index++) {
                int row = (int) (index / n);
                int column = (int) (index - (long) row * n);
                data[(int) index] = (1 + row % 3) * (0.5 * uniform(column) + uniform(index + 0x9E3779B97F4A7C15L));
            }
        });
        cached = Jacobian.wrap(m, n, data);
        return cached;
    }

    /** Drops the cached Jacobian so its memory can be reclaimed. */
    public static synchronized void release() {
        cached = null;
    }

    /** The Gramian of a 4m+64-column Jacobian built like {@link #jacobian}: the solver benchmarks' input. */
    public static Gramian gramian(int m) {
        int n = 4 * m + 64;
        double[] data = new double[m * n];
        for (int index = 0; index < data.length; index++) {
            int row = index / n;
            data[index] = (1 + row % 3) * (0.5 * uniform(index - (long) row * n) + uniform(index + 0x9E3779B97F4A7C15L));
        }
        return Jacobian.wrap(m, n, data).gramian();
    }

    /** Positive losses (1, 1.5, 2, ...) for methods that read them. */
    public static double[] losses(int m) {
        double[] losses = new double[m];
        for (int i = 0; i < m; i++) {
            losses[i] = 1 + 0.5 * (i % 4);
        }
        return losses;
    }

    /** Weighting methods that can be built with their default parameters, in catalogue order. */
    public static List<MethodSpec> weightingMethods() {
        List<MethodSpec> methods = new ArrayList<>();
        for (MethodSpec spec : MethodRegistry.all()) {
            if (spec.isWeighting() && buildsWithDefaults(spec)) {
                methods.add(spec);
            }
        }
        return methods;
    }

    /**
     * Weighting methods that read the Gramian (so a step costs two passes over J), as their
     * declarations say. Methods that also need curvature (camoo) are left out: a Jacobian alone
     * cannot drive them.
     */
    public static List<MethodSpec> gradientMethods() {
        List<MethodSpec> methods = new ArrayList<>();
        for (MethodSpec spec : weightingMethods()) {
            if (spec.inputs().contains(MethodSpec.Input.GRAMIAN) && !spec.needsCurvature()) {
                methods.add(spec);
            }
        }
        return methods;
    }

    public static List<String> names(List<MethodSpec> specs) {
        List<String> names = new ArrayList<>();
        for (MethodSpec spec : specs) {
            names.add(spec.name());
        }
        return names;
    }

    private static boolean buildsWithDefaults(MethodSpec spec) {
        try {
            spec.createWeighting(Map.of());
            return true;
        } catch (IllegalArgumentException requiredParameter) {
            return false;
        }
    }

    /** splitmix64 of the index, mapped to [-1, 1). */
    static double uniform(long index) {
        long z = index + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-52 - 1.0;
    }
}
