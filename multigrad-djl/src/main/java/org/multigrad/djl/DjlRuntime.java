package org.multigrad.djl;

import ai.djl.engine.Engine;

/**
 * Starts DJL's PyTorch engine offline (the native libraries come from the {@code pytorch-native-cpu}
 * jar on the class path, never from the network) with libtorch's oneDNN and NNPACK kernels switched
 * off ({@link LibtorchSwitch} says why). Call {@link #engine()} before any other DJL use.
 */
public final class DjlRuntime {
    /** {@code -Dmultigrad.onednn=true} keeps oneDNN on, for users who accept NaN gradients now and then. */
    public static final String ONEDNN_PROPERTY = "multigrad.onednn";

    /** {@code -Dmultigrad.nnpack=true} keeps NNPACK on, where it initialises. */
    public static final String NNPACK_PROPERTY = "multigrad.nnpack";

    /** On the module path native access is granted to this module by name, on the class path to all unnamed code. */
    static final String JVM_OPTIONS = "--add-modules jdk.incubator.foreign --enable-native-access="
            + (DjlRuntime.class.getModule().isNamed() ? DjlRuntime.class.getModule().getName() : "ALL-UNNAMED");

    private static Engine engine;

    private DjlRuntime() {
    }

    /**
     * Sets {@code ai.djl.offline=true} unless the user chose otherwise, loads the PyTorch engine and
     * switches oneDNN and NNPACK off, unless {@code -Dmultigrad.onednn=true} or {@code -Dmultigrad.nnpack=true}.
     *
     * @throws DjlSetupException if the JVM lacks the options that let MultiGrad switch oneDNN off
     */
    public static synchronized Engine engine() {
        if (engine == null) {
            if (System.getProperty("ai.djl.offline") == null) {
                System.setProperty("ai.djl.offline", "true");
            }
            Engine loaded = Engine.getEngine("PyTorch");
            if (!Boolean.getBoolean(ONEDNN_PROPERTY)) {
                disableOneDnn();
            }
            if (!Boolean.getBoolean(NNPACK_PROPERTY)) {
                disableNnpack();
            }
            engine = loaded;
        }
        return engine;
    }

    /** Whether libtorch's oneDNN kernels are on in this JVM (false after {@link #engine()} by default). */
    public static boolean oneDnnEnabled() {
        engine();
        return LibtorchSwitch.ONEDNN.enabled();
    }

    /** Whether libtorch's NNPACK kernels are on in this JVM (false after {@link #engine()} by default). */
    public static boolean nnpackEnabled() {
        engine();
        return LibtorchSwitch.NNPACK.enabled();
    }

    private static void disableOneDnn() {
        try {
            LibtorchSwitch.ONEDNN.setEnabled(false);
        } catch (LinkageError | IllegalCallerException e) {
            throw new DjlSetupException("MultiGrad's DJL training needs the JVM options " + JVM_OPTIONS
                    + " to switch off libtorch's oneDNN convolutions, which can return NaN gradients"
                    + " (docs/training.md); the multigrad launcher sets them, or run with -D" + ONEDNN_PROPERTY
                    + "=true to keep oneDNN at your own risk", e);
        }
    }

    /** NNPACK off costs nothing in correctness, so a JVM without the foreign API just keeps it. */
    private static void disableNnpack() {
        try {
            LibtorchSwitch.NNPACK.setEnabled(false);
        } catch (LinkageError | IllegalCallerException e) {
            // without jdk.incubator.foreign (only with -Dmultigrad.onednn=true): NNPACK stays as libtorch set it
        }
    }

    /** Seeds PyTorch's generator (parameter initialisation). */
    public static void seed(long seed) {
        engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }
}
