package org.multigrad.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.multigrad.djl.amoo.LearningRateSelection;
import org.multigrad.djl.amoo.LearningRateSelection.Choice;
import org.multigrad.djl.amoo.LearningRateSelection.Criterion;
import org.multigrad.djl.amoo.TeacherStudent.Method;
import org.multigrad.djl.amoo.TeacherStudent.Optimizer;
import org.multigrad.djl.amoo.TeacherStudentGrid;
import org.multigrad.djl.amoo.TeacherStudentGrid.Run;
import org.multigrad.djl.amoo.TeacherStudentOutput;

/**
 * The outputs of {@code multigrad amoo teacher-student}: the Markdown summary (final validation distance, mean ± std
 * over seeds at the learning rate chosen per (optimiser, σ, method), by training loss and by validation distance,
 * whether CAMOO beats EW in every setting, and the mean of every learning rate), the CSV of every run, the CSV of every
 * validation curve, and a PNG of the mean validation curves at the chosen learning rates (one panel per setting).
 */
final class TeacherStudentReport {
    private final TeacherStudentGrid.Spec spec;
    private final List<Run> runs;
    private final List<Optimizer> optimizers = new ArrayList<>();
    private final List<Double> sigmas = new ArrayList<>();
    private final List<Method> methods = new ArrayList<>();

    TeacherStudentReport(TeacherStudentGrid.Spec spec, List<Run> runs) {
        this.spec = spec;
        this.runs = List.copyOf(runs);
        Set<Optimizer> o = new LinkedHashSet<>();
        Set<Double> s = new LinkedHashSet<>();
        Set<Method> m = new LinkedHashSet<>();
        for (Run run : runs) {
            o.add(run.optimizer());
            s.add(run.sigma());
            m.add(run.method());
        }
        optimizers.addAll(o);
        sigmas.addAll(s);
        methods.addAll(m);
    }

    /** The summary: the primary criterion's table first, then the other one's, then all learning rates. */
    String summary(Criterion primary) {
        StringBuilder text = new StringBuilder();
        var shape = spec.shape();
        text.append(String.format(Locale.ROOT, "teacher-student: %d-%d-%d ReLU MLP, m = %d, alpha = %g, batch %d, %d steps,"
                        + " seeds %s, %d validation points; learning rates %s%n%n", shape.inputs(), shape.hidden(),
                shape.outputs(), shape.objectives(), shape.alpha(), shape.batch(), spec.steps(), seedList(spec.seeds()),
                shape.validation(), rates(spec.learningRates())));
        Criterion other = primary == Criterion.TRAIN_LOSS ? Criterion.VALIDATION : Criterion.TRAIN_LOSS;
        for (Criterion criterion : List.of(primary, other)) {
            text.append(choiceTable(criterion)).append('\n');
        }
        text.append(allRates());
        return text.toString();
    }

