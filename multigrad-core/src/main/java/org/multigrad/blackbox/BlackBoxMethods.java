package org.multigrad.blackbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Black-box optimizers by stable kebab-case name, with their one-line summaries. All share the
 * {@link Settings} record; each reads the fields it uses (documented per field).
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

    private record Entry(String summary, Function<Settings, BlackBoxOptimizer> factory) {
    }

    private static final Map<String, Entry> METHODS = new LinkedHashMap<>();

    static {
        METHODS.put("asmg", new Entry("ASMG (thesis Alg. 3): Gaussian smoothing, min-norm QP weights with momentum",
                s -> new Asmg(s.samples(), s.beta(), s.update(), Asmg.Weights.ADAPTIVE, s.precisionFloor(), s.seed())));
        METHODS.put("asmg-ew", new Entry("ASMG-EW: ASMG with fixed equal weights 1/m",
                s -> new Asmg(s.samples(), s.beta(), s.update(), Asmg.Weights.EQUAL, s.precisionFloor(), s.seed())));
        METHODS.put("es", new Entry("ES (Salimans et al. 2017) on the equal-weight sum",
                s -> new Es(s.samples(), s.esStep(), s.seed())));
        METHODS.put("cma-es", new Entry("CMA-ES (Hipparchus, full covariance) on the equal-weight sum",
                s -> new CmaEs(s.samples(), false, s.seed())));
        METHODS.put("sep-cma-es", new Entry("CMA-ES (Hipparchus, diagonal covariance) on the equal-weight sum",
                s -> new CmaEs(s.samples(), true, s.seed())));
    }

    private BlackBoxMethods() {
    }

    public static List<String> names() {
        return new ArrayList<>(METHODS.keySet());
    }

    public static String summary(String name) {
        return entry(name).summary();
    }

    public static BlackBoxOptimizer create(String name, Settings settings) {
        return entry(name).factory().apply(settings);
    }

    private static Entry entry(String name) {
        Entry entry = METHODS.get(name == null ? "" : name.trim());
        if (entry == null) {
            throw new IllegalArgumentException("unknown black-box method '" + name + "'; known methods: "
                    + String.join(", ", METHODS.keySet()));
        }
        return entry;
    }
}
