package org.multigrad.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.multigrad.bilevel.BilevelIterate;
import org.multigrad.bilevel.BilevelSolver;
import org.multigrad.bilevel.BilevelSolvers;
import org.multigrad.bilevel.MobloSynthetic;

/**
 * Runs FORUM and MOML on the synthetic MOBLO problem (Ye's thesis, App. A.1.4, Fig. A.1) from the
 * thesis's starts, recording every upper-level iteration: F₁, F₂, E = distance to the Pareto set,
 * the stationarity K and the constraint q = f(z) − f*(α) (f* = 0 here). Deterministic: no seed.
 */
public final class MobloSyntheticStudy {
    /** One run: a method from one start, iterations 0 (the start) to K. */
    public record Run(String method, int start, List<BilevelIterate> iterates) {
        public BilevelIterate last() {
            return iterates.get(iterates.size() - 1);
        }
    }

    /** Hears every finished upper-level iteration (e.g. a progress display). */
    @FunctionalInterface
    public interface Listener {
        void iteration(String method, int start);
    }

    /** All runs, in request order (methods, then starts). */
    public record Result(MobloSyntheticRequest request, List<Run> runs) {
    }

    private MobloSyntheticStudy() {
    }

    /** Runs the study; {@code listener} hears each finished iteration (e.g. for a progress bar). */
    public static Result run(MobloSyntheticRequest request, Listener listener) {
        Map<String, Map<String, String>> params = MobloSyntheticRequest.parameters(request.methods(), request.params());
        List<Run> runs = new ArrayList<>();
        for (String method : request.methods()) {
            for (int start : request.starts()) {
                double[] z = MobloSynthetic.STARTS[start - 1];
                MobloSynthetic problem = new MobloSynthetic(z[0], z[1], z[2]);
                BilevelSolver solver = BilevelSolvers.catalogue().get(method).create(method, problem, params.get(method));
                List<BilevelIterate> iterates = new ArrayList<>(request.iterations() + 1);
                iterates.add(BilevelIterate.start(problem));
                for (int k = 0; k < request.iterations(); k++) {
                    BilevelIterate iterate = solver.step();
                    if (!Double.isFinite(iterate.alpha()[0])) {
                        throw new IllegalStateException(method + " from start " + start + " diverged at iteration "
                                + (k + 1) + "; try smaller step sizes (-p " + method + ".alpha-lr=...)");
                    }
                    iterates.add(iterate);
                    listener.iteration(method, start);
                }
                runs.add(new Run(method, start, List.copyOf(iterates)));
            }
        }
        return new Result(request, List.copyOf(runs));
    }
}
