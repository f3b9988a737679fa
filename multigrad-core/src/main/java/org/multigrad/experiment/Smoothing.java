package org.multigrad.experiment;

import java.util.Map;

/**
 * The {@code --smooth S} option of {@code multigrad solve} and {@code multigrad train}: the method
 * is wrapped in {@code cr-mogm} (CrMogm, seed 002) with schedule S (corollary1, constant or average).
 */
public final class Smoothing {
    public static final String WRAPPER = "cr-mogm";

    private Smoothing() {
    }

    /** {@code cr-mogm(method)} when smoothing is asked for, else {@code method}. */
    public static String wrap(String method, String smooth) {
        return smooth == null ? method : WRAPPER + "(" + method + ")";
    }

    /** Adds {@code schedule = S} to the wrapped method's parameters; false (nothing added) without --smooth. */
    public static boolean addSchedule(Map<String, String> params, String smooth) {
        if (smooth == null) {
            return false;
        }
        params.put("schedule", smooth.trim());
        return true;
    }
}
