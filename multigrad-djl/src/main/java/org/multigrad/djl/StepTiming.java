package org.multigrad.djl;

import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.multigrad.registry.MethodRegistry;
import org.multigrad.registry.MethodSpec;

/**
 * Times {@link MultiTaskStepper#step} of a model on synthetic batches: the MultiGrad side of
 * {@code bench/train_compare.sh}, whose other side is PyTorch's own loop in
 * {@code bench/torch_train_compare.py} (same LeNet, batch, optimizer and input shape).
 *
 * <p>Inputs are standard normal 1x28x28 images and labels uniform over 10 classes (MultiMNIST's
 * shapes; the values do not change the cost of a step), drawn once into a pool of 16 batches that
 * the steps cycle through, as the Python side does. The first {@code warmup} steps are not timed.
 */
public final class StepTiming {
    private static final int POOL = 16;
    private static final int TASKS = 2;
    private static final int CLASSES = 10;

    private StepTiming() {
    }

    /** Mean and median wall time of a timed step and the mean of each part ({@link StepTimes}, ns). */
    public record Report(String method, JacobianMode mode, int batchSize, int steps, double meanMs, double medianMs,
                         StepTimes meanParts) {
        /** Gramian + solve + combine as a fraction of the mean step. */
        public double aggregationShare() {
            return meanParts.total() == 0 ? 0 : (double) meanParts.aggregation() / meanParts.total();
        }

        /** One JSON object (no dependency on a JSON library in this module). */
        public String toJson() {
            double ms = 1e-6;
            return String.format(Locale.ROOT, "{\"side\": \"multigrad\", \"method\": \"%s\", \"mode\": \"%s\", \"batch_size\": %d,"
                    + " \"steps\": %d, \"ms_per_step_mean\": %.4f, \"ms_per_step_median\": %.4f, \"parts_ms_mean\":"
                    + " {\"forward\": %.4f, \"task_backwards\": %.4f, \"gramian\": %.4f, \"solve\": %.4f, \"combine\": %.4f,"
                    + " \"optimizer\": %.4f, \"after_step_hook\": %.4f}, \"aggregation_share\": %.5f}",
                    method, mode.name().toLowerCase(Locale.ROOT), batchSize, steps, meanMs, medianMs,
                    meanParts.forward() * ms, meanParts.backward() * ms, meanParts.gramian() * ms, meanParts.solve() * ms,
                    meanParts.combine() * ms, meanParts.optimizer() * ms, meanParts.afterStep() * ms, aggregationShare());
        }
    }

    /**
     * Runs {@code warmup + steps} steps of {@code method} (a registry name; parameters at their
     * defaults) with Adam (lr 1e-3) on the given model, in {@code mode.effectiveFor(method)} as
     * training does, and reports the timed ones (the report names the mode used). The model is
     * trained in place.
     */
    public static Report measure(MultiTaskModel model, String method, JacobianMode mode, int batchSize, int warmup, int steps,
                                 long seed) {
        if (batchSize < 1 || steps < 1 || warmup < 0) {
            throw new IllegalArgumentException("need batch size >= 1, steps >= 1 and warm-up >= 0; got " + batchSize + ", "
                    + steps + ", " + warmup);
        }
        MethodSpec spec = MethodRegistry.get(method);
        JacobianMode stepMode = mode.effectiveFor(spec);
        MultiTaskStepper stepper = new MultiTaskStepper(new DjlJacobianSource(model, stepMode), spec.create(Map.of()),
                CheckpointableOptimizer.named("adam", 1e-3f));
        int perImage = (int) (model.inputShape().size() / model.inputShape().get(0));
        Random random = new Random(seed);
        float[][] inputs = new float[POOL][batchSize * perImage];
        int[][][] labels = new int[POOL][model.tasks()][batchSize];
        for (int b = 0; b < POOL; b++) {
            for (int k = 0; k < inputs[b].length; k++) {
                inputs[b][k] = (float) random.nextGaussian();
            }
            for (int[] task : labels[b]) {
                Arrays.setAll(task, i -> random.nextInt(CLASSES));
            }
        }
        long[] totals = new long[steps];
        StepTimes sum = StepTimes.ZERO;
        for (int step = 0; step < warmup + steps; step++) {
            long start = System.nanoTime();
            MultiTaskStepper.Result result = stepper.step(inputs[step % POOL], batchSize, labels[step % POOL]);
            long elapsed = System.nanoTime() - start;
            if (step >= warmup) {
                totals[step - warmup] = elapsed;
                sum = sum.plus(result.times());
            }
        }
        long[] sorted = totals.clone();
        Arrays.sort(sorted);
        double median = steps % 2 == 1 ? sorted[steps / 2] : (sorted[steps / 2 - 1] + sorted[steps / 2]) / 2.0;
        StepTimes mean = new StepTimes(sum.forward() / steps, sum.backward() / steps, sum.gramian() / steps,
                sum.solve() / steps, sum.combine() / steps, sum.optimizer() / steps, sum.afterStep() / steps);
        return new Report(method, stepMode, batchSize, steps, Arrays.stream(totals).average().orElse(0) / 1e6, median / 1e6, mean);
    }

    /**
     * {@code java -cp multigrad.jar org.multigrad.djl.StepTiming --method M [--mode parameters|representation]
     * [--batch-size 64] [--steps 300] [--warmup 50] [--threads 1] [--seed 0]}: one JSON line on stdout,
     * for MultiGrad's LeNet with two 10-class heads.
     */
    public static void main(String[] args) {
        Map<String, String> options = new java.util.HashMap<>(Map.of("--mode", "parameters", "--batch-size", "64",
                "--steps", "300", "--warmup", "50", "--threads", "1", "--seed", "0"));
        for (int k = 0; k < args.length; k += 2) {
            if (!args[k].equals("--method") && !options.containsKey(args[k]) || k + 1 >= args.length) {
                System.err.println("StepTiming: unknown option or missing value '" + args[k] + "'; options: --method M, "
                        + String.join(", ", new java.util.TreeSet<>(options.keySet())));
                System.exit(2);
            }
            options.put(args[k], args[k + 1]);
        }
        if (!options.containsKey("--method")) {
            System.err.println("StepTiming: --method is required (a registry name such as mean or mgda)");
            System.exit(2);
        }
        JacobianMode mode = JacobianMode.valueOf(options.get("--mode").toUpperCase(Locale.ROOT));
        DjlRuntime.engine();
        JniUtils.setNumThreads(Integer.parseInt(options.get("--threads")));
        long seed = Long.parseLong(options.get("--seed"));
        DjlRuntime.seed(seed);
        try (MultiTaskModel model = Models.lenet(TASKS, CLASSES)) {
            Report report = measure(model, options.get("--method"), mode, Integer.parseInt(options.get("--batch-size")),
                    Integer.parseInt(options.get("--warmup")), Integer.parseInt(options.get("--steps")), seed);
            System.out.println(report.toJson());
        }
    }
}
