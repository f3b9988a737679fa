package org.multigrad.blackbox;

import java.util.List;
import java.util.function.Function;
import org.multigrad.api.Catalogue;

/**
 * Black-box optimizers by stable kebab-case name, with their one-line summaries, in one
 * {@link Catalogue}. All share the {@link Settings} record; each reads the fields it uses
 * (documented per field).
 *
 * <p>BES (Gao and Sener, ICML 2022, "Generalizing Gaussian smoothing for random search"; the
 * thesis's ref. [36]) is not provided: the thesis gives neither its update nor its sampling
 * distribution, only "default step size 0.01", and that paper is not available here, so it could
 * not be defined exactly. MMES (ref. [47]) is absent for the same reason.
 */
public final class BlackBoxMethods {
    /**
     * Hyper-parameters of a black-box run.
     *
     * @param samples        N: samples per iteration (ASMG, ASMG-EW, ES) or population size λ (CMA-ES)
     * @param beta           ASMG/ASMG-EW step size β (thesis: 0.1)
     * @param esStep         ES step size α (thesis: 0.01, the default of Salimans et al.)
     * @param update         ASMG/ASMG-EW update form
     * @param precisionFloor ASMG/ASMG-EW precision guard (see {@link Asmg})
     * @param seed           random seed of the method's own draws
     */
    public record Settings(int samples, double beta, double esStep, Asmg.Update update, double precisionFloor,
                           long seed) {
        /** The thesis's synthetic-study settings (Sec. 4.6.1) for N samples. */
        public static Settings thesis(int samples, long seed) {
            return new Settings(samples, 0.1, 0.01, Asmg.Update.STANDARDIZED, 0.5, seed);
        }

        public Settings withSeed(long newSeed) {
            return new Settings(samples, beta, esStep, update, precisionFloor, newSeed);
        }
    }

    private static final Catalogue<Function<Settings, BlackBoxOptimizer>> METHODS =
            Catalogue.<Function<Settings, BlackBoxOptimizer>>builder("black-box method")
                    .add("asmg", "ASMG (thesis Alg. 3): Gaussian smoothing, min-norm QP weights with momentum",
                            s -> new Asmg(s.samples(), s.beta(), s.update(), Asmg.Weights.ADAPTIVE, s.precisionFloor(),
                                    s.seed()))
                    .add("asmg-ew", "ASMG-EW: ASMG with fixed equal weights 1/m",
                            s -> new Asmg(s.samples(), s.beta(), s.update(), Asmg.Weights.EQUAL, s.precisionFloor(),
                                    s.seed()))
                    .add("es", "ES (Salimans et al. 2017) on the equal-weight sum",
                            s -> new Es(s.samples(), s.esStep(), s.seed()))
                    .add("cma-es", "CMA-ES (Hipparchus, full covariance) on the equal-weight sum",
                            s -> new CmaEs(s.samples(), false, s.seed()))
                    .add("sep-cma-es", "CMA-ES (Hipparchus, diagonal covariance) on the equal-weight sum",
                            s -> new CmaEs(s.samples(), true, s.seed()))
                    .build();

    private BlackBoxMethods() {
    }

    /** The catalogue itself (names in order, summaries). */
    public static Catalogue<Function<Settings, BlackBoxOptimizer>> catalogue() {
        return METHODS;
    }

    public static List<String> names() {
        return METHODS.names();
    }

    public static String summary(String name) {
        return METHODS.summary(name);
    }

    /** A fresh optimizer of that name with those settings. */
    public static BlackBoxOptimizer create(String name, Settings settings) {
        return METHODS.get(name).apply(settings);
    }
}
