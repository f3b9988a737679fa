package org.multigrad.djl.moblo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.multigrad.bilevel.BilevelIterate;
import org.multigrad.bilevel.BilevelSolvers;
import org.multigrad.bilevel.Forum;
import org.multigrad.bilevel.Moml;
import org.multigrad.djl.DjlRuntime;

/**
 * The hyper-cleaning study of Ye's thesis (§3.7.1, Table 3.2) as a service: for every method and
 * seed, K iterations on {@link HyperCleaningProblem}; every {@code evalEvery} iterations (and at K) the
 * val1 losses, val2 and test scores are recorded and the run's checkpoint written; the reported model
 * is the one with the best mean val2 accuracy over the datasets (the earliest on ties), and its test
 * accuracy and macro-F1 per dataset are the run's result.
 *
 * <p>Methods: {@code forum} ({@link Forum} on (α, ω), the thesis's setting by default),
 * {@code moml} ({@link Moml}: T unrolled SGD steps per iteration from the previous ω_T, so it moves
 * the model T times per iteration; Hessian-vector products by an explicit gradient and one backward pass) and {@code none}: the same MLP trained by SGD (lr 0.3, batches of B) on the unweighted noisy training
 * sets for K steps. K and not K·T: FORUM moves the model ω once per upper-level iteration (its inner
 * loop's ω̃ only measures the constraint and is dropped), so K steps give both the same number of
 * model updates at the same step size.
 */
public final class HyperCleaningStudy {
    /**
     * One evaluation: iteration {@code step}, F_i on the whole val1 split, the val2 and test scores per
     * dataset, and FORUM's λ̃ and K̃ or MOML's MGDA weights γ of the last iteration (null and NaN where
     * the method has none).
     */
    public record Point(int step, double[] val1Loss, ClassificationScores[] val2, ClassificationScores[] test,
                        double[] weights, double stationarity) {
        /** The selection criterion: mean val2 accuracy over the datasets. */
        public double val2Accuracy() {
            double sum = 0;
            for (ClassificationScores scores : val2) {
                sum += scores.accuracy();
            }
            return sum / val2.length;
        }
    }

    /** One method on one seed: its evaluations in order and the val2-selected one; wall-clock seconds spent. */
    public record Run(String method, long seed, List<Point> points, Point selected, double seconds) {
    }

    /** Every run, in request order (methods, then seeds). */
    public record Result(HyperCleaningRequest request, List<Run> runs) {
    }

    /** Hears the progress of the runs. */
    public interface Listener {
        /** Iteration {@code done} of {@code method} on {@code seed} finished (also called once with the resumed count). */
        default void iteration(String method, long seed, int done) {
        }

        /** A point was recorded and the checkpoint written (an exception here stops the study; --resume continues). */
        default void evaluated(String method, long seed, Point point) {
        }
    }

    private HyperCleaningStudy() {
    }

    /** The checkpoint of one run inside {@code out}. */
    public static Path checkpoint(Path out, String method, long seed) {
        return out.resolve("checkpoints").resolve(method + "-seed" + seed + ".bin");
    }

    /**
     * Refuses a new study over existing checkpoints and a resumed one without any, before data loads.
     */
    public static void prepare(HyperCleaningRequest request) {
        boolean any = false;
        for (String method : request.methods()) {
            for (long seed : request.seeds()) {
                any |= Files.isRegularFile(checkpoint(request.out(), method, seed));
            }
        }
        if (!request.resume() && any) {
            throw new IllegalArgumentException(request.out() + " already holds hyper-cleaning checkpoints; pass --resume"
                    + " to continue them or choose another --out");
        }
        if (request.resume() && !any) {
            throw new IllegalArgumentException("--resume: " + request.out() + " holds no hyper-cleaning checkpoints");
        }
    }

