package org.multigrad.djl.experiment;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.multigrad.djl.data.MultiImageDatasets;
import org.multigrad.djl.data.MultiTaskImages;

/**
 * Where the images of a training run come from, how many are used and how many PyTorch threads
 * train on them. The constructor checks every field; messages name a field by its command-line
 * spelling.
 *
 * @param trainLimit the first N training images (0: all)
 * @param testLimit the first N test images (0: all)
 * @param mnistDir MNIST IDX files, or null for the repository's data/mnist-10k
 * @param fashionDir Fashion-MNIST IDX files, or null for /usr/share/datasets/fashion-mnist
 * @param cacheDir where built datasets are cached, or null for ~/.cache/multigrad/datasets
 * @param threads PyTorch intra-op threads: 0 (PyTorch's default) or 1 to {@value #MAX_THREADS_PER_CORE} x the cores
 */
public record TrainingData(int trainLimit, int testLimit, Path mnistDir, Path fashionDir, Path cacheDir, int threads) {
    /** PyTorch crashes the JVM for absurd thread counts (10000); more than 4 per core only adds contention. */
    public static final int MAX_THREADS_PER_CORE = 4;

    public TrainingData {
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

    /** Every image, the shipped MNIST digits, the default cache, PyTorch's default threads. */
    public static TrainingData defaults() {
        return new TrainingData(0, 0, null, null, null, 0);
    }

    /** The cache directory in use. */
    public Path cache() {
        return cacheDir != null ? cacheDir : Paths.get(System.getProperty("user.home"), ".cache", "multigrad", "datasets");
    }

    /** The splits of {@code dataset} for {@code seed}, cut to the limits. */
    MultiImageDatasets.Splits load(String dataset, long seed) {
        MultiImageDatasets.Splits splits = MultiImageDatasets.load(dataset, seed, mnistDir, fashionDir, cache());
        MultiTaskImages train = splits.train().head(trainLimit);
        MultiTaskImages test = splits.test().head(testLimit);
        return new MultiImageDatasets.Splits(train, test);
    }
}
