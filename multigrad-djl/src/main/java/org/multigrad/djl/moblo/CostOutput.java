package org.multigrad.djl.moblo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cost study's table, {@code cost.csv}: one row per point with method, inner_steps (T),
 * extra_layers, lower_dimension (p), iterations (timed), seconds_per_iteration, setup_rss_mb,
 * peak_rss_mb and peak_heap_mb (MiB).
 */
public final class CostOutput {
    public static final String TABLE = "cost.csv";

    private CostOutput() {
    }

    public static List<String> write(Path out, CostStudy.Result result) {
        List<String> lines = new ArrayList<>();
        lines.add("method,inner_steps,extra_layers,lower_dimension,iterations,seconds_per_iteration,setup_rss_mb,peak_rss_mb,"
                + "peak_heap_mb");
        for (CostProbe.Measurement point : result.points()) {
            lines.add(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%.4f,%.1f,%.1f,%.1f", point.method(), point.innerSteps(),
                    point.extraLayers(), point.lowerDimension(), point.iterations(), point.secondsPerIteration(),
                    mebibytes(point.setupRssBytes()), mebibytes(point.peakRssBytes()), mebibytes(point.peakHeapBytes())));
        }
        try {
            Files.write(out.resolve(TABLE), lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve(TABLE) + ": " + e.getMessage(), e);
        }
        return List.of(TABLE);
    }

    /** Bytes in MiB; -1 (not measured) stays -1. */
    public static double mebibytes(long bytes) {
        return bytes < 0 ? -1 : bytes / (1024.0 * 1024.0);
    }
}
