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
 * {@code bench/torch_train_compare.py} (same model, LeNet or mlp-wide with m heads, batch, optimizer and input shape).
 *
 * <p>Inputs are standard normal 1x28x28 images and labels uniform over 10 classes (MultiMNIST's and Fashion-MNIST's
 * shapes; the values do not change the cost of a step), drawn once into a pool of 16 batches that
 * the steps cycle through, as the Python side does. The first {@code warmup} steps are not timed.
 */
public final class StepTiming {
    private static final int POOL = 16;
    private static final int CLASSES = 10;

    private StepTiming() {
    }

    /** Mean and median wall time of a timed step and the mean of each part ({@link StepTimes}, ns). */
    public record Report(String method, JacobianMode mode, JacobianPrecision precision, int batchSize, int steps,
                         double meanMs, double medianMs, StepTimes meanParts, int tasks, int columns, long jacobianBytes,
                         long peakRssBytes) {
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
                    + " \"optimizer\": %.4f, \"after_step_hook\": %.4f}, \"aggregation_share\": %.5f,"
                    + " \"tasks\": %d, \"columns\": %d, \"jacobian_bytes\": %d, \"peak_rss_bytes\": %d}",
                    method, mode.name().toLowerCase(Locale.ROOT), precision.label(), batchSize, steps, meanMs, medianMs,
                    meanParts.forward() * ms, meanParts.backward() * ms, meanParts.gramian() * ms, meanParts.solve() * ms,
                    meanParts.combine() * ms, meanParts.optimizer() * ms, meanParts.afterStep() * ms, aggregationShare(),
                    tasks, columns, jacobianBytes, peakRssBytes);
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
        private final DjlJacobianSource source;
        private final int tasks;
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
            this.tasks = model.tasks();
            this.source = new DjlJacobianSource(model, this.mode, this.precision);
            this.stepper = new MultiTaskStepper(source, spec.create(Map.of()),
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
            return new Report(method, mode, precision, batchSize, steps, Arrays.stream(totals).average().orElse(0) / 1e6, median / 1e6, mean,
                    tasks, source.jacobianColumns(), source.jacobianBytes(), peakResidentBytes());
        }
    }

    /**
     * The process's peak resident set so far ({@code VmHWM} of /proc/self/status: Java heap, libtorch's
     * tensors and everything else), or -1 where that file does not exist.
     */
    static long peakResidentBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return 1024 * Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
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
     * {@code java -cp multigrad.jar org.multigrad.djl.StepTiming --method M [--model lenet|mlp-wide|mlp] [--tasks 2]
     * [--mode parameters|representation] [--jacobian-precision float32|double] [--batch-size 64] [--steps 300]
     * [--warmup 50] [--threads 1] [--seed 0] [--serve true]}: one JSON line on stdout, for the model
     * ({@link Models#create}, default MultiGrad's LeNet) with {@code --tasks} 10-class heads. With
     * {@code --serve true} it reads step counts from stdin, one per line, and answers each with the
     * JSON report of that many further steps (a driver interleaves these blocks with its own; see
     * bench/torch_train_compare.py). A bad option exits with status 2 and one sentence on stderr.
     */
    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The command line options, checked. */
    record Options(String method, String model, int tasks, JacobianMode mode, JacobianPrecision precision, int batchSize,
                   int steps, int warmup, int threads, long seed, boolean serve) {
        static Options parse(String[] args) {
            Map<String, String> options = new java.util.HashMap<>(Map.of("--model", "lenet", "--tasks", "2", "--mode", "parameters",
                    "--jacobian-precision", "float32", "--batch-size", "64", "--steps", "300", "--warmup", "50", "--threads", "1",
                    "--seed", "0", "--serve", "false"));
            for (int k = 0; k < args.length; k += 2) {
                if (!args[k].equals("--method") && !options.containsKey(args[k]) || k + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown option or missing value '" + args[k] + "'; options: --method M, "
                            + String.join(", ", new java.util.TreeSet<>(options.keySet())));
                }
                options.put(args[k], args[k + 1]);
            }
            String method = options.get("--method");
            if (method == null) {
                throw new IllegalArgumentException("--method is required (a registry name such as mean or mgda)");
            }
            if (!MethodRegistry.contains(method)) {
                throw new IllegalArgumentException("unknown method '" + method + "' (see multigrad list)");
            }
            String model = options.get("--model");
            if (!Models.NAMES.contains(model)) {
                throw new IllegalArgumentException("unknown model '" + model + "'; known models: " + String.join(", ", Models.NAMES));
            }
            JacobianMode mode;
            try {
                mode = JacobianMode.valueOf(options.get("--mode").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--mode must be parameters or representation, got '" + options.get("--mode") + "'");
            }
            JacobianPrecision precision = JacobianPrecision.parse(options.get("--jacobian-precision"));
            boolean serve = switch (options.get("--serve")) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("--serve must be true or false, got '" + options.get("--serve") + "'");
            };
            Options parsed = new Options(method, model, integer(options, "--tasks", 1), mode, precision,
                    integer(options, "--batch-size", 1), integer(options, "--steps", 1), integer(options, "--warmup", 0),
                    integer(options, "--threads", 1), longValue(options, "--seed"), serve);
            return parsed;
        }

        private static int integer(Map<String, String> options, String name, int least) {
            long value = longValue(options, name);
            if (value < least || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + " must be an integer >= " + least + ", got " + options.get(name));
            }
            return (int) value;
        }

        private static long longValue(Map<String, String> options, String name) {
            try {
                return Long.parseLong(options.get(name));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be an integer, got '" + options.get(name) + "'");
            }
        }
    }

    /** {@link #main} without the exit: 0 on success, 2 (one sentence on {@code err}) for bad options. */
    static int run(String[] args, java.io.InputStream stdin, java.io.PrintStream out, java.io.PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("StepTiming: " + e.getMessage());
            return 2;
        }
        DjlRuntime.engine();
        JniUtils.setNumThreads(options.threads());
        DjlRuntime.seed(options.seed());
        try (MultiTaskModel model = Models.create(options.model(), options.tasks(), CLASSES)) {
            if (!options.serve()) {
                out.println(measure(model, options.method(), options.mode(), options.precision(), options.batchSize(),
                        options.warmup(), options.steps(), options.seed()).toJson());
                return 0;
            }
            Session session = new Session(model, options.method(), options.mode(), options.precision(), options.batchSize(),
                    options.seed());
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(stdin,
                    java.nio.charset.StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    out.println(session.run(Integer.parseInt(line.trim())).toJson());
                    out.flush();
                }
            }
            return 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
