package org.multigrad.cli;

import java.nio.file.Path;
import java.util.Map;
import org.multigrad.djl.experiment.TrainingRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The dataset, model and optimisation options of `train` and `bench`, with their data options. */
final class TrainingOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "multi-mnist | multi-fashion | multi-fashion-mnist (two tasks each) | fashion-ovr (10 one-vs-rest tasks on Fashion-MNIST)")
    String dataset;

    @Option(names = "--model", defaultValue = "lenet", paramLabel = "NAME", description = "lenet (MGDA-UB's) | mlp | mlp-wide"
            + " (784-1024-1024 trunk, linear heads) | cnn1 (ML2O's c-c-p-c-c-p trunk, c-f heads) | normal-lenet | normal-mlp (NORMAL: an ODE block and task positions;"
            + " -p ode-step, positions, position-lr) | lenet-shared-layers | lenet-task-layers (NORMAL's parameter-matched"
            + " ablations) (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "E",
            description = "epochs in total, counting resumed ones (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "256", paramLabel = "B", description = "images per step (default: ${DEFAULT-VALUE})")
    int batchSize;

    /** The deprecated --batch's value (picocli applies --batch-size's default after the setters run). */
    private Integer oldBatch;

    @Option(names = "--batch", hidden = true, paramLabel = "B")
    void batch(int value) {
        Deprecation.note(command, "--batch", "--batch-size");
        oldBatch = value;
    }

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam | sgd (momentum 0.9) | plain-sgd | rmsprop | adadelta"
            + " (PyTorch's defaults); train also takes the"
            + " learned ml2o | gml2o (--l2o FILE; gml2o's fallback is --methods mgda or dssmg) (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.001", description = "learning rate (default: ${DEFAULT-VALUE})")
    float learningRate;

    @Option(names = "--jacobian-precision", defaultValue = "float32", paramLabel = "P",
            description = "float32 | double: how J is stored; float32 is filled straight from the gradients, half the memory"
                    + " and bytes (graddrop, db-mtl, moco always use double) (default: ${DEFAULT-VALUE})")
    String jacobianPrecision;

    @Option(names = "--val-split", paramLabel = "F",
            description = "share of the training set held out as the upper-level (validation) batches of forum and moml"
                    + " (default 0.1); other methods train on the whole set")
    Double validationSplit;

    @Mixin
    DataOptions data;

    /**
     * A checked request for one run of {@code method} (the options of `train` alone given here):
     * {@code optimizerParams}, a learned optimizer's settings; {@code steps} &gt; 0, a run of that many
     * steps instead of {@code --epochs}.
     */
    TrainingRequest request(String method, Map<String, String> params, String smooth, String mode, long seed, Path out,
                            boolean resume, boolean evaluateTrainingSet, Map<String, String> optimizerParams, long steps) {
        return new TrainingRequest(dataset, model, method, params, smooth, mode, jacobianPrecision, epochs,
                oldBatch != null ? oldBatch : batchSize, optimizer, learningRate, seed, data.data(), out, resume,
                evaluateTrainingSet, validationSplit, optimizerParams, steps);
    }
}
