package org.multigrad.experiment;

import java.util.ArrayList;
import java.util.List;
import org.multigrad.blackbox.BlackBoxExperiment;
import org.multigrad.blackbox.Evaluator;
import org.multigrad.problem.ProblemRegistry;

/**
 * {@code blackbox} as a service: {@link BlackBoxExperiment#run} for every problem, method, sample
 * size N and seed of a {@link BlackBoxRequest}, in that nesting order.
 */
public final class BlackBoxStudy {
    /** Follows the runs (e.g. for a progress display that polls the evaluator). */
    public interface Listener {
        /** A run begins; {@code evaluator} counts its evaluations. */
        void started(String label, Evaluator evaluator);

        /** The run is over and accounted for with its whole budget. */
        void finished(long budget);
    }

    private BlackBoxStudy() {
    }

    public static BlackBoxResult run(BlackBoxRequest request, Listener listener) {
        List<BlackBoxExperiment.Result> runs = new ArrayList<>();
        for (String problem : request.problems()) {
            for (String method : request.methods()) {
                for (int n : request.samples()) {
                    for (long seed : request.seeds()) {
                        String label = problem + " " + method + " N=" + n + " seed=" + seed;
                        runs.add(BlackBoxExperiment.run(method, ProblemRegistry.get(problem, request.dimension()),
                                request.settings(n), request.budgetFor(n), seed, request.logPoints(),
                                request.parallel(), evaluator -> listener.started(label, evaluator)));
                        listener.finished(request.budgetFor(n));
                    }
                }
            }
        }
        return BlackBoxResult.of(request, null, runs);
    }
}
