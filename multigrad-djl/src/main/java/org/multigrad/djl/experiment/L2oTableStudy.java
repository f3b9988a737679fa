package org.multigrad.djl.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multigrad.djl.LearnedOptimizerStep;
import org.multigrad.djl.TrainingDivergedException;

/**
 * ML2O's comparison protocol (seed 004, section 5, Tables 1, 3 and 4): each optimizer row trains each
 * model for K steps of batch 32 per seed, then the test loss, top-1 and top-5 accuracy per task are
 * averaged over the seeds. The rows and their step sizes are the paper's: SGD, Adam, Adadelta,
 * RMSProp and Momentum on the mean loss (1/M)Σ_i L_i at 1e-4; MGDA at 0.01 and PCGrad at 0.005 (as
 * directions of plain SGD); ML2O and GML2O (DSSMG fallback, N_b = 1, q = 0.1) at α; Adam at 1e-3 as
 * a tuned reference. Each run is an ordinary {@code train} run in DIR/MODEL/kK/ROW/seed-S: a run that
 * reached K is reused, one with a checkpoint is resumed, so the study resumes where it stopped.
 */
public final class L2oTableStudy {
    /** One row: how the paper runs an optimizer (method, its parameters, optimizer, step size; NaN: the request's α). */
    public record Row(String name, String method, Map<String, String> params, String optimizer, float rate) {
    }

    public static final List<Row> ROWS = List.of(
            new Row("sgd", "mean", Map.of(), "plain-sgd", 1e-4f),
            new Row("adam", "mean", Map.of(), "adam", 1e-4f),
            new Row("adadelta", "mean", Map.of(), "adadelta", 1e-4f),
            new Row("rmsprop", "mean", Map.of(), "rmsprop", 1e-4f),
            new Row("momentum", "mean", Map.of(), "sgd", 1e-4f),
            new Row("mgda", "mgda", Map.of(), "plain-sgd", 0.01f),
            new Row("pcgrad", "pcgrad", Map.of(), "plain-sgd", 0.005f),
            new Row("ml2o", "mgda", Map.of(), "ml2o", Float.NaN),
            new Row("gml2o", "dssmg", Map.of("nb", "1", "q", "0.1"), "gml2o", Float.NaN),
            new Row("adam-tuned", "mean", Map.of(), "adam", 1e-3f));

    /** A row by name. */
    public static Row row(String name) {
        for (Row row : ROWS) {
            if (row.name().equals(name)) {
                return row;
            }
        }
        throw new IllegalArgumentException("--optimizers: unknown row '" + name + "'; known: "
                + String.join(", ", ROWS.stream().map(Row::name).toList()));
    }

    /** One run of the study. */
    public record Cell(String model, long steps, Row row, long seed, Path directory) {
    }

    /**
     * A finished run: per task test loss, top-1 and top-5 accuracy; the acceptance rate (NaN without a
     * guard); ms per step; the training curve (the batch loss averaged over tasks, per step).
     */
    public record Outcome(Cell cell, double[] testLoss, double[] top1, double[] top5, double acceptanceRate, double msPerStep,
                          double[] curve) {
    }

    /** Follows the study: each cell starts (resumed or reused), then trains as {@link TrainingRun.Listener} says. */
    public interface Listener extends TrainingRun.Listener {
        default void cell(Cell cell, int index, int count, boolean resumed, boolean reused) {
        }
    }

    private final L2oTableRequest request;

    public L2oTableStudy(L2oTableRequest request) {
        this.request = request;
    }

    /** Every cell, in the order they run: model, K, row, seed. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (String model : request.models()) {
            for (long k : request.steps()) {
                for (String name : request.optimizers()) {
                    for (long seed : request.seeds()) {
                        cells.add(new Cell(model, k, row(name), seed, request.out().resolve(model).resolve("k" + k)
                                .resolve(name).resolve("seed-" + seed)));
                    }
                }
            }
        }
        return cells;
    }

    /** The training request of a cell (resumed when its directory holds a checkpoint). */
    TrainingRequest training(Cell cell, boolean resume) {
        Row row = cell.row();
        boolean learned = LearnedOptimizerStep.isLearned(row.optimizer());
        Map<String, String> optimizerParams = learned ? Map.of(LearnedOptimizerStep.WEIGHTS, request.weights().toString())
                : Map.of();
        float rate = Float.isNaN(row.rate()) ? request.l2oRate() : row.rate();
        return new TrainingRequest(request.dataset(), cell.model(), row.method(), row.params(), null, "parameters", "float32",
                1, request.batchSize(), row.optimizer(), rate, cell.seed(), request.data(), cell.directory(), resume, false, null,
                optimizerParams, cell.steps());
    }