    /** Runs (or, with resume, continues) every run of {@code request}. */
    public static Result run(HyperCleaningRequest request, Listener listener) {
        prepare(request);
        DjlRuntime.engine();
        if (request.threads() > 0) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(request.threads());
        }
        Map<String, Map<String, String>> params = HyperCleaningRequest.parameters(request.methods(), request.params());
        List<Run> runs = new ArrayList<>();
        for (String method : request.methods()) {
            for (long seed : request.seeds()) {
                runs.add(runOne(request, method, seed, params.get(method), listener));
            }
        }
        return new Result(request, List.copyOf(runs));
    }

    private static Run runOne(HyperCleaningRequest request, String method, long seed, Map<String, String> raw,
                              Listener listener) {
        List<HyperCleaningData.Splits> sets = HyperCleaningData.loadAll(request.datasets(), request.mnistDir(),
                request.fashionDir(), request::sizesOf, request.noise(), seed);
        String fingerprint = fingerprint(request, method, raw);
        Path file = checkpoint(request.out(), method, seed);
        try (HyperCleaningProblem problem = new HyperCleaningProblem(sets, request.batchSize(), seed)) {
            Trainer trainer = method.equals("forum") ? new ForumTrainer(problem, raw)
                    : method.equals("moml") ? new MomlTrainer(problem, raw) : new SgdTrainer(problem,
                    HyperCleaningRequest.NONE_LR.parse(method, raw.getOrDefault("lr", "0.3")));
            List<Point> points = new ArrayList<>();
            int selected = -1;
            double seconds = 0;
            if (request.resume() && Files.isRegularFile(file)) {
                HyperCleaningCheckpoint.State saved = HyperCleaningCheckpoint.read(file, fingerprint);
                if (saved.iteration() > request.iterations()) {
                    throw new IllegalArgumentException(file + " is at iteration " + saved.iteration() + ", beyond --iterations "
                            + request.iterations());
                }
                trainer.restore(saved);
                points.addAll(saved.points());
                selected = saved.selected();
                seconds = saved.seconds();
                listener.iteration(method, seed, saved.iteration());
            }
            long start = System.nanoTime();
            while (trainer.iteration() < request.iterations()) {
                trainer.step();
                int done = trainer.iteration();
                listener.iteration(method, seed, done);
                if (done % request.evalEvery() == 0 || done == request.iterations()) {
                    Point point = trainer.evaluate(done);
                    points.add(point);
                    if (selected < 0 || point.val2Accuracy() > points.get(selected).val2Accuracy()) {
                        selected = points.size() - 1;
                    }
                    double elapsed = seconds + (System.nanoTime() - start) / 1e9;
                    HyperCleaningCheckpoint.write(file, fingerprint, trainer.state(points, selected, elapsed));
                    listener.evaluated(method, seed, point);
                }
            }
            seconds += (System.nanoTime() - start) / 1e9;
            return new Run(method, seed, List.copyOf(points), points.get(selected), seconds);
        }
    }

    /** The settings a checkpoint must share with the request that resumes it (K may grow). */
    private static String fingerprint(HyperCleaningRequest request, String method, Map<String, String> raw) {
        StringBuilder text = new StringBuilder(method);
        for (String dataset : request.datasets()) {
            HyperCleaningData.Sizes sizes = request.sizesOf(dataset);
            text.append(' ').append(dataset).append('=').append(sizes.train()).append(',').append(sizes.val1()).append(',')
                    .append(sizes.val2()).append(',').append(sizes.test());
        }
        text.append(" noise=").append(request.noise()).append(" batch-size=").append(request.batchSize())
                .append(" eval-every=").append(request.evalEvery()).append(" params=")
                .append(new java.util.TreeMap<>(raw));
        return text.toString();
    }

    /** One method's iterations on the problem, and what a checkpoint keeps of it. */
    private abstract static class Trainer {
        final HyperCleaningProblem problem;
        int iteration;
        double[] alpha;
        double[] omega;
        double[] weights;
        double stationarity = Double.NaN;

        Trainer(HyperCleaningProblem problem) {
            this.problem = problem;
        }

        int iteration() {
            return iteration;
        }

        abstract void step();

        abstract void restore(HyperCleaningCheckpoint.State state);

        /** Takes the checkpoint's iteration and iterate (α, ω) as the trainer's own. */
        void restoreIterate(HyperCleaningCheckpoint.State state) {
            iteration = state.iteration();
            alpha = state.alpha().clone();
            omega = state.omega().clone();
        }

        HyperCleaningCheckpoint.State state(List<Point> points, int selected, double seconds) {
            return new HyperCleaningCheckpoint.State(iteration, alpha, omega, smoothedLambda(), points, selected, seconds);
        }

        double[] smoothedLambda() {
            return new double[0];
        }

        Point evaluate(int step) {
            ClassificationScores[] val1 = problem.evaluate(omega, HyperCleaningData.Splits::val1);
            double[] losses = new double[val1.length];
            for (int i = 0; i < losses.length; i++) {
                losses[i] = val1[i].loss();
            }
            return new Point(step, losses, problem.evaluate(omega, HyperCleaningData.Splits::val2),
                    problem.evaluate(omega, HyperCleaningData.Splits::test), weights == null ? null : weights.clone(),
                    stationarity);
        }
    }

    private static final class ForumTrainer extends Trainer {
        private final Forum forum;

        ForumTrainer(HyperCleaningProblem problem, Map<String, String> raw) {
            super(problem);
            this.forum = (Forum) BilevelSolvers.catalogue().get("forum").create("forum", problem, raw);
            Forum.State state = forum.state();
            alpha = state.alpha();
            omega = state.omega();
        }

        @Override
        void step() {
            BilevelIterate iterate = forum.step();
            iteration = iterate.iteration();
            alpha = iterate.alpha();
            omega = iterate.omega();
            weights = iterate.weights();
            stationarity = iterate.stationarity();
        }

        @Override
        double[] smoothedLambda() {
            return forum.state().smoothedLambda();
        }

        @Override
        void restore(HyperCleaningCheckpoint.State state) {
            forum.restore(new Forum.State(state.iteration(), state.alpha(), state.omega(), state.smoothedLambda()));
            restoreIterate(state);
            weights = state.smoothedLambda().clone();
        }
    }

    /** MOML's iterations; its weights are MGDA's γ of the last iteration (no momentum to save). */
    private static final class MomlTrainer extends Trainer {
        private final Moml moml;

        MomlTrainer(HyperCleaningProblem problem, Map<String, String> raw) {
            super(problem);
            this.moml = (Moml) BilevelSolvers.catalogue().get("moml").create("moml", problem, raw);
            alpha = moml.state().alpha();
            omega = moml.state().omega();
        }

        @Override
        void step() {
            BilevelIterate iterate = moml.step();
            iteration = iterate.iteration();
            alpha = iterate.alpha();
            omega = iterate.omega();
            weights = iterate.weights();
        }

        @Override
        void restore(HyperCleaningCheckpoint.State state) {
            moml.restore(new Moml.State(state.iteration(), state.alpha(), state.omega()));
            restoreIterate(state);
        }
    }

    /** ω_{k+1} = ω_k − lr ∇_ω Σ_i (1/B) Σ_j CE on batch k (every sample weight 1). */
    private static final class SgdTrainer extends Trainer {
        private final double lr;
        private final double[] gradient;

        SgdTrainer(HyperCleaningProblem problem, double lr) {
            super(problem);
            this.lr = lr;
            this.alpha = new double[0];
            this.omega = problem.initialLower();
            this.gradient = new double[omega.length];
        }

        @Override
        void step() {
            problem.nextBatch(iteration);
            problem.unweightedGradient(omega, gradient);
            for (int s = 0; s < omega.length; s++) {
                omega[s] -= lr * gradient[s];
            }
            iteration++;
        }

        @Override
        void restore(HyperCleaningCheckpoint.State state) {
            iteration = state.iteration();
            System.arraycopy(state.omega(), 0, omega, 0, omega.length);
        }
    }
}
