package org.multigrad.experiment;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.multigrad.optim.Adam;
import org.multigrad.optim.ParameterOptimizer;
import org.multigrad.optim.Sgd;
import org.multigrad.optim.StepSchedule;

/**
 * What {@link SolveExperiment} runs: methods on an analytic test problem with the descent driver.
 * The constructor checks every field that needs no problem; {@link SolveExperiment#prepare} checks
 * the rest (problem name, batch, start points, reference point, methods and parameters). Messages
 * name a field by its command-line spelling ({@code --steps}), as users of {@code multigrad solve}
 * typed it.
 *
 * @param problem a {@link org.multigrad.problem.ProblemRegistry} name of a problem with gradients
 * @param methods registered methods or {@code wrapper(method)}; their labels must differ
 * @param params method parameters: {@code method.key} for one listed method (named as listed, or by its
 *     label, e.g. {@code cr-mogm(mgda)}), a bare {@code key} for every listed method that declares it
 *     (a qualified value wins over a bare one); a parameter no listed method takes is an error
 * @param smooth wrap every method in {@code cr-mogm} with this schedule, or null
 * @param optimizer {@code sgd} or {@code adam}
 * @param momentum SGD momentum
 * @param lr initial step size η₀
 * @param schedule {@link StepSchedule#parse} name: constant, inv-sqrt, inv
 * @param steps steps per run
 * @param seeds the seeds of the runs from the first start point; start i uses seed + i·(max seed + 1),
 *     so no two runs share a seed (seeds 0..K−1: start i uses i·K .. i·K + K − 1)
 * @param noise σ of additive Gaussian noise on every gradient entry (0: none)
 * @param inputNoise draws at x + N(0, (fraction·(ub − lb))²) (0: none)
 * @param batch mini-batch size of a finite-sum problem, or null (1)
 * @param start {@code x1,x2,...}, {@code all}, {@code random:N}, or null (the first standard start point)
 * @param reference reference point of the hypervolume, or null
 * @param recordEvery record every N-th step; 0: about 600 log-spaced steps and every power of 10
 */
public record SolveRequest(String problem, List<String> methods, Map<String, String> params, String smooth,
                           String optimizer, double momentum, double lr, String schedule, long steps, List<Long> seeds,
                           double noise, double inputNoise, Integer batch, String start, double[] reference,
                           long recordEvery) {
    public SolveRequest {
        methods = List.copyOf(methods);
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params == null ? Map.of() : params));
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("--seeds must name at least one seed");
        }
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw new IllegalArgumentException("--seeds " + seeds + " names a seed twice");
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("--lr must be finite and > 0, got " + lr);
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("--noise must be finite and >= 0, got " + noise);
        }
        if (!(inputNoise >= 0) || !Double.isFinite(inputNoise)) {
            throw new IllegalArgumentException("--input-noise must be finite and >= 0, got " + inputNoise);
        }
        if (recordEvery < 0) {
            throw new IllegalArgumentException("--record-every must be >= 0, got " + recordEvery);
        }
        StepSchedule.parse(schedule);
        String name = optimizer.trim().toLowerCase(Locale.ROOT);
        if (!name.equals("sgd") && !name.equals("adam")) {
            throw new IllegalArgumentException("--optimizer must be sgd or adam, got '" + optimizer + "'");
        }
        optimizer = name;
    }

    /** Defaults of {@code multigrad solve}: SGD, η₀ = 0.01 constant, one seed, no noise, the first start point. */
    public static SolveRequest of(String problem, List<String> methods, long steps) {
        return new SolveRequest(problem, methods, Map.of(), null, "sgd", 0, 0.01, "constant", steps, List.of(0L), 0, 0, null,
                null, null, 0);
    }

    /**
     * A fresh optimizer for one run (its state must not carry over between runs); its own rate is
     * η0, the driver passes the schedule's η_k at every step.
     */
    ParameterOptimizer newOptimizer() {
        return optimizer.equals("adam") ? new Adam(lr, 0) : new Sgd(lr, momentum, 0);
    }
}
