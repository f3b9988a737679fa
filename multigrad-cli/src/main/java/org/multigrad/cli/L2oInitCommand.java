package org.multigrad.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.multigrad.l2o.Ml2oNetwork;
import org.multigrad.l2o.Ml2oWeightsFile;
import org.multigrad.l2o.Preprocessing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code multigrad l2o init}: writes an untrained ML2O weights file (PyTorch's initialisation), the
 * starting point of meta-training and a Θ for trying the guard (GML2O's convergence does not depend on Θ).
 */
@Command(name = "init", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes an untrained (randomly initialised) ML2O weights file: per objective an LSTM of hidden"
                + " size H, a shared LSTM of hidden size M*H, a linear head; weights uniform in +-1/sqrt(fan) as in PyTorch.",
            "Use it with solve --method 'gml2o(mgda)' -p l2o=FILE (the guard converges whatever the weights)."})
final class L2oInitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--objectives", defaultValue = "2", paramLabel = "M", description = "objectives M (default: ${DEFAULT-VALUE})")
    int objectives;

    @Option(names = "--hidden", defaultValue = "20", paramLabel = "H",
            description = "hidden size H of each objective's LSTM (default: ${DEFAULT-VALUE}, as learning-to-learn)")
    int hidden;

    @Option(names = "--layers", defaultValue = "2", paramLabel = "L",
            description = "stacked LSTM layers per module (default: ${DEFAULT-VALUE}, as learning-to-learn)")
    int layers;

    @Option(names = "--preprocessing", defaultValue = "log-sign", paramLabel = "log-sign|none",
            description = "gradient preprocessing (default: ${DEFAULT-VALUE}, Andrychowicz et al. with k = 5)")
    String preprocessing;

    @Option(names = "--scale", defaultValue = "0.01", paramLabel = "S",
            description = "output scale of the head (default: ${DEFAULT-VALUE}, as learning-to-learn)")
    double scale;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "SEED", description = "initialisation seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the weights file (JSON) to write")
    Path out;

    @Mixin
    ForceOption force;

    @Override
    public Integer call() {
        if (Files.exists(out) && !force.force) {
            throw new IllegalArgumentException("--out " + out + " exists; pass --force to replace it");
        }
        Ml2oNetwork network = Ml2oNetwork.random(objectives, hidden, layers, Preprocessing.parse(preprocessing), scale,
                seed);
        Ml2oWeightsFile.write(out, network);
        spec.commandLine().getOut().println(String.format(Locale.ROOT,
                "wrote %s: untrained ML2O, M = %d, H = %d, %d layer(s), %s preprocessing, output scale %s, seed %d",
                out, objectives, hidden, layers, network.preprocessing().label(), scale, seed));
        return 0;
    }
}
