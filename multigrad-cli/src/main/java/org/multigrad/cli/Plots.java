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
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.multigrad.blackbox.BlackBoxExperiment;

/** PNG figures (XChart, headless). */
final class Plots {
    /** Distances below this are drawn at this value: a log axis cannot show the exact 0 of (4.21). */
    static final double FLOOR = 1e-12;

    /** One colour per method (by registry order), one dash pattern per sample size N. */
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2)};
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
}
