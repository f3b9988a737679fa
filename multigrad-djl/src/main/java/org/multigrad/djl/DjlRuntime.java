package org.multigrad.djl;

import ai.djl.engine.Engine;

/**
 * Starts DJL's PyTorch engine offline: the native libraries come from the {@code pytorch-native-cpu}
 * jar on the class path, never from the network. Call {@link #engine()} before any other DJL use.
 */
public final class DjlRuntime {
    private DjlRuntime() {
    }

    /** Sets {@code ai.djl.offline=true} unless the user chose otherwise, then returns the PyTorch engine. */
    public static synchronized Engine engine() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        return Engine.getEngine("PyTorch");
    }

    /** Seeds PyTorch's generator (parameter initialisation). */
    public static void seed(long seed) {
        engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }
}