    private String choiceTable(Criterion criterion) {
        List<Choice> choices = LearningRateSelection.select(runs, criterion);
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "Final validation distance to the teacher, mean ± std"
                + " over %d seeds, learning rate chosen per method by %s:%n%n", spec.seeds().size(), describe(criterion)));
        t.append("| optimizer | sigma |");
        methods.forEach(m -> t.append(' ').append(m).append(" |"));
        t.append("\n|---|---|").append("---|".repeat(methods.size())).append('\n');
        int settings = 0;
        int wins = 0;
        int seedWins = 0;
        int seedPairs = 0;
        for (Optimizer optimizer : optimizers) {
            for (double sigma : sigmas) {
                t.append("| ").append(optimizer).append(" | ").append(TeacherStudentOutput.number(sigma)).append(" |");
                for (Method method : methods) {
                    Choice c = LearningRateSelection.find(choices, optimizer, sigma, method);
                    t.append(String.format(Locale.ROOT, " %s ± %s (lr %s) |", TeacherStudentOutput.number(c.mean()), TeacherStudentOutput.number(c.std()),
                            Double.isInfinite(c.criterion()) ? "all diverged" : TeacherStudentOutput.number(c.learningRate())));
                }
                t.append('\n');
                Choice ew = LearningRateSelection.find(choices, optimizer, sigma, Method.EW);
                Choice camoo = LearningRateSelection.find(choices, optimizer, sigma, Method.CAMOO);
                if (ew != null && camoo != null) {
                    settings++;
                    wins += camoo.mean() < ew.mean() ? 1 : 0;
                    double[] a = camoo.finalDistances();
                    double[] b = ew.finalDistances();
                    for (int k = 0; k < Math.min(a.length, b.length); k++) {
                        seedPairs++;
                        seedWins += a[k] < b[k] ? 1 : 0;
                    }
                }
            }
        }
        if (settings > 0) {
            t.append(String.format(Locale.ROOT, "%nCAMOO beats EW (lower mean) in %d of %d settings%s; per seed in %d of %d"
                    + " (setting, seed) pairs.%n", wins, settings, wins == settings ? " (all)" : " (NOT all)", seedWins,
                    seedPairs));
        }
        return t.toString();
    }

    private String allRates() {
        StringBuilder t = new StringBuilder("Final validation distance (mean over seeds) and mean training loss of the last"
                + " tenth of the steps, every learning rate (div = a seed diverged):\n\n| optimizer | sigma | method |");
        spec.learningRates().forEach(lr -> t.append(" lr ").append(TeacherStudentOutput.number(lr)).append(" |"));
        t.append("\n|---|---|---|").append("---|".repeat(spec.learningRates().size())).append('\n');
        for (Optimizer optimizer : optimizers) {
            for (double sigma : sigmas) {
                for (Method method : methods) {
                    t.append("| ").append(optimizer).append(" | ").append(TeacherStudentOutput.number(sigma)).append(" | ").append(method).append(" |");
                    for (double lr : spec.learningRates()) {
                        List<Run> group = runs.stream().filter(r -> r.optimizer() == optimizer && r.sigma() == sigma
                                && r.method() == method && r.learningRate() == lr).toList();
                        double distance = LearningRateSelection.score(group, Criterion.VALIDATION);
                        double loss = LearningRateSelection.score(group, Criterion.TRAIN_LOSS);
                        t.append(Double.isInfinite(distance) ? " div |"
                                : " " + TeacherStudentOutput.number(distance) + " / " + TeacherStudentOutput.number(loss) + " |");
                    }
                    t.append('\n');
                }
            }
        }
        return t.toString();
    }

    /** Mean validation curve over seeds at each method's chosen learning rate, one panel per (optimiser, σ), log y. */
    void plot(Path file, Criterion criterion) {
        System.setProperty("java.awt.headless", "true");
        List<Choice> choices = LearningRateSelection.select(runs, criterion);
        int width = 520;
        int height = 380;
        BufferedImage image = new BufferedImage(width * sigmas.size(), height * optimizers.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int row = 0; row < optimizers.size(); row++) {
            for (int col = 0; col < sigmas.size(); col++) {
                Optimizer optimizer = optimizers.get(row);
                double sigma = sigmas.get(col);
                XYChart chart = new XYChartBuilder().width(width).height(height)
                        .title(optimizer + ", sigma = " + TeacherStudentOutput.number(sigma) + " (lr by " + describeShort(criterion) + ")")
                        .xAxisTitle("step").yAxisTitle("validation distance").build();
                chart.getStyler().setYAxisLogarithmic(true);
                chart.getStyler().setMarkerSize(0);
                chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
                for (Method method : methods) {
                    Choice c = LearningRateSelection.find(choices, optimizer, sigma, method);
                    if (Double.isInfinite(c.criterion())) {
                        continue;
                    }
                    int[] steps = c.runs().get(0).curveSteps();
                    double[] x = new double[steps.length];
                    double[] y = new double[steps.length];
                    for (int k = 0; k < steps.length; k++) {
                        x[k] = steps[k];
                        for (Run r : c.runs()) {
                            y[k] += r.curve()[k] / c.runs().size();
                        }
                    }
                    chart.addSeries(method + " lr " + TeacherStudentOutput.number(c.learningRate()), x, y);
                }
                g.drawImage(BitmapEncoder.getBufferedImage(chart), col * width, row * height, null);
            }
        }
        g.dispose();
        try {
            javax.imageio.ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** "0..4" for consecutive seeds, else the list. */
    private static String seedList(List<Long> seeds) {
        boolean consecutive = true;
        for (int k = 1; k < seeds.size(); k++) {
            consecutive &= seeds.get(k) == seeds.get(k - 1) + 1;
        }
        return consecutive && seeds.size() > 1 ? seeds.get(0) + ".." + seeds.get(seeds.size() - 1)
                : seeds.toString().replace(" ", "").replace("[", "").replace("]", "");
    }

    private static String describe(Criterion criterion) {
        return criterion == Criterion.TRAIN_LOSS
                ? "training loss (the paper's rule: mean equal-weight training loss of the last tenth of the steps)"
                : "final validation distance";
    }

    private static String describeShort(Criterion criterion) {
        return criterion == Criterion.TRAIN_LOSS ? "training loss" : "validation";
    }

    private static String rates(List<Double> rates) {
        StringBuilder s = new StringBuilder("{");
        for (double r : rates) {
            s.append(s.length() == 1 ? "" : ", ").append(TeacherStudentOutput.number(r));
        }
        return s.append('}').toString();
    }
}
