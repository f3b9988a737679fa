package org.multigrad.cli;

import java.nio.file.Path;
import org.multigrad.djl.experiment.TrainingData;
import picocli.CommandLine.Option;

/** Where the training data comes from and how much of it is used: shared by `train` and `bench`. */
final class DataOptions {
    @Option(names = "--train-limit", defaultValue = "0", paramLabel = "N", description = "use the first N training images (0: all)")
    int trainLimit;

    @Option(names = "--test-limit", defaultValue = "0", paramLabel = "N", description = "use the first N test images (0: all)")
    int testLimit;

    @Option(names = "--mnist-dir", paramLabel = "DIR", description = "MNIST IDX files (default: the repository's data/mnist-10k)")
    Path mnistDir;

    @Option(names = "--fashion-dir", paramLabel = "DIR", description = "Fashion-MNIST IDX files (default: /usr/share/datasets/fashion-mnist)")
    Path fashionDir;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "generated datasets (default: ~/.cache/multigrad/datasets)")
    Path cacheDir;

    @Option(names = "--threads", defaultValue = "0", description = "PyTorch intra-op threads: 0 (PyTorch's default) or"
            + " 1 to " + TrainingData.MAX_THREADS_PER_CORE + " x the available cores (default: ${DEFAULT-VALUE})")
    int threads;

    /** These options, checked. */
    TrainingData data() {
        return new TrainingData(trainLimit, testLimit, mnistDir, fashionDir, cacheDir, threads);
    }
}
