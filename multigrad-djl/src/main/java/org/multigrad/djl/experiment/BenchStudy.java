package org.multigrad.djl.experiment;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multigrad.djl.MultiTaskTraining;
import org.multigrad.djl.TrainingDivergedException;

/**
 * {@code bench} as a service: the single-task baselines and every (method, seed) of a
 * {@link BenchRequest}, each trained by {@link TrainingRun} in this process, then Δm% per run.
 *
 * <p>Δm% follows LibMTL (Maninis et al. 2019): Δm = (1/T) Σ_t (-1)^{s_t} (M_t - M_t^STL) / M_t^STL · 100
 * with M_t the test accuracy (higher is better, s_t = 0) and M_t^STL the single-task accuracy
 * averaged over the seeds; positive is better. The baseline of task t is the {@code constant}
 * weighting with weight 1 on t and 0 on the others: the trunk and head t are trained on task t
 * alone (the other heads still fit their own losses on the trunk's features, which does not affect
 * task t).
 *
 * <p>Resumable: a run whose result.json already covers the epochs is reused, a run with a checkpoint
 * continues from it. Before anything trains, every run already in the directory is checked against
 * the request ({@link MultiTaskTraining#requireSameConfiguration}), so a rerun with another
 * learning rate, batch size, dataset, ... (or fewer epochs) is refused instead of relabelling the
 * old numbers.
 */
public final class BenchStudy {
    /** Follows the runs: each starts, is resumed or is reused, then trains as {@link TrainingRun.Listener} says. */
    public interface Listener extends TrainingRun.Listener {
        /** A run begins ({@code resumed}: from its checkpoint), or is reused ({@code reused}: finished before). */
        default void run(BenchRequest.Run run, boolean resumed, boolean reused, int epochsDone) {
        }
    }

    private final BenchRequest request;

    private BenchStudy(BenchRequest request) {
        this.request = request;
    }

    /** Checks every run already in the directory before anything trains (no file is written). */
    public static BenchStudy prepare(BenchRequest request) {
        int epochs = request.template().epochs();
        for (BenchRequest.Run run : request.runs()) {
            TrainingRequest runRequest = run.request();
            if (request.isBorrowed(run)) {
                requireFinished(runRequest, epochs);
            } else if (Files.isRegularFile(runRequest.checkpoint())) {
                MultiTaskTraining.requireSameConfiguration(runRequest.checkpoint(), runRequest.config());
                int done = ResultFile.epochs(runRequest.out());
                if (done > epochs) {
                    throw new IllegalArgumentException(runRequest.out() + " was trained for " + done + " epochs, more than"
                            + " --epochs " + epochs + ": ask for at least " + done + " epochs (a run can only grow) or"
                            + " choose another --out");
                }
            } else if (Files.exists(runRequest.out().resolve(ResultFile.RESULT))) {
                throw new IllegalArgumentException(runRequest.out() + " holds a result.json but no "
                        + MultiTaskTraining.CHECKPOINT_FILE + ", so its configuration cannot be checked: remove the"
                        + " directory or choose another --out");
            }
        }
        return new BenchStudy(request);
    }

    /** A borrowed baseline must be a finished run of exactly this bench's configuration and epochs. */
    private static void requireFinished(TrainingRequest baseline, int epochs) {
        int done = ResultFile.epochs(baseline.out());
        if (!Files.isRegularFile(baseline.checkpoint()) || done != epochs) {
            throw new IllegalArgumentException("--baselines: " + baseline.out() + " is not a run finished after " + epochs
                    + " epochs (" + (done == 0 ? "no result" : done + " epochs") + "): finish that bench with the same"
                    + " --epochs first, or drop --baselines");
        }
        try {
            MultiTaskTraining.requireSameConfiguration(baseline.checkpoint(), baseline.config());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--baselines: " + e.getMessage(), e);
        }
    }

    public BenchRequest request() {
        return request;
    }

    /** Trains (or resumes, or reuses) every run and writes Δm% into every method run's result.json. */
    public BenchResult run(Listener listener) {
        Map<String, List<BenchResult.Run>> byName = new LinkedHashMap<>();
        List<BenchRequest.Run> runs = request.runs();
        int tasks = org.multigrad.djl.data.MultiImageDatasets.tasks(request.template().dataset());
        double[] single = new double[tasks];
        for (BenchRequest.Run run : runs) {
            TrainingResult result = train(run, listener);
            if (result.tasks() != tasks) {
                throw new IllegalStateException(request.template().dataset() + " has " + result.tasks()
                        + " tasks, bench expects " + tasks);
            }
            double deltaM = Double.NaN;
            if (BenchResult.Method.isBaseline(run.name())) {
                // the baselines run first: M_t^STL is complete before the first method needs it
                int task = Integer.parseInt(run.name().substring(BenchRequest.SINGLE_TASK.length() + 1)) - 1;
                single[task] += result.testAccuracy()[task] / request.seeds().size();
            } else {
                deltaM = deltaM(result.testAccuracy(), single);
                Map<String, Object> extras = new LinkedHashMap<>();
                extras.put("single_task_accuracy", single.clone());
                extras.put("delta_m_percent", deltaM);
                ResultFile.addExtras(result.directory(), extras);
            }
            byName.computeIfAbsent(run.name(), name -> new ArrayList<>()).add(new BenchResult.Run(run.name(), run.seed(),
                    result, deltaM));
        }
        List<BenchResult.Method> methods = new ArrayList<>();
        byName.forEach((name, list) -> methods.add(BenchResult.Method.of(name, list)));
        return new BenchResult(request, single, List.copyOf(methods));
    }

    private static TrainingResult train(BenchRequest.Run run, Listener listener) {
        TrainingRequest request = run.request();
        boolean resume = Files.isRegularFile(request.checkpoint());
        TrainingRun training = TrainingRun.prepare(request.forRun(request.method(), request.params(), request.seed(),
                request.out(), resume));
        int done = training.epochsDone();
        if (done == request.epochs()) {
            listener.run(run, false, true, done);
            return training.finished();
        }
        listener.run(run, resume, false, done);
        try {
            return training.run(listener);
        } catch (TrainingDivergedException e) {
            throw new IllegalArgumentException("training " + run.name() + " seed " + run.seed() + " failed: "
                    + e.getMessage() + " (its directory " + request.out() + ")", e);
        }
    }

    /** LibMTL's Δm% for accuracies (higher is better) against the single-task accuracies. */
    public static double deltaM(double[] accuracy, double[] single) {
        if (accuracy.length != single.length) {
            throw new IllegalArgumentException("Δm: " + accuracy.length + " task accuracies against " + single.length
                    + " single-task ones");
        }
        double sum = 0;
        for (int task = 0; task < accuracy.length; task++) {
            sum += (accuracy[task] - single[task]) / single[task];
        }
        return 100 * sum / accuracy.length;
    }
}
