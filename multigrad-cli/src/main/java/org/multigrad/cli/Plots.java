package org.multigrad.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.multigrad.blackbox.BlackBoxExperiment;
import org.multigrad.djl.experiment.BenchRequest;
import org.multigrad.djl.experiment.BenchResult;
import org.multigrad.djl.experiment.PositionsFile;
import org.multigrad.djl.experiment.TrainingRequest;
import org.multigrad.djl.experiment.TrainingResult;

/** PNG figures (XChart, headless). */
final class Plots {
    /** Distances below this are drawn at this value: a log axis cannot show the exact 0 of (4.21). */
    static final double FLOOR = 1e-12;

    /**
     * Matplotlib's ten-colour "tab10" cycle, for every figure of the command line: one colour per
     * method or task (ten tasks, as on fashion-ovr, stay distinguishable), then one dash pattern per
     * further round of ten.
     */
    static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};
    private static final BasicStroke[] STROKES = {
        new BasicStroke(2f),
        new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 4f}, 0f),
        new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f),
        new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 3f, 2f, 3f}, 0f),
    };

    private Plots() {
    }

    /**
     * Distance to the Pareto set vs function evaluations (or iterations) for one problem, log y:
     * one line per (method, N), and per d when the runs have several dimensions; each line is the
     * mean over seeds of the k-th logged point (runs of one group log at the same evaluation
     * counts); a run that stopped early contributes its final distance to the later points.
     */
    static void distance(List<BlackBoxExperiment.Result> results, String problem, boolean iterations, Path file) {
        System.setProperty("java.awt.headless", "true");
        List<String> methods = new ArrayList<>();
        TreeSet<Integer> sampleSizes = new TreeSet<>();
        TreeSet<Integer> dimensions = new TreeSet<>();
        for (BlackBoxExperiment.Result result : results) {
            if (result.problem().equals(problem)) {
                if (!methods.contains(result.method())) {
                    methods.add(result.method());
                }
                sampleSizes.add(result.samples());
                dimensions.add(result.dimension());
            }
        }
        // runs of several dimensions (a merged dimension study) get one line per d, dashed by d
        boolean byDimension = dimensions.size() > 1;
        Map<String, List<BlackBoxExperiment.Result>> groups = new LinkedHashMap<>();
        for (BlackBoxExperiment.Result result : results) {
            if (result.problem().equals(problem)) {
                String key = result.method() + " N=" + result.samples() + (byDimension ? " d=" + result.dimension() : "");
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(result);
            }
        }
        String dimensionText = byDimension ? "d = " + dimensions : "d = " + dimensions.first();
        XYChart chart = new XYChartBuilder().width(800).height(520)
                .title(problem + ", " + dimensionText + " (mean over seeds; 0 drawn at " + FLOOR + ")")
                .xAxisTitle(iterations ? "iterations" : "function evaluations").yAxisTitle("distance to Pareto set").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(0);
        for (Map.Entry<String, List<BlackBoxExperiment.Result>> group : groups.entrySet()) {
            // a run that stopped early (CMA-ES's own stopping rules) keeps its final distance
            BlackBoxExperiment.Result longest = group.getValue().get(0);
            for (BlackBoxExperiment.Result result : group.getValue()) {
                if (result.points().size() > longest.points().size()) {
                    longest = result;
                }
            }
            int length = longest.points().size();
            double[] x = new double[length];
            double[] y = new double[length];
            for (int k = 0; k < length; k++) {
                double sum = 0;
                for (BlackBoxExperiment.Result result : group.getValue()) {
                    sum += result.points().get(Math.min(k, result.points().size() - 1)).distance();
                }
                BlackBoxExperiment.Point point = longest.points().get(k);
                x[k] = iterations ? point.iteration() : point.evaluations();
                y[k] = Math.max(FLOOR, sum / group.getValue().size());
            }
            for (double value : y) {
                if (value == FLOOR) {
                    chart.getStyler().setYAxisMin(FLOOR);
                }
            }
            XYSeries series = chart.addSeries(group.getKey(), x, y);
            series.setMarker(SeriesMarkers.NONE);
            BlackBoxExperiment.Result first = group.getValue().get(0);
            series.setLineColor(COLORS[methods.indexOf(first.method()) % COLORS.length]);
            int style = byDimension ? dimensions.headSet(first.dimension()).size()
                    : sampleSizes.headSet(first.samples()).size();
            series.setLineStyle(STROKES[style % STROKES.length]);
        }
        try {
            PngFiles.write(chart, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * losses.png (per task: the mini-batch loss per step as a trailing mean of 20 steps, and the test
     * loss per epoch) and weights.png (the weights per step, trailing mean of 20 steps; not written
     * for a method that reports none) of one training run; returns the names written.
     */
    static List<String> training(TrainingResult result, Path out) {
        System.setProperty("java.awt.headless", "true");
        String method = result.config().method();
        XYChart losses = new XYChartBuilder().width(900).height(500).title("Per-task loss (" + method + ")")
                .xAxisTitle("step").yAxisTitle("cross-entropy").build();
        XYChart weights = new XYChartBuilder().width(900).height(500).title("Task weights (" + method + ")")
                .xAxisTitle("step").yAxisTitle("weight").build();
        boolean anyLosses = false;
        boolean anyWeights = false;
        for (int task = 0; task < result.tasks(); task++) {
            final int t = task;
            List<TrainingResult.Step> steps = result.history();
            List<TrainingResult.Step> weighted = steps.stream().filter(step -> step.weights() != null).toList();
            if (!steps.isEmpty()) {
                anyLosses = true;
                losses.addSeries("train task " + (t + 1) + " (mean of 20 steps)", steps.stream().map(s -> (double) s.step())
                        .toList(), trailingMean(steps.stream().map(s -> s.losses()[t]).toList(), 20))
                        .setMarker(SeriesMarkers.NONE);
            }
            if (!result.evaluations().isEmpty()) {
                losses.addSeries("test task " + (t + 1), result.evaluations().stream().map(e -> (double) e.step()).toList(),
                        result.evaluations().stream().map(e -> e.loss()[t]).toList());
            }
            if (!weighted.isEmpty()) {
                anyWeights = true;
                weights.addSeries("task " + (t + 1) + " (mean of 20 steps)", weighted.stream().map(s -> (double) s.step())
                        .toList(), trailingMean(weighted.stream().map(s -> s.weights()[t]).toList(), 20))
                        .setMarker(SeriesMarkers.NONE);
            }
        }
        List<String> written = new ArrayList<>();
        if (anyLosses) {
            png(losses, out.resolve("losses.png"));
            written.add("losses.png");
        }
        if (anyWeights) {
            png(weights, out.resolve("weights.png"));
            written.add("weights.png");
        }
        Path positions = out.resolve(PositionsFile.NAME);
        if (java.nio.file.Files.isRegularFile(positions)) {
            List<Long> steps = new ArrayList<>();
            double[][] values = PositionsFile.read(positions, result.tasks(), steps);
            double[] x = steps.stream().mapToDouble(Long::doubleValue).toArray();
            List<Line> lines = new ArrayList<>();
            for (int task = 0; task < values.length; task++) {
                lines.add(new Line("p" + (task + 1), x, values[task]));
            }
            lines(result.config().model() + ": task positions (" + method + ")", "step", "position p_i", false, lines,
                    out.resolve("positions.png"));
            written.add("positions.png");
        }
        return written;
    }

    /** Trailing moving average over {@code window} points (the per-step loss is noisy). */
    static List<Double> trailingMean(List<Double> values, int window) {
        List<Double> out = new ArrayList<>(values.size());
        double sum = 0;
        for (int i = 0; i < values.size(); i++) {
            sum += values.get(i);
            if (i >= window) {
                sum -= values.get(i - window);
            }
            out.add(sum / Math.min(i + 1, window));
        }
        return out;
    }

    /**
     * A NORMAL bench's task positions: p_i against the step, averaged over the seeds, one line per
     * (method, task); false (nothing written) when no run wrote positions.
     */
    static boolean benchPositions(BenchResult result, Path file) {
        System.setProperty("java.awt.headless", "true");
        List<Line> lines = new ArrayList<>();
        for (BenchResult.Method method : result.trained()) {
            double[][] sum = null;
            double[] x = null;
            int seeds = 0;
            for (BenchResult.Run run : method.runs()) {
                Path positions = run.result().directory().resolve(PositionsFile.NAME);
                if (!java.nio.file.Files.isRegularFile(positions)) {
                    continue;
                }
                List<Long> steps = new ArrayList<>();
                double[][] values = PositionsFile.read(positions, run.result().tasks(), steps);
                if (sum == null) {
                    sum = new double[values.length][values[0].length];
                    x = steps.stream().mapToDouble(Long::doubleValue).toArray();
                }
                for (int task = 0; task < values.length; task++) {
                    for (int row = 0; row < Math.min(values[task].length, sum[task].length); row++) {
                        sum[task][row] += values[task][row];
                    }
                }
                seeds++;
            }
            for (int task = 0; sum != null && task < sum.length; task++) {
                double[] mean = new double[sum[task].length];
                for (int row = 0; row < mean.length; row++) {
                    mean[row] = sum[task][row] / seeds;
                }
                String prefix = result.trained().size() > 1 ? method.name() + " " : "";
                lines.add(new Line(prefix + "p" + (task + 1), x, mean));
            }
        }
        if (lines.isEmpty()) {
            return false;
        }
        TrainingRequest template = result.request().template();
        lines(template.dataset() + ", " + template.model() + ": task positions (mean over "
                + result.request().seeds().size() + " seeds)", "step", "position p_i", false, lines, file);
        return true;
    }

    /** A bench's mean test accuracy per task and method (single-task baselines first), the seeds' std as error bars. */
    static void benchAccuracy(BenchResult result, Path file) {
        System.setProperty("java.awt.headless", "true");
        List<String> names = new ArrayList<>();
        names.add(BenchRequest.SINGLE_TASK);
        result.trained().forEach(method -> names.add(method.name()));
        TrainingRequest template = result.request().template();
        CategoryChart chart = new CategoryChartBuilder().width(180 + 90 * names.size()).height(480)
                .title(template.dataset() + ": test accuracy (" + template.epochs() + " epochs, "
                        + result.request().seeds().size() + " seeds)").xAxisTitle("method").yAxisTitle("accuracy").build();
        chart.getStyler().setXAxisLabelRotation(45);
        for (int task = 1; task <= result.singleTaskAccuracy().length; task++) {
            List<Double> means = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            means.add(result.singleTaskAccuracy()[task - 1]);
            errors.add(0.0);
            for (BenchResult.Method method : result.trained()) {
                means.add(method.accuracy(task).mean());
                errors.add(method.accuracy(task).std());
            }
            chart.addSeries("task " + task, names, means, errors);
        }
        png(chart, file);
    }

    private static void png(IChart chart, Path file) {
        try {
            PngFiles.write(chart, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** One named line of {@link #lines}. */
    record Line(String name, double[] x, double[] y) {
    }

    /**
     * A line chart, one colour per line in order; on a log y axis values below {@link #FLOOR} are
     * drawn at it (an exact 0 cannot be shown).
     */
    static void lines(String title, String xTitle, String yTitle, boolean logY, List<Line> lines, Path file) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setMarkerSize(0);
        for (int k = 0; k < lines.size(); k++) {
            Line line = lines.get(k);
            double[] y = line.y().clone();
            if (logY) {
                for (int i = 0; i < y.length; i++) {
                    y[i] = Math.max(FLOOR, y[i]);
                }
            }
            XYSeries series = chart.addSeries(line.name(), line.x(), y);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(COLORS[k % COLORS.length]);
            series.setLineStyle(STROKES[(k / COLORS.length) % STROKES.length]);
        }
        png(chart, file);
    }
}
