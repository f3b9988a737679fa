package org.multigrad.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * losses.png (each objective's batch loss per iteration) and weights.png (the method's weights per
 * iteration; not written for a method that reports none) of a Spark run, as {@code multigrad train}
 * draws them, from the same rows as metrics.csv. Headless: no display is needed.
 */
final class SparkPlots {
    static final String LOSSES = "losses.png";
    static final String WEIGHTS = "weights.png";

    private SparkPlots() {
    }

    /** Writes the plots into {@code directory}; returns the names written. */
    static List<String> write(Path directory, SparkResult result) {
        System.setProperty("java.awt.headless", "true");
        String method = result.request().method();
        XYChart losses = new XYChartBuilder().width(900).height(500).title("Per-objective batch loss (" + method + ")")
                .xAxisTitle("iteration").yAxisTitle("loss").build();
        XYChart weights = new XYChartBuilder().width(900).height(500).title("Weights (" + method + ")")
                .xAxisTitle("iteration").yAxisTitle("weight").build();
        List<MetricsRow> history = result.history();
        List<String> written = new ArrayList<>();
        if (history.isEmpty()) {
            return written;
        }
        boolean anyWeights = history.stream().allMatch(row -> row.weights() != null);
        double[] steps = history.stream().mapToDouble(MetricsRow::step).toArray();
        for (int i = 0; i < result.objectiveNames().size(); i++) {
            int objective = i;
            String name = (i + 1) + ": " + result.objectiveNames().get(i);
            losses.addSeries(name, steps, history.stream().mapToDouble(row -> row.losses()[objective]).toArray())
                    .setMarker(SeriesMarkers.NONE);
            if (anyWeights) {
                weights.addSeries(name, steps, history.stream().mapToDouble(row -> row.weights()[objective]).toArray())
                        .setMarker(SeriesMarkers.NONE);
            }
        }
        png(losses, directory.resolve(LOSSES));
        written.add(LOSSES);
        if (anyWeights) {
            png(weights, directory.resolve(WEIGHTS));
            written.add(WEIGHTS);
        }
        return written;
    }

    // XChart 4.0.3 deprecates its saveBitmap overloads: render, then let ImageIO encode (as multigrad-cli does)
    private static void png(XYChart chart, Path file) {
        try {
            if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", file.toFile())) {
                throw new IOException("no PNG writer in this JVM's ImageIO");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
