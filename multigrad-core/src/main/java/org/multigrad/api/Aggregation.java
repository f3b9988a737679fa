package org.multigrad.api;

/**
 * The result of one aggregation: the direction d (length n, the sign of a gradient: the step is
 * x ← x − lr·d) and the weights λ with d = Jᵀλ, or null for coordinate-wise methods that have none.
 */
public record Aggregation(double[] direction, double[] weights) {
}
