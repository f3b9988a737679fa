package org.multigrad.experiment;

import java.util.List;
import java.util.Locale;
import org.multigrad.blackbox.Asmg;
import org.multigrad.blackbox.BlackBoxMethods;
import org.multigrad.blackbox.CmaEs;
import org.multigrad.problem.Problem;
import org.multigrad.problem.ProblemRegistry;

/**
 * What {@link BlackBoxStudy} runs: every black-box method on every problem for every sample
 * size N and seed (the protocol of {@link org.multigrad.blackbox.BlackBoxExperiment}). The
 * constructor checks every field; messages name a field by its command-line spelling.
 *
 * @param problems {@link ProblemRegistry} names of problems with a known Pareto set, or null for the
 *                 problems without gradients (the thesis's three ASMG problems)
 * @param methods {@link BlackBoxMethods} names
 * @param dimension d of the ASMG problems; the gradient problems keep their own size
 * @param samples the sample sizes N per iteration
 * @param beta ASMG / ASMG-EW step size
 * @param esStep ES step size
 * @param update ASMG update: {@code standardized} (A.152-A.153) or {@code printed} (4.14)
 * @param precisionFloor ASMG guard: lower clamp of the per-coordinate precision factor, in (0, 1]
 * @param budget function evaluations per run, or null for 4000·(N + 1) (4000 ASMG iterations)
 * @param seeds the run seeds
 * @param logPoints trajectory rows per run, evenly spaced in evaluations
 * @param parallel evaluate each batch on several cores
 */
public record BlackBoxRequest(List<String> problems, List<String> methods, int dimension, List<Integer> samples,
                              double beta, double esStep, String update, double precisionFloor, Long budget,
                              List<Long> seeds, int logPoints, boolean parallel) {
    public BlackBoxRequest {
        problems = problems == null ? ProblemRegistry.names(problem -> !(problem instanceof Problem))
                : problems.stream().map(String::trim).toList();
        methods = methods.stream().map(String::trim).toList();
        samples = List.copyOf(samples);
        seeds = List.copyOf(seeds);
        for (String name : problems) {
            if (!ProblemRegistry.get(name).hasParetoSet()) {
                throw new IllegalArgumentException("--problem " + name + ": its Pareto set is unknown, and blackbox"
                        + " measures the distance to it");
            }
        }
        for (String name : methods) {
            BlackBoxMethods.summary(name);
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("--dim must be >= 1, got " + dimension);
        }
        long heap = Runtime.getRuntime().maxMemory();
        for (String name : methods) {
            if (name.contains("cma-es") && CmaEs.bytesNeeded(dimension) > heap) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s at --dim %d needs about %.0f MiB"
                        + " for its d x d matrices, more than the JVM's %d MiB heap: use a smaller --dim, or asmg or es"
                        + " (O(d) memory), or give the JVM more heap (MULTIGRAD_JAVA_OPTS=-Xmx...)", name, dimension,
                        CmaEs.bytesNeeded(dimension) / (1 << 20), heap / (1 << 20)));
            }
        }
        for (int n : samples) {
            if (n < 2) {
                throw new IllegalArgumentException("--samples: N must be >= 2, got " + n);
            }
            if (methods.contains("es") && n % 2 != 0) {
                throw new IllegalArgumentException("--samples: es needs an even N (mirrored pairs), got " + n);
            }
            long perRun = budget != null ? budget : 4000L * (n + 1);
            if (perRun < n + 1) {
                throw new IllegalArgumentException("--budget " + perRun + " is smaller than one iteration (N + 1 = "
                        + (n + 1) + " evaluations)");
            }
        }
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("--beta must be finite and > 0, got " + beta);
        }
        if (!(esStep > 0) || !Double.isFinite(esStep)) {
            throw new IllegalArgumentException("--es-step must be finite and > 0, got " + esStep);
        }
        if (!"standardized".equals(update) && !"printed".equals(update)) {
            throw new IllegalArgumentException("--update must be 'standardized' or 'printed', got '" + update + "'");
        }
        if (!(precisionFloor > 0 && precisionFloor <= 1)) {
            throw new IllegalArgumentException("--precision-floor must be in (0, 1], got " + precisionFloor);
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("--seeds must name at least one seed");
        }
        if (logPoints < 1) {
            throw new IllegalArgumentException("--log-points must be >= 1, got " + logPoints);
        }
    }

    /** Function evaluations of one run with N samples per iteration. */
    public long budgetFor(int samples) {
        return budget != null ? budget : 4000L * (samples + 1);
    }

    /** Function evaluations over all runs. */
    public long totalEvaluations() {
        long total = 0;
        for (int n : samples) {
            total += (long) problems.size() * methods.size() * seeds.size() * budgetFor(n);
        }
        return total;
    }

    BlackBoxMethods.Settings settings(int samples) {
        Asmg.Update form = "printed".equals(update) ? Asmg.Update.PRINTED : Asmg.Update.STANDARDIZED;
        return new BlackBoxMethods.Settings(samples, beta, esStep, form, precisionFloor, 0);
    }
}