    /** Runs (or resumes, or reuses) every cell; returns the outcomes in {@link #cells} order. */
    public List<Outcome> run(Listener listener) {
        List<Cell> cells = cells();
        List<Outcome> outcomes = new ArrayList<>();
        for (int index = 0; index < cells.size(); index++) {
            Cell cell = cells.get(index);
            boolean reused = Files.isRegularFile(cell.directory().resolve(ResultFile.RESULT))
                    && ResultFile.steps(cell.directory()) == cell.steps();
            // a reused run is opened as resumed too: its checkpoint must match this configuration
            boolean resume = Files.isRegularFile(cell.directory().resolve(org.multigrad.djl.MultiTaskTraining.CHECKPOINT_FILE));
            TrainingRun run = TrainingRun.prepare(training(cell, resume));
            listener.cell(cell, index, cells.size(), resume && !reused, reused);
            TrainingResult result;
            if (reused) {
                result = run.finished();
            } else {
                try {
                    result = run.run(listener);
                } catch (TrainingDivergedException e) {
                    throw new IllegalArgumentException(cell.row().name() + " on " + cell.model() + " (K = " + cell.steps()
                            + ", seed " + cell.seed() + ") diverged: " + e.getMessage() + " (its directory "
                            + cell.directory() + ")", e);
                }
            }
            double[] top5 = ResultFile.numbers(cell.directory(), "test_top5_accuracy");
            double[] acceptance = ResultFile.numbers(cell.directory(), "acceptance_rate");
            double[] curve = result.history().stream()
                    .mapToDouble(step -> java.util.Arrays.stream(step.losses()).average().orElse(Double.NaN)).toArray();
            outcomes.add(new Outcome(cell, result.testLoss(), result.testAccuracy(), top5,
                    acceptance == null ? Double.NaN : acceptance[0], result.timePerStep().total(), curve));
        }
        return outcomes;
    }

    /** Mean and sample standard deviation (0 for one value). */
    public record Summary(double mean, double std) {
        static Summary of(List<Double> values) {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Summary(mean, values.size() > 1 ? Math.sqrt(squares / (values.size() - 1)) : 0);
        }
    }

    /** One line of the table: a model, K, row and task (from 1) over the seeds. */
    public record Line(String model, long steps, String row, int task, int seeds, Summary testLoss, Summary top1,
                       Summary top5, Summary acceptanceRate, Summary msPerStep) {
    }

    /** The outcomes averaged over seeds, one line per model, K, row and task. */
    public static List<Line> summarise(List<Outcome> outcomes) {
        Map<String, List<Outcome>> groups = new LinkedHashMap<>();
        for (Outcome outcome : outcomes) {
            Cell cell = outcome.cell();
            groups.computeIfAbsent(cell.model() + "|" + cell.steps() + "|" + cell.row().name(), key -> new ArrayList<>())
                    .add(outcome);
        }
        List<Line> lines = new ArrayList<>();
        for (List<Outcome> group : groups.values()) {
            Cell first = group.get(0).cell();
            int tasks = group.get(0).testLoss().length;
            for (int task = 0; task < tasks; task++) {
                int t = task;
                lines.add(new Line(first.model(), first.steps(), first.row().name(), task + 1, group.size(),
                        Summary.of(group.stream().map(o -> o.testLoss()[t]).toList()),
                        Summary.of(group.stream().map(o -> o.top1()[t]).toList()),
                        Summary.of(group.stream().map(o -> o.top5() == null ? Double.NaN : o.top5()[t]).toList()),
                        Summary.of(group.stream().map(Outcome::acceptanceRate).toList()),
                        Summary.of(group.stream().map(Outcome::msPerStep).toList())));
            }
        }
        return lines;
    }
}
