package org.multigrad.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.multigrad.experiment.AmooOutput;
import org.multigrad.experiment.AmooToys;
import org.multigrad.experiment.RunOutput;
import org.multigrad.experiment.TrajectoryRow;

/** The console tables and the plot of {@code amoo selection|specification|curvature}. */
final class AmooReport {
    private AmooReport() {
    }

    /** Steps to converge per method and step size (the paper's comparison). */
    static void quadratic(PrintWriter console, AmooToys.Result result) {
        var problem = result.problem();
        double[] start = result.runs().get(0).rows().get(0).x();
        console.printf(Locale.ROOT, "%s (m = %d, d = %d), x0 = %s, ||x0|| = %.4f, stop at ||x|| < %g%n", problem.name(),
                problem.objectives(), problem.dimension(), Format.vector(start, 4), problem.distanceToParetoSet(start),
                result.tolerance());
        console.printf(Locale.ROOT, "%-50s %-10s %s%n", "method", "step eta", "steps");
        for (AmooToys.Run run : result.runs()) {
            console.printf(Locale.ROOT, "%-50s %-10.5g %s%n", run.method(), run.eta(), run.converged()
                    ? String.valueOf(run.steps()) : String.format(Locale.ROOT, "not converged in %d (||x|| = %.3g)",
                    run.steps(), run.last().distance()));
        }
    }

    /** Per start: CAMOO's and EW's step counts and CAMOO's first weights on f_1. */
    static void curvature(PrintWriter console, AmooToys.Result result, double eta) {
        console.printf(Locale.ROOT, "amoo-curvature, CAMOO exact weights, eta = %g, stop at ||x|| < %g%n", eta,
                result.tolerance());
        for (int k = 0; k + 1 < result.runs().size(); k += 2) {
            AmooToys.Run camoo = result.runs().get(k);
            AmooToys.Run ew = result.runs().get(k + 1);
            StringBuilder weights = new StringBuilder();
            List<TrajectoryRow> weighted = weighted(camoo);
            for (int t = 0; t < Math.min(8, weighted.size()); t++) {
                weights.append(String.format(Locale.ROOT, " %.3f", weighted.get(t).weights()[0]));
            }
            console.printf(Locale.ROOT, "start %-14s CAMOO %s steps, EW %s steps; w_1 along the path:%s%s%n",
                    Format.vector(camoo.rows().get(0).x(), 2), steps(camoo), steps(ew), weights,
                    camoo.steps() > 8 ? " ..." : "");
        }
    }

    /** CAMOO's weight on f_1 at x_t along each start's trajectory (t = step − 1, where the weights were taken). */
    static void curvaturePlot(AmooToys.Result result, double eta, Path file) {
        List<Plots.Line> lines = new ArrayList<>();
        for (AmooToys.Run run : result.runs()) {
            if (!run.method().equals("camoo")) {
                continue;
            }
            List<TrajectoryRow> weighted = weighted(run);
            double[] t = new double[weighted.size()];
            double[] w = new double[weighted.size()];
            for (int k = 0; k < t.length; k++) {
                t[k] = weighted.get(k).step() - 1;
                w[k] = weighted.get(k).weights()[0];
            }
            lines.add(new Plots.Line("x0 = " + Format.vector(run.rows().get(0).x(), 2), t, w));
        }
        Plots.lines("amoo-curvature: CAMOO weight on f_1 along weighted-GD trajectories (eta = " + eta + ")",
                "t (weights taken at x_t)", "w_1", false, lines, file);
    }

    /** The deprecated {@code --csv FILE}: the trajectory in the shared schema, refusing to replace a file. */
    static void trajectoryFile(AmooToys.Result result, Path file) {
        if (Files.exists(file)) {
            throw new IllegalArgumentException("--csv " + file + " already exists; choose a new file, or use --out DIR");
        }
        try {
            Path temporary = Files.createTempDirectory("multigrad-amoo");
            AmooOutput.write(temporary, result);
            Files.move(temporary.resolve(RunOutput.TRAJECTORY), file);
            Files.delete(temporary.resolve(RunOutput.SUMMARY));
            Files.delete(temporary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The rows of a run that carry weights (every row but the start). */
    private static List<TrajectoryRow> weighted(AmooToys.Run run) {
        return run.rows().stream().filter(row -> row.weights() != null).toList();
    }

    private static String steps(AmooToys.Run run) {
        return run.converged() ? String.valueOf(run.steps()) : "not converged in " + run.steps();
    }
}
