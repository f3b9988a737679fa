package org.multigrad.djl;

import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.registry.MethodRegistry;

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
    public record Report(String method, JacobianMode mode, JacobianPrecision precision, int batchSize, int steps,
                         double meanMs, double medianMs, StepTimes meanParts) {
        /** Gramian + solve + combine as a fraction of the mean step. */
        public double aggregationShare() {
            return meanParts.total() == 0 ? 0 : (double) meanParts.aggregation() / meanParts.total();
        }

        /** One JSON object (no dependency on a JSON library in this module). */
        public String toJson() {
            double ms = 1e-6;
            return String.format(Locale.ROOT, "{\"side\": \"multigrad\", \"method\": \"%s\", \"mode\": \"%s\", \"jacobian_precision\": \"%s\","
                    + " \"batch_size\": %d,"
                    + " \"steps\": %d, \"ms_per_step_mean\": %.4f, \"ms_per_step_median\": %.4f, \"parts_ms_mean\":"
                    + " {\"forward\": %.4f, \"task_backwards\": %.4f, \"gramian\": %.4f, \"solve\": %.4f, \"combine\": %.4f,"
                    + " \"optimizer\": %.4f, \"after_step_hook\": %.4f}, \"aggregation_share\": %.5f}",
                    method, mode.name().toLowerCase(Locale.ROOT), precision.label(), batchSize, steps, meanMs, medianMs,
                    meanParts.forward() * ms, meanParts.backward() * ms, meanParts.gramian() * ms, meanParts.solve() * ms,
                    meanParts.combine() * ms, meanParts.optimizer() * ms, meanParts.afterStep() * ms, aggregationShare());
        }
    }

    /**
     * A stepper of {@code method} (a registry name; parameters at their defaults) with Adam
     * (lr 1e-3) on {@code model}, in {@code mode.effectiveFor(method)} as training does, and its
     * pool of synthetic batches; each {@link #run} times further steps. The model is trained in place.
     */
    public static final class Session {
        private final String method;
        private final JacobianMode mode;
        private final JacobianPrecision precision;
        private final int batchSize;
        private final MultiTaskStepper stepper;
        private final float[][] inputs;
        private final int[][][] labels;
        private long done;

        public Session(MultiTaskModel model, String method, JacobianMode mode, int batchSize, long seed) {
            this(model, method, mode, JacobianPrecision.FLOAT32, batchSize, seed);
        }

        /** As above, with J stored in {@code precision.effectiveFor(method)}, as training does. */
        public Session(MultiTaskModel model, String method, JacobianMode mode, JacobianPrecision precision, int batchSize,
                       long seed) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("need batch size >= 1, got " + batchSize);
            }
            MethodSpec spec = MethodRegistry.get(method);
            this.method = method;
            this.mode = mode.effectiveFor(spec);
            this.precision = precision.effectiveFor(spec);
            this.batchSize = batchSize;
            this.stepper = new MultiTaskStepper(new DjlJacobianSource(model, this.mode, this.precision), spec.create(Map.of()),
                    CheckpointableOptimizer.named("adam", 1e-3f));
            int perImage = (int) (model.inputShape().size() / model.inputShape().get(0));
            Random random = new Random(seed);
            inputs = new float[POOL][batchSize * perImage];
            labels = new int[POOL][model.tasks()][batchSize];
            for (int b = 0; b < POOL; b++) {
                for (int k = 0; k < inputs[b].length; k++) {
                    inputs[b][k] = (float) random.nextGaussian();
                }
                for (int[] task : labels[b]) {
                    Arrays.setAll(task, i -> random.nextInt(CLASSES));
                }
            }
        }

        /** Runs and times {@code steps} more steps (wall time around each step, and its parts). */
        public Report run(int steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("need steps >= 1, got " + steps);
            }
            long[] totals = new long[steps];
            StepTimes sum = StepTimes.ZERO;
            for (int step = 0; step < steps; step++, done++) {
                int slot = (int) (done % POOL);
                long start = System.nanoTime();
                MultiTaskStepper.Result result = stepper.step(inputs[slot], batchSize, labels[slot]);
                totals[step] = System.nanoTime() - start;
                sum = sum.plus(result.times());
            }
            long[] sorted = totals.clone();
            Arrays.sort(sorted);
            double median = steps % 2 == 1 ? sorted[steps / 2] : (sorted[steps / 2 - 1] + sorted[steps / 2]) / 2.0;
            StepTimes mean = new StepTimes(sum.forward() / steps, sum.backward() / steps, sum.gramian() / steps,
                    sum.solve() / steps, sum.combine() / steps, sum.optimizer() / steps, sum.afterStep() / steps);
            return new Report(method, mode, precision, batchSize, steps, Arrays.stream(totals).average().orElse(0) / 1e6, median / 1e6, mean);
        }
    }

    /** {@code warmup} untimed steps, then a report of {@code steps} timed ones (see {@link Session}). */
    public static Report measure(MultiTaskModel model, String method, JacobianMode mode, int batchSize, int warmup, int steps,
                                 long seed) {
        return measure(model, method, mode, JacobianPrecision.FLOAT32, batchSize, warmup, steps, seed);
    }

    /** As above, with J stored in {@code precision} (where the method accepts it). */
    public static Report measure(MultiTaskModel model, String method, JacobianMode mode, JacobianPrecision precision,
                                 int batchSize, int warmup, int steps, long seed) {
        if (steps < 1 || warmup < 0) {
            throw new IllegalArgumentException("need steps >= 1 and warm-up >= 0; got " + steps + ", " + warmup);
        }
        Session session = new Session(model, method, mode, precision, batchSize, seed);
        if (warmup > 0) {
            session.run(warmup);
        }
        return session.run(steps);
    }

    /**
     * {@code java -cp multigrad.jar org.multigrad.djl.StepTiming --method M [--mode parameters|representation]
     * [--jacobian-precision float32|double] [--batch-size 64] [--steps 300] [--warmup 50] [--threads 1] [--seed 0] [--serve true]}: one JSON
     * line on stdout, for MultiGrad's LeNet with two 10-class heads. With {@code --serve true} it
     * reads step counts from stdin, one per line, and answers each with the JSON report of that many
     * further steps (a driver interleaves these blocks with its own; see bench/torch_train_compare.py).
     */
    public static void main(String[] args) {
        Map<String, String> options = new java.util.HashMap<>(Map.of("--mode", "parameters", "--jacobian-precision", "float32", "--batch-size", "64",
                "--steps", "300", "--warmup", "50", "--threads", "1", "--seed", "0", "--serve", "false"));
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
        JacobianPrecision precision;
        try {
            precision = JacobianPrecision.parse(options.get("--jacobian-precision"));
        } catch (IllegalArgumentException e) {
            System.err.println("StepTiming: " + e.getMessage());
            System.exit(2);
            return;
        }
        DjlRuntime.engine();
        JniUtils.setNumThreads(Integer.parseInt(options.get("--threads")));
        long seed = Long.parseLong(options.get("--seed"));
        DjlRuntime.seed(seed);
        int batchSize = Integer.parseInt(options.get("--batch-size"));
        try (MultiTaskModel model = Models.lenet(TASKS, CLASSES)) {
            if (!Boolean.parseBoolean(options.get("--serve"))) {
                System.out.println(measure(model, options.get("--method"), mode, precision, batchSize, Integer.parseInt(options.get("--warmup")),
                        Integer.parseInt(options.get("--steps")), seed).toJson());
                return;
            }
            Session session = new Session(model, options.get("--method"), mode, precision, batchSize, seed);
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    System.out.println(session.run(Integer.parseInt(line.trim())).toJson());
                    System.out.flush();
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
