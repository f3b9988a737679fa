package org.multigrad.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            + " 1 to " + MAX_THREADS_PER_CORE + " x the available cores (default: ${DEFAULT-VALUE})")
    int threads;

    /** PyTorch crashes the JVM for absurd thread counts (10000); more than 4 per core only adds contention. */
    static final int MAX_THREADS_PER_CORE = 4;

    /** Checks the options before PyTorch starts or any data loads. */
    void validate() {
        if (trainLimit < 0) {
            throw new IllegalArgumentException("--train-limit must be >= 0 (0: all images), got " + trainLimit);
        }
        if (testLimit < 0) {
            throw new IllegalArgumentException("--test-limit must be >= 0 (0: all images), got " + testLimit);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int maxThreads = MAX_THREADS_PER_CORE * cores;
        if (threads < 0 || threads > maxThreads) {
            throw new IllegalArgumentException("--threads must be 0 (PyTorch's default) or in 1.." + maxThreads + " ("
                    + MAX_THREADS_PER_CORE + " x the " + cores + " available cores), got " + threads);
        }
    }

    /** These options as command-line arguments (unset directories left out), for `bench` to hand to `train`. */
    List<String> asArguments() {
        List<String> args = new ArrayList<>(List.of("--train-limit", String.valueOf(trainLimit),
                "--test-limit", String.valueOf(testLimit), "--threads", String.valueOf(threads)));
        for (Object[] optional : new Object[][] {{"--mnist-dir", mnistDir}, {"--fashion-dir", fashionDir},
            {"--cache-dir", cacheDir}}) {
            if (optional[1] != null) {
                args.addAll(List.of((String) optional[0], optional[1].toString()));
            }
        }
        return args;
    }
}
