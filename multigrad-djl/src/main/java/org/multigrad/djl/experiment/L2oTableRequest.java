package org.multigrad.djl.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.multigrad.djl.Models;
import org.multigrad.djl.data.MultiImageDatasets;

/**
 * What {@code multigrad l2o table} runs: every optimizer row of {@link L2oTableStudy#ROWS} (or the
 * named ones) on every model, step budget K and seed. The constructor checks every field; messages
 * name the command-line option.
 *
 * @param weights the ML2O weights file of the ml2o and gml2o rows
 * @param dataset a multi-task image set
 * @param models training models ({@link Models#NAMES}, NORMAL's aside)
 * @param steps the step budgets K
 * @param seeds the seeds (model initialisation and batch order)
 * @param optimizers row names of {@link L2oTableStudy#ROWS}
 * @param l2oRate α of the ml2o and gml2o rows (the paper's 0.0005; a Θ should run at the α it was meta-trained with)
 * @param batchSize images per step (the paper's 32)
 * @param data where the images come from, threads
 * @param out the study's directory
 */
public record L2oTableRequest(Path weights, String dataset, List<String> models, List<Long> steps, List<Long> seeds,
                              List<String> optimizers, float l2oRate, int batchSize, TrainingData data, Path out) {
    public L2oTableRequest {
        models = List.copyOf(models);
        steps = List.copyOf(steps);
        seeds = List.copyOf(seeds);
        optimizers = List.copyOf(optimizers);
        if (!MultiImageDatasets.NAMES.contains(dataset)) {
            throw new IllegalArgumentException("--dataset: unknown dataset '" + dataset + "'; known: "
                    + String.join(", ", MultiImageDatasets.NAMES));
        }
        if (models.isEmpty() || steps.isEmpty() || seeds.isEmpty() || optimizers.isEmpty()) {
            throw new IllegalArgumentException("--models, --steps, --seeds and --optimizers must each name at least one");
        }
        for (String model : models) {
            if (!Models.NAMES.contains(model) || Models.isNormal(model)) {
                throw new IllegalArgumentException("--models: '" + model + "' is not a model the learned optimizers train;"
                        + " known: lenet, mlp, mlp-wide, cnn1");
            }
        }
        for (long k : steps) {
            if (k < 1) {
                throw new IllegalArgumentException("--steps must be >= 1, got " + k);
            }
        }
        for (String name : optimizers) {
            L2oTableStudy.row(name);
        }
        boolean learned = optimizers.stream().anyMatch(name -> name.equals("ml2o") || name.equals("gml2o"));
        if (learned && (weights == null || !Files.isRegularFile(weights))) {
            throw new IllegalArgumentException("--l2o: the ml2o and gml2o rows need an ML2O weights file"
                    + (weights == null ? "" : "; " + weights + " does not exist"));
        }
        if (!(l2oRate > 0) || !Float.isFinite(l2oRate)) {
            throw new IllegalArgumentException("--l2o-lr must be finite and > 0, got " + l2oRate);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        }
        if (data == null) {
            data = TrainingData.defaults();
        }
    }
}
