package org.multigrad.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.multigrad.experiment.SolveResult;
import org.multigrad.experiment.TrajectoryRow;
import org.multigrad.problem.Problem;

/**
 * The PNG plots of {@code multigrad solve}, drawn with XChart off-screen (headless): objectives,
 * distance to the Pareto set, stationarity and weights against the step (log-scaled step axis;
 * curves are means over the runs from the first start point), and for two-dimensional problems the
 * trajectories of every run over the contours of the mean objective with the Pareto set drawn.
 * {@link SolveCommand} sets {@code java.awt.headless} before this class loads.
 */
final class SolvePlots {
    private static final double LOG_FLOOR = 1e-12;

    private SolvePlots() {
    }

    static List<String> write(Path out, SolveResult result) throws IOException {
        Problem problem = result.problem();
        List<String> methods = result.methods().stream().map(SolveResult.MethodResult::method).toList();
        List<SolveResult.Run> traces = result.runs();
        List<String> written = new ArrayList<>();
        int m = problem.objectives();
        XYChart objectives = stepChart("Objectives (mean over seeds)", "objective value", false);
        XYChart distance = stepChart("Distance to the Pareto set (mean over seeds)", "distance", true);
        XYChart stationarity = stepChart("Pareto stationarity min ||J^T lambda|| (mean over seeds)", "stationarity", true);
        XYChart weights = stepChart("Weights (mean over seeds)", "weight", false);
        boolean anyWeights = false;
        for (int k = 0; k < methods.size(); k++) {
            String method = methods.get(k);
            Color color = Plots.COLORS[k % Plots.COLORS.length];
            List<SolveResult.Run> mine = traces.stream().filter(t -> t.method().equals(method) && t.start() == 0).toList();
            if (mine.isEmpty()) {
                continue;
            }
            SolveResult.Run first = mine.get(0);
            // runs stopped early have shorter traces: average over the common prefix
            int length = mine.stream().mapToInt(t -> t.rows().size()).min().orElse(0);
            double[] steps = new double[length - 1];
            for (int r = 1; r < length; r++) {
                steps[r - 1] = first.rows().get(r).step();
            }
            for (int i = 0; i < m; i++) {
                final int objective = i;
                double[] mean = mean(mine, length, t -> r -> t.rows().get(r).objectives()[objective]);
                XYSeries series = objectives.addSeries(method + " f" + (i + 1), steps, mean);
                style(series, color, i);
                series.setShowInLegend(true);
            }
            if (problem.hasParetoSet()) {
                double[] mean = mean(mine, length, t -> r -> Math.max(LOG_FLOOR, t.rows().get(r).distance()));
                style(distance.addSeries(method, steps, mean), color, 0);
            }
            double[] meanStationarity = mean(mine, length, t -> r -> Math.max(LOG_FLOOR, t.rows().get(r).stationarity()));
            style(stationarity.addSeries(method, steps, meanStationarity), color, 0);
            for (int i = 0; i < m; i++) {
                final int objective = i;
                double[] mean = mean(mine, length, t -> r -> t.rows().get(r).weights() == null ? Double.NaN
                        : t.rows().get(r).weights()[objective]);
                if (Arrays.stream(mean).allMatch(Double::isFinite)) {
                    style(weights.addSeries(method + " w" + (i + 1), steps, mean), color, i);
                    anyWeights = true;
                }
            }
        }
        written.add(save(objectives, out, "objectives.png"));
        if (problem.hasParetoSet()) {
            written.add(save(distance, out, "distance.png"));
        }
        written.add(save(stationarity, out, "stationarity.png"));
        if (anyWeights) {
            written.add(save(weights, out, "weights.png"));
        }
        if (problem.dimension() == 2) {
            written.add(save(trajectories(problem, methods, traces), out, "trajectories.png"));
        }
        return written;
    }

    private interface Column {
        java.util.function.IntToDoubleFunction of(SolveResult.Run trace);
    }

    /** Mean over runs of rows 1..length-1 (row 0 is the start, left off the log-scaled axis). */
    private static double[] mean(List<SolveResult.Run> runs, int length, Column column) {
        double[] mean = new double[length - 1];
        for (SolveResult.Run trace : runs) {
            java.util.function.IntToDoubleFunction values = column.of(trace);
            for (int r = 1; r < length; r++) {
                mean[r - 1] += values.applyAsDouble(r) / runs.size();
            }
        }
        return mean;
    }

