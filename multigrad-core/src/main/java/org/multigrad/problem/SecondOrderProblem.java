package org.multigrad.problem;

import org.multigrad.api.Curvature;

/**
 * A problem that can also multiply each objective's Hessian by a vector: the optional second-order
 * capability that curvature-based methods (CAMOO) need. Drivers ask for it only when the method
 * declares {@link org.multigrad.method.spec.MethodSpec#needsCurvature()}.
 */
public interface SecondOrderProblem extends Problem {
    /** out = ∇²f_i(x) v (length n); allocates nothing. */
    void hessianVectorProduct(double[] x, int objective, double[] vector, double[] out);

    /** The curvature at x as a Hessian-vector-product callback (x is copied). */
    default Curvature curvature(double[] x) {
        requirePoint(x);
        double[] at = x.clone();
        return Curvature.hessianVectorProducts(objectives(), dimension(),
                (objective, vector, out) -> hessianVectorProduct(at, objective, vector, out));
    }
}
