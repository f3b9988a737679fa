package org.multigrad.kernel;


/**
 * Whether the explicit-SIMD kernels can run: the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the {@code multigrad} launcher, the test and benchmark
 * runs do this), the vector length is at least 4 doubles, and the system property
 * {@code multigrad.simd} is not {@code false}. Otherwise the portable scalar kernels run; the two
 * agree up to rounding, so the choice changes speed only.
 */
public final class SimdSupport {
    /** The JVM option that makes the SIMD kernels available. */
    public static final String JVM_OPTION = "--add-modules jdk.incubator.vector";

    private static final boolean ENABLED = detect();

    private SimdSupport() {
    }

    /** True when the Gramian and combination passes use the Vector API kernels. */
    public static boolean enabled() {
        return ENABLED;
    }

    /** One line for logs and benchmark reports: which kernel runs and why. */
    public static String describe() {
        if (ENABLED) {
            return "SIMD Gramian and combination kernels (jdk.incubator.vector, " + VectorGramianKernel.lanes() + " doubles per vector)";
        }
        if (!disabledByProperty() && !moduleLoaded()) {
            return "scalar Gramian and combination kernels (start the JVM with " + JVM_OPTION + " for the SIMD kernels)";
        }
        return "scalar Gramian and combination kernels";
    }

    /** True when the JVM resolved {@code jdk.incubator.vector}, i.e. was started with {@link #JVM_OPTION}. */
    public static boolean moduleLoaded() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static boolean disabledByProperty() {
        return "false".equalsIgnoreCase(System.getProperty("multigrad.simd", "true"));
    }

    private static boolean detect() {
        if (disabledByProperty() || !moduleLoaded()) {
            return false;
        }
        try {
            return VectorGramianKernel.lanes() >= 4;
        } catch (LinkageError e) {
            return false;
        }
    }
}
