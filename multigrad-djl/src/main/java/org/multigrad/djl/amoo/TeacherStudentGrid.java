package org.multigrad.djl.amoo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.multigrad.djl.amoo.TeacherStudent.Method;
import org.multigrad.djl.amoo.TeacherStudent.Optimizer;

/**
 * The teacher-student experiment over a grid (workshop appendix C): every optimiser x noise level σ x method x
 * learning rate, for each listed seed, each run {@code steps} steps of batch size B. Within a seed all runs advance in
 * lockstep on the same batches (one teacher forward pass per step for the whole grid), in parallel over
 * {@code threads} threads; every run is deterministic and independent of the thread count. The validation distance is
 * measured at step 0, every {@code evalEvery} steps and at the last step.
 *
 * <p>The workshop's grid is {1e-5, 1e-4, 1e-3, 1e-2} for SGD and Adam, 5 seeds, batch 1024; its number of steps is
 * not given. Choosing the learning rate from the results is {@link LearningRateSelection}.
 */
public final class TeacherStudentGrid {
    /** What to run. */
    public record Spec(TeacherStudent.Shape shape, List<Optimizer> optimizers, List<Double> sigmas, List<Method> methods,
                       List<Double> learningRates, List<Long> seeds, int steps, int evalEvery, int threads) {
        public Spec {
            seeds = List.copyOf(seeds);
            optimizers = List.copyOf(optimizers);
            sigmas = List.copyOf(sigmas);
            methods = List.copyOf(methods);
            learningRates = List.copyOf(learningRates);
            if (optimizers.isEmpty() || sigmas.isEmpty() || methods.isEmpty() || learningRates.isEmpty()) {
                throw new IllegalArgumentException("teacher-student: optimizers, sigmas, methods and learning rates"
                        + " must each have at least one value");
            }
            if (seeds.isEmpty() || steps < 1) {
                throw new IllegalArgumentException("teacher-student needs steps >= 1 and at least one seed, got " + steps
                        + " and " + seeds);
            }
            if (evalEvery < 1) {
                throw new IllegalArgumentException("teacher-student: eval-every must be >= 1, got " + evalEvery);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("teacher-student: threads must be >= 1, got " + threads);
            }
        }

        /** The workshop's grid: SGD and Adam, σ ∈ {1, 0.1, 0.001}, EW/CAMOO/PAMOO, lr ∈ {1e-5, 1e-4, 1e-3, 1e-2}. */
        public static Spec paper(int seeds, int steps, int evalEvery, int threads) {
            return new Spec(TeacherStudent.Shape.paper(), List.of(Optimizer.values()), List.of(1.0, 0.1, 0.001),
                    List.of(Method.values()), List.of(1e-5, 1e-4, 1e-3, 1e-2),
                    java.util.stream.LongStream.range(0, seeds).boxed().toList(), steps, evalEvery, threads);
        }

        int runsPerSeed() {
            return optimizers.size() * sigmas.size() * methods.size() * learningRates.size();
        }

        /** Training steps of all runs together (the unit of {@link Listener}). */
        public long totalSteps() {
            return (long) runsPerSeed() * seeds.size() * steps;
        }

        /** Mean equal-weight training loss over the last tenth of the steps (at least one) selects learning rates. */
        int tailStart() {
            return steps - Math.max(1, steps / 10) + 1;
        }
    }

    /**
     * One run's outcome: the validation distance at {@code curveSteps} (first 0, last {@code steps}; NaN once
     * diverged), the mean training loss of the last tenth of the steps, and the last weights.
     */
    public record Run(Optimizer optimizer, double sigma, Method method, double learningRate, long seed,
                      int[] curveSteps, double[] curve, double trainLoss, boolean diverged, double[] lastWeights) {
        public double initialDistance() {
            return curve[0];
        }

        public double finalDistance() {
            return curve[curve.length - 1];
        }
    }

    /** Progress: called after every step of a seed with the number of run-steps just done. */
    public interface Listener {
        void advanced(long runSteps, String label);
    }

    private TeacherStudentGrid() { }

    public static List<Run> run(Spec spec, Listener listener) {
        ExecutorService pool = spec.threads() > 1 ? Executors.newFixedThreadPool(spec.threads(), r -> {
            Thread t = new Thread(r, "teacher-student");
            t.setDaemon(true);
            return t;
        }) : null;
        ThreadLocal<StudentRun.Workspace> workspaces = ThreadLocal.withInitial(() -> new StudentRun.Workspace(spec.shape()));
        try {
            List<Run> results = new ArrayList<>();
            for (long seed : spec.seeds()) {
                results.addAll(runSeed(spec, seed, pool, workspaces, listener));
            }
            return results;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static List<Run> runSeed(Spec spec, long seed, ExecutorService pool,
                                     ThreadLocal<StudentRun.Workspace> workspaces, Listener listener) {
        TeacherStudent.Task task = new TeacherStudent.Task(spec.shape(), seed);
        List<StudentRun> runs = new ArrayList<>();
        for (Optimizer optimizer : spec.optimizers()) {
            for (double sigma : spec.sigmas()) {
                for (Method method : spec.methods()) {
                    for (double lr : spec.learningRates()) {
                        runs.add(new StudentRun(task, optimizer, sigma, method, lr, spec.tailStart()));
                    }
                }
            }
        }
        List<Integer> curveSteps = new ArrayList<>();
        List<double[]> curves = new ArrayList<>();
        curveSteps.add(0);
        double[] initial = new double[runs.size()];
        java.util.Arrays.fill(initial, runs.get(0).distance(task, workspaces.get())); // every run starts from the same student
        curves.add(initial);
        for (int step = 1; step <= spec.steps(); step++) {
            TeacherStudent.Batch batch = task.next();
            forAll(runs, pool, run -> {
                run.step(batch, workspaces.get());
                return 0.0;
            });
            if (step % spec.evalEvery() == 0 || step == spec.steps()) {
                curveSteps.add(step);
                curves.add(forAll(runs, pool, run -> run.distance(task, workspaces.get())));
            }
            if (listener != null) {
                listener.advanced(runs.size(), "seed " + seed + ", step " + step + "/" + spec.steps());
            }
        }
        int[] at = curveSteps.stream().mapToInt(Integer::intValue).toArray();
        List<Run> results = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            StudentRun run = runs.get(r);
            double[] curve = new double[at.length];
            for (int k = 0; k < at.length; k++) {
                curve[k] = curves.get(k)[r];
            }
            results.add(new Run(run.optimizer, run.sigma, run.method, run.learningRate, seed, at, curve,
                    run.trainLoss(), run.diverged(), run.weights()));
        }
        return results;
    }

    private interface RunTask {
        double apply(StudentRun run);
    }

    /** Applies the task to every run (in parallel when there is a pool) and returns the values in run order. */
    private static double[] forAll(List<StudentRun> runs, ExecutorService pool, RunTask task) {
        double[] values = new double[runs.size()];
        if (pool == null) {
            for (int r = 0; r < runs.size(); r++) {
                values[r] = task.apply(runs.get(r));
            }
            return values;
        }
        List<Callable<Double>> calls = new ArrayList<>();
        for (StudentRun run : runs) {
            calls.add(() -> task.apply(run));
        }
        try {
            List<Future<Double>> futures = pool.invokeAll(calls);
            for (int r = 0; r < values.length; r++) {
                values[r] = futures.get(r).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("teacher-student: interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("teacher-student: a run failed: " + cause, cause);
        }
        return values;
    }
}
