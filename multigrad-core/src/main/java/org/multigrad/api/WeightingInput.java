package org.multigrad.api;

import java.util.Arrays;

/**
 * What a weighting may read at one step: the number of objectives, the Gramian (computed lazily, so
 * loss-based methods never pay for it), the losses and the curvature (both optional; methods that
 * need them say so).
 */
public final class WeightingInput {
    private final int objectives;
    private final Jacobian jacobian;
    private Gramian gramian;
    private final double[] losses;
    private Curvature curvature;

    private WeightingInput(int objectives, Jacobian jacobian, Gramian gramian, double[] losses) {
        this.objectives = objectives;
        this.jacobian = jacobian;
        this.gramian = gramian;
        this.losses = losses;
        if (losses != null) {
            if (losses.length != objectives) {
                throw new IllegalArgumentException("losses have " + losses.length + " entries, expected one per objective (m = "
                        + objectives + ")");
            }
            for (int i = 0; i < losses.length; i++) {
                if (!Double.isFinite(losses[i])) {
                    throw new IllegalArgumentException("loss " + i + " is " + losses[i] + "; losses must be finite");
                }
            }
        }
    }

    /** Input whose Gramian is computed from J on first use. */
    public static WeightingInput of(Jacobian jacobian, double[] losses) {
        return new WeightingInput(jacobian.objectives(), jacobian, null, losses);
    }

    /** Input with a precomputed Gramian. */
    public static WeightingInput of(Gramian gramian, double[] losses) {
        return new WeightingInput(gramian.size(), null, gramian, losses);
    }

    /** Input with losses only (loss-based weightings). */
    public static WeightingInput ofLosses(double[] losses) {
        return new WeightingInput(losses.length, null, null, losses);
    }

    public int objectives() {
        return objectives;
    }

    public Gramian gramian() {
        if (gramian == null) {
            if (jacobian == null) {
                throw new IllegalArgumentException("this weighting needs gradients (a Jacobian or Gramian), but only losses were given");
            }
            gramian = jacobian.gramian();
        }
        return gramian;
    }

    public boolean hasLosses() {
        return losses != null;
    }

    /** The losses; {@code method} and {@code why} name who needs them in the error when they are missing. */
    public double[] losses(String method, String why) {
        if (losses == null) {
            throw new IllegalArgumentException(method + " needs the losses (" + why + "), but none were given");
        }
        return losses;
    }

    /**
     * A copy of this input that also carries second-order information (for CAMOO); {@code null}
     * removes it. The Gramian, if already computed, is shared.
     */
    public WeightingInput withCurvature(Curvature curvature) {
        if (curvature != null && curvature.objectives() != objectives) {
            throw new IllegalArgumentException("curvature is for " + curvature.objectives()
                    + " objectives, expected one per objective (m = " + objectives + ")");
        }
        WeightingInput copy = new WeightingInput(objectives, jacobian, gramian, losses);
        copy.curvature = curvature;
        return copy;
    }

    public boolean hasCurvature() {
        return curvature != null;
    }

    /** The curvature; {@code method} and {@code why} name who needs it in the error when it is missing. */
    public Curvature curvature(String method, String why) {
        if (curvature == null) {
            throw new IllegalArgumentException(method + " needs curvature (" + why + "), but none was given;"
                    + " pass Hessians, Hessian diagonals or a Hessian-vector product with WeightingInput.withCurvature");
        }
        return curvature;
    }

    @Override
    public String toString() {
        return "WeightingInput[m=" + objectives + ", losses=" + Arrays.toString(losses) + "]";
    }
}
