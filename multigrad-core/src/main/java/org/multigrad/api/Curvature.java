package org.multigrad.api;


/**
 * Second-order information about the m objectives at one step, for weightings that need it (CAMOO).
 * It travels in {@link WeightingInput#withCurvature}; methods that do not use it ignore it. Three
 * forms, from the most to the least expensive:
 * <ul>
 *   <li>{@link #hessians}: the full n x n Hessians ∇²f_i (small n);</li>
 *   <li>{@link #diagonals}: an m x d matrix whose row i is the diagonal of ∇²f_i, in parameter space
 *   (d = n) or in any other space the caller chooses (e.g. a network's outputs, as the official AMOO
 *   code does);</li>
 *   <li>{@link #hessianVectorProducts}: a callback v ↦ ∇²f_i v; the weighting then estimates what
 *   it needs (Hutchinson diagonals, or exact diagonals / Hessians from n products).</li>
 * </ul>
 * Entries must be finite; Hessians must be symmetric (relative tolerance 1e-9).
 */
public final class Curvature {
    /** Which form the curvature was given in. */
    public enum Kind { HESSIANS, DIAGONALS, HESSIAN_VECTOR_PRODUCTS }

    /** v ↦ ∇²f_i(x) v at the current point; must not keep {@code vector} or {@code out}. */
    @FunctionalInterface
    public interface HessianVectorProduct {
        void apply(int objective, double[] vector, double[] out);
    }

    private final Kind kind;
    private final int objectives;
    private final int dimension;
    private final double[][] hessians;
    private final double[] diagonals;
    private final HessianVectorProduct product;

    private Curvature(Kind kind, int objectives, int dimension, double[][] hessians, double[] diagonals,
                      HessianVectorProduct product) {
        this.kind = kind;
        this.objectives = objectives;
        this.dimension = dimension;
        this.hessians = hessians;
        this.diagonals = diagonals;
        this.product = product;
    }

    /** Full Hessians, {@code hessians[i][r][c]} = ∂²f_i/∂x_r∂x_c. */
    public static Curvature hessians(double[][][] hessians) {
        if (hessians == null || hessians.length == 0) {
            throw new IllegalArgumentException("Hessians: none given (m = 0)");
        }
        int n = hessians[0] == null ? 0 : hessians[0].length;
        if (n == 0) {
            throw new IllegalArgumentException("Hessian 0 is empty (n = 0)");
        }
        double[][] flat = new double[hessians.length][];
        for (int i = 0; i < hessians.length; i++) {
            if (hessians[i] == null || hessians[i].length != n) {
                throw new IllegalArgumentException("Hessian " + i + " has " + (hessians[i] == null ? 0 : hessians[i].length)
                        + " rows, expected n = " + n);
            }
            flat[i] = flatten(hessians[i], "Hessian " + i);
            if (flat[i].length != n * n) {
                throw new IllegalArgumentException("Hessian " + i + " is not square: " + n + " rows of "
                        + hessians[i][0].length + " entries");
            }
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < r; c++) {
                    double a = flat[i][r * n + c];
                    double b = flat[i][c * n + r];
                    if (Math.abs(a - b) > 1e-9 * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)))) {
                        throw new IllegalArgumentException("Hessian " + i + " is not symmetric: entry (" + r + ", " + c
                                + ") = " + a + " but (" + c + ", " + r + ") = " + b);
                    }
                }
            }
        }
        return new Curvature(Kind.HESSIANS, hessians.length, n, flat, null, null);
    }

    /** Hessian diagonals: row i is diag(∇²f_i), all rows of the same length d. */
    public static Curvature diagonals(double[][] diagonals) {
        double[] flat = flatten(diagonals, "Hessian diagonals");
        return new Curvature(Kind.DIAGONALS, diagonals.length, diagonals[0].length, null, flat, null);
    }

    /** A Hessian-vector-product callback for m objectives over n parameters. */
    public static Curvature hessianVectorProducts(int objectives, int parameters, HessianVectorProduct product) {
        if (objectives < 1) {
            throw new IllegalArgumentException("Hessian-vector products: m must be >= 1, got " + objectives);
        }
        if (parameters < 1) {
            throw new IllegalArgumentException("Hessian-vector products: n must be >= 1, got " + parameters);
        }
        if (product == null) {
            throw new IllegalArgumentException("Hessian-vector products: the callback is null");
        }
        return new Curvature(Kind.HESSIAN_VECTOR_PRODUCTS, objectives, parameters, null, null, product);
    }

    public Kind kind() {
        return kind;
    }

    /** m. */
    public int objectives() {
        return objectives;
    }

    /** n for Hessians and products, d for diagonals. */
    public int dimension() {
        return dimension;
    }

    /** The Hessians, row-major n x n each (shared, do not modify); only for {@link Kind#HESSIANS}. */
    public double[][] hessianData() {
        return hessians;
    }

    /** The m x d diagonals, row-major (a fresh copy); for HESSIANS their diagonals. */
    public double[] diagonalData() {
        if (kind == Kind.DIAGONALS) {
            return diagonals.clone();
        }
        if (kind == Kind.HESSIANS) {
            double[] diag = new double[objectives * dimension];
            for (int i = 0; i < objectives; i++) {
                for (int j = 0; j < dimension; j++) {
                    diag[i * dimension + j] = hessians[i][j * dimension + j];
                }
            }
            return diag;
        }
        throw new IllegalStateException("Hessian-vector products have no stored diagonals; estimate them");
    }

    /** ∇²f_i v into out, checking that the callback returned finite values. */
    public void product(int objective, double[] vector, double[] out) {
        product.apply(objective, vector, out);
        for (int j = 0; j < out.length; j++) {
            if (!Double.isFinite(out[j])) {
                throw new IllegalArgumentException("Hessian-vector product of objective " + objective
                        + " has entry " + j + " = " + out[j]);
            }
        }
    }

    @Override
    public String toString() {
        return "Curvature[" + kind + ", m=" + objectives + ", dimension=" + dimension + "]";
    }

    /** Row-major copy of a rectangular matrix, rejecting ragged, empty and non-finite input. */
    private static double[] flatten(double[][] payoff, String what) {
        if (payoff == null || payoff.length == 0) {
            throw new IllegalArgumentException(what + " is empty (m = 0)");
        }
        int d = payoff[0] == null ? 0 : payoff[0].length;
        if (d == 0) {
            throw new IllegalArgumentException(what + " row 0 is empty (d = 0)");
        }
        double[] flat = new double[payoff.length * d];
        for (int i = 0; i < payoff.length; i++) {
            if (payoff[i] == null || payoff[i].length != d) {
                throw new IllegalArgumentException(what + " row " + i + " has "
                        + (payoff[i] == null ? 0 : payoff[i].length) + " entries, expected " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(payoff[i][j])) {
                    throw new IllegalArgumentException(what + " entry (" + i + ", " + j + ") is " + payoff[i][j]);
                }
                flat[i * d + j] = payoff[i][j];
            }
        }
        return flat;
    }
}
