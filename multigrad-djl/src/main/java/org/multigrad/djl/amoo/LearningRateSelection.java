package org.multigrad.djl.amoo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.multigrad.djl.amoo.TeacherStudent.Method;
import org.multigrad.djl.amoo.TeacherStudent.Optimizer;
import org.multigrad.djl.amoo.TeacherStudentGrid.Run;
import org.multigrad.metric.SampleStatistics;

/**
 * The best learning rate per setting (optimiser, σ) and method, from a {@link TeacherStudentGrid} result.
 *
 * <p>The workshop (appendix C) "optimize[s] learning rates across a grid of candidates and pick[s] the best performing
 * one on training loss" and averages 5 seeds. Read here as: for each (optimiser, σ, method), the learning rate whose
 * criterion, averaged over the seeds, is smallest, where the criterion is
 * <ul>
 *   <li>{@link Criterion#TRAIN_LOSS} (the paper's): the equal-weight training loss (1/m) Σ_i f_i averaged over the
 *   last tenth of the steps (the same objective for every method; the weighted loss Σ w_i f_i would compare
 *   different objectives, and PAMOO's weights are not normalised), or</li>
 *   <li>{@link Criterion#VALIDATION}: the final validation distance to the teacher (the reported metric itself).</li>
 * </ul>
 * A learning rate for which any seed diverged (non-finite loss) counts as +∞; ties go to the first learning rate in
 * grid order. The reported value is the final validation distance at the chosen rate: mean and sample standard
 * deviation (n − 1) over the seeds.
 */
public final class LearningRateSelection {
    /** What picks the learning rate. */
    public enum Criterion { TRAIN_LOSS, VALIDATION }

    /** The chosen learning rate of one (optimiser, σ, method) and its final validation distances, one per seed. */
    public record Choice(Optimizer optimizer, double sigma, Method method, double learningRate, double criterion,
                         List<Run> runs) {
        public double[] finalDistances() {
            return runs.stream().mapToDouble(Run::finalDistance).toArray();
        }

        public double mean() {
            return SampleStatistics.mean(finalDistances());
        }

        /** Sample standard deviation over the seeds (0 for one seed). */
        public double std() {
            return SampleStatistics.standardDeviation(finalDistances());
        }
    }

    private record Key(Optimizer optimizer, double sigma, Method method) { }

    private LearningRateSelection() { }

    /** One choice per (optimiser, σ, method), in the order the runs first name them. */
    public static List<Choice> select(List<Run> runs, Criterion criterion) {
        Objects.requireNonNull(criterion, "criterion");
        Map<Key, Map<Double, List<Run>>> groups = new LinkedHashMap<>();
        for (Run run : runs) {
            groups.computeIfAbsent(new Key(run.optimizer(), run.sigma(), run.method()), k -> new LinkedHashMap<>())
                    .computeIfAbsent(run.learningRate(), k -> new ArrayList<>()).add(run);
        }
        List<Choice> choices = new ArrayList<>();
        for (Map.Entry<Key, Map<Double, List<Run>>> group : groups.entrySet()) {
            Choice best = null;
            for (Map.Entry<Double, List<Run>> rate : group.getValue().entrySet()) {
                double value = score(rate.getValue(), criterion);
                if (best == null || value < best.criterion()) {
                    Key key = group.getKey();
                    best = new Choice(key.optimizer(), key.sigma(), key.method(), rate.getKey(), value,
                            List.copyOf(rate.getValue()));
                }
            }
            choices.add(best);
        }
        return choices;
    }

    /** The choice for (optimiser, σ, method), or null if the selection has none. */
    public static Choice find(List<Choice> choices, Optimizer optimizer, double sigma, Method method) {
        for (Choice choice : choices) {
            if (choice.optimizer() == optimizer && choice.sigma() == sigma && choice.method() == method) {
                return choice;
            }
        }
        return null;
    }

    /** Mean over the seeds of the criterion; +∞ if any seed diverged or gave a non-finite value. */
    public static double score(List<Run> runs, Criterion criterion) {
        double[] values = new double[runs.size()];
        for (int k = 0; k < values.length; k++) {
            Run run = runs.get(k);
            double v = criterion == Criterion.TRAIN_LOSS ? run.trainLoss() : run.finalDistance();
            if (run.diverged() || !Double.isFinite(v)) {
                return Double.POSITIVE_INFINITY;
            }
            values[k] = v;
        }
        return SampleStatistics.mean(values);
    }
}
