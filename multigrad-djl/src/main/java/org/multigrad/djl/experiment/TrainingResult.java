package org.multigrad.djl.experiment;

import java.nio.file.Path;
import java.util.List;
import org.multigrad.djl.JacobianMode;
import org.multigrad.djl.StepTimes;
import org.multigrad.djl.TrainingConfig;

/**
 * What one training run found, numbered as the files number it: tasks from 1, steps from 1 (the
 * step counter after the step), epochs from 0 (as the checkpoint counts them).
 *
 * @param config the run's configuration
 * @param directory the run's directory (metrics.csv, result.json, config.json, checkpoint.bin)
 * @param stepMode the Jacobian mode the steps ran in ({@link JacobianMode#effectiveFor})
 * @param epochs epochs done, counting those of a resumed checkpoint
 * @param steps steps done, counting those of a resumed checkpoint
 * @param epochsRun epochs trained by this call (0 when the run had nothing left to train, or was reused)
 * @param history every step's mini-batch losses and weights, resumed steps included
 * @param evaluations every epoch's test losses and accuracies
 * @param testLoss the final mean test loss per task
 * @param testAccuracy the final test accuracy per task
 * @param trainLoss the final loss per task on the whole training split, or null (not asked for)
 * @param trainAccuracy the final accuracy per task on the whole training split, or null
 * @param timePerStep where the time of a mean step went
 */
public record TrainingResult(TrainingConfig config, Path directory, JacobianMode stepMode, int epochs, long steps,
                             int epochsRun, List<Step> history, List<Evaluation> evaluations, double[] testLoss,
                             double[] testAccuracy, double[] trainLoss, double[] trainAccuracy, TimePerStep timePerStep) {
    /** One step: the mini-batch loss per task before the update and the weights used (null when the method gives none). */
    public record Step(int epoch, long step, double[] losses, double[] weights) {
    }

    /** One epoch's evaluation on the test split, after {@code step} steps. */
    public record Evaluation(int epoch, long step, double[] loss, double[] accuracy) {
    }

    /**
     * Mean milliseconds per step, split as {@link StepTimes} splits it, the share of the aggregation
     * (Gramian + solve + combine) in the total and the training throughput.
     */
    public record TimePerStep(double total, double forward, double taskBackwards, double gramian, double solve,
                              double combine, double optimizer, double afterStepHook, double aggregationShare,
                              double imagesPerSecond) {
        static TimePerStep of(StepTimes totals, long steps, int batchSize) {
            long count = Math.max(1, steps);
            return new TimePerStep(totals.total() / 1e6 / count, totals.forward() / 1e6 / count,
                    totals.backward() / 1e6 / count, totals.gramian() / 1e6 / count, totals.solve() / 1e6 / count,
                    totals.combine() / 1e6 / count, totals.optimizer() / 1e6 / count, totals.afterStep() / 1e6 / count,
                    totals.total() == 0 ? 0 : (double) totals.aggregation() / totals.total(),
                    totals.total() == 0 ? 0 : count * (double) batchSize / (totals.total() / 1e9));
        }
    }

    public int tasks() {
        return testAccuracy.length;
    }

    /** The checkpoint written after the last epoch. */
    public Path checkpoint() {
        return directory.resolve(org.multigrad.djl.MultiTaskTraining.CHECKPOINT_FILE);
    }
}