    private static XYChart stepChart(String title, String yTitle, boolean logY) {
        XYChart chart = new XYChartBuilder().width(900).height(600).title(title).xAxisTitle("step").yAxisTitle(yTitle)
                .build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    private static void style(XYSeries series, Color color, int variant) {
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        float[] dash = variant == 0 ? null : new float[] {6f * variant, 4f};
        series.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
    }

    private static XYChart trajectories(Problem problem, List<String> methods, List<SolveResult.Run> traces) {
        double[] lower = problem.lowerBounds();
        double[] upper = problem.upperBounds();
        double[][] paretoSet = problem.paretoSetSample(200);
        double[] box = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (SolveResult.Run trace : traces) {
            for (TrajectoryRow row : trace.rows()) {
                include(box, row.x());
            }
        }
        if (paretoSet != null) {
            for (double[] x : paretoSet) {
                include(box, x);
            }
        }
        double marginX = 0.1 * Math.max(box[1] - box[0], 1e-3);
        double marginY = 0.1 * Math.max(box[3] - box[2], 1e-3);
        double x0 = Math.max(lower[0], box[0] - marginX);
        double x1 = Math.min(upper[0], box[1] + marginX);
        double y0 = Math.max(lower[1], box[2] - marginY);
        double y1 = Math.min(upper[1], box[3] + marginY);
        XYChart chart = new XYChartBuilder().width(800).height(700)
                .title(problem.name() + ": trajectories over contours of the mean objective")
                .xAxisTitle("x1").yAxisTitle("x2").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(2);
        addContours(chart, problem, x0, x1, y0, y1);
        if (paretoSet != null) {
            double[] px = Arrays.stream(paretoSet).mapToDouble(p -> p[0]).toArray();
            double[] py = Arrays.stream(paretoSet).mapToDouble(p -> p[1]).toArray();
            XYSeries set = chart.addSeries("Pareto set", px, py);
            set.setMarker(SeriesMarkers.NONE);
            set.setLineColor(Color.BLACK);
            set.setLineStyle(new BasicStroke(3f));
        }
        for (int k = 0; k < methods.size(); k++) {
            Color color = Plots.COLORS[k % Plots.COLORS.length];
            boolean first = true;
            for (SolveResult.Run trace : traces) {
                if (!trace.method().equals(methods.get(k))) {
                    continue;
                }
                double[] xs = trace.rows().stream().mapToDouble(row -> row.x()[0]).toArray();
                double[] ys = trace.rows().stream().mapToDouble(row -> row.x()[1]).toArray();
                XYSeries series = chart.addSeries(first ? methods.get(k)
                        : methods.get(k) + " start " + trace.start() + " seed " + trace.seed(), xs, ys);
                series.setMarker(SeriesMarkers.NONE);
                series.setLineColor(color);
                series.setLineStyle(new BasicStroke(1.4f));
                series.setShowInLegend(first);
                first = false;
            }
        }
        return chart;
    }

    private static void include(double[] box, double[] x) {
        box[0] = Math.min(box[0], x[0]);
        box[1] = Math.max(box[1], x[0]);
        box[2] = Math.min(box[2], x[1]);
        box[3] = Math.max(box[3], x[1]);
    }

    /**
     * Contour lines of the mean objective as dots: on a 160 x 160 grid, every grid edge that
     * crosses a level contributes its linearly interpolated crossing point (XChart has no contour
     * plot; dense dots read as lines). 14 levels at quantiles of the grid values.
     */
    private static void addContours(XYChart chart, Problem problem, double x0, double x1, double y0, double y1) {
        int grid = 160;
        int m = problem.objectives();
        double[][] field = new double[grid][grid];
        double[] values = new double[m];
        double[] jacobian = new double[m * problem.dimension()];
        double[] sorted = new double[grid * grid];
        for (int a = 0; a < grid; a++) {
            for (int b = 0; b < grid; b++) {
                double[] x = {x0 + (x1 - x0) * a / (grid - 1), y0 + (y1 - y0) * b / (grid - 1)};
                problem.evaluate(x, values, jacobian);
                field[a][b] = Arrays.stream(values).average().orElse(0);
                sorted[a * grid + b] = field[a][b];
            }
        }
        Arrays.sort(sorted);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int level = 1; level <= 14; level++) {
            double value = sorted[(int) ((sorted.length - 1) * Math.pow(level / 15.0, 1.5))];
            for (int a = 0; a < grid; a++) {
                for (int b = 0; b < grid; b++) {
                    if (a + 1 < grid) {
                        crossing(field[a][b], field[a + 1][b], value, x0 + (x1 - x0) * a / (grid - 1),
                                x0 + (x1 - x0) * (a + 1) / (grid - 1), y0 + (y1 - y0) * b / (grid - 1), true, xs, ys);
                    }
                    if (b + 1 < grid) {
                        crossing(field[a][b], field[a][b + 1], value, y0 + (y1 - y0) * b / (grid - 1),
                                y0 + (y1 - y0) * (b + 1) / (grid - 1), x0 + (x1 - x0) * a / (grid - 1), false, xs, ys);
                    }
                }
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries contours = chart.addSeries("contours", xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ys.stream().mapToDouble(Double::doubleValue).toArray());
        contours.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        contours.setMarker(SeriesMarkers.CIRCLE);
        contours.setMarkerColor(new Color(190, 190, 190));
        contours.setShowInLegend(false);
    }

    private static void crossing(double fa, double fb, double level, double ta, double tb, double fixed, boolean alongX,
                                 List<Double> xs, List<Double> ys) {
        if ((fa - level) * (fb - level) < 0) {
            double t = ta + (tb - ta) * (level - fa) / (fb - fa);
            xs.add(alongX ? t : fixed);
            ys.add(alongX ? fixed : t);
        }
    }

    private static String save(XYChart chart, Path out, String name) throws IOException {
        // XChart 4.0.3 deprecates its saveBitmap overloads; render to an image and let ImageIO encode it
        javax.imageio.ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", out.resolve(name).toFile());
        return name;
    }
}
