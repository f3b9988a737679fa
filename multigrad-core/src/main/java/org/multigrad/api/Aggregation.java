package org.multigrad.api;

/**
 * The result of one aggregation: the direction d (length n, the sign of a gradient: the step is
 * x ← x − lr·d) and the weights λ (length m).
 *
 * <ul>
 * <li>Weightings (every method whose {@code MethodSpec.isWeighting()}): d = Jᵀλ for this step's J.
 * <li>MoCo: d = Yᵀλ for the Jacobian Y that it tracks over steps, not this step's J; λ lies on the
 *     simplex.
 * <li>Coordinate-wise methods (GradDrop, DB-MTL): no λ exists; {@code weights} is null.
 * </ul>
 */
public record Aggregation(double[] direction, double[] weights) {
}
