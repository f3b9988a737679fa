package org.multigrad.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.multigrad.registry.MethodRegistry;

/**
 * Checkpoints of stateful methods written by MultiGrad 0.1.0 (format v1, before the classes declared
 * their serialVersionUID), kept under src/test/resources/org/multigrad/api/checkpoints-v1 so
 * that {@code CheckpointCompatibilityTest} proves that later versions still restore them.
 * {@link #main} wrote them; run it again only for a new, deliberately incompatible format, into a
 * new directory, and keep the old one with a test that it is restored or refused clearly.
 */
final class CheckpointFixtures {
    static final String DIRECTORY = "checkpoints-v1";
    static final List<String> METHODS = List.of("nash-mtl", "famo", "cr-mogm(mgda)", "dwa", "uw", "rlw", "gradnorm", "moco",
            "periodic(gradvac)");
    /** Steps taken before the checkpoint was written. */
    static final int STEPS = 5;
    private static final int M = 3;
    private static final int N = 5;

    private CheckpointFixtures() {
    }

    /** The fixture's file name for a method, e.g. cr-mogm_mgda_.bin. */
    static String fileName(String method) {
        return method.replaceAll("[^a-z0-9-]", "_") + ".bin";
    }

    /** A fresh instance of {@code method} (default parameters) after steps 0..STEPS-1. */
    static Aggregator trained(String method) {
        Aggregator aggregator = MethodRegistry.get(method).create(Map.of());
        for (int t = 0; t < STEPS; t++) {
            step(aggregator, t);
        }
        return aggregator;
    }

    /** Step t of a deterministic run: J and losses from t, hooks as the TrainingHooks contract says. */
    static Aggregation step(Aggregator aggregator, int t) {
        Random random = new Random(1000 + t);
        double[][] rows = new double[M][N];
        double[] losses = new double[M];
        double[] lossesAfterStep = new double[M];
        for (int i = 0; i < M; i++) {
            for (int k = 0; k < N; k++) {
                rows[i][k] = random.nextGaussian();
            }
            losses[i] = (1 + i) * Math.exp(-0.1 * t) * (1 + 0.3 * random.nextDouble());
            lossesAfterStep[i] = losses[i] * (0.9 + 0.05 * random.nextDouble());
        }
        Aggregation result = aggregator.aggregate(Jacobian.of(rows), losses);
        TrainingHooks hooks = WeightedAggregator.hooks(aggregator);
        if (hooks != null) {
            hooks.afterStep(lossesAfterStep);
            if (t % 2 == 1) {
                hooks.endEpoch();
            }
        }
        return result;
    }

    /** Writes the fixtures into args[0] (default: this module's test resources). */
    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Paths.get(args[0])
                : Paths.get("multigrad-core/src/test/resources/org/multigrad/api", DIRECTORY);
        Files.createDirectories(dir);
        for (String method : METHODS) {
            Files.write(dir.resolve(fileName(method)), Checkpoints.save(trained(method)));
        }
    }
}
