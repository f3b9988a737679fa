package org.multigrad.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The datasets of `moblo hyper-cleaning` and `moblo cost` and where their IDX files are. */
final class HyperCleaningDataOptions {
    @Option(names = "--datasets", split = ",", paramLabel = "D", defaultValue = "mnist,fashion-mnist",
            description = "datasets, one upper-level objective each (default: ${DEFAULT-VALUE})")
    List<String> datasets;

    @Option(names = "--mnist-dir", paramLabel = "DIR", description = "MNIST IDX files (default: the repository's data/mnist-10k)")
    Path mnistDir;

    @Option(names = "--fashion-dir", paramLabel = "DIR",
            description = "Fashion-MNIST IDX files (default: /usr/share/datasets/fashion-mnist)")
    Path fashionDir;
}
