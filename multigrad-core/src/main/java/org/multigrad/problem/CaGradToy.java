package org.multigrad.problem;

import java.util.List;

/**
 * The two-objective toy of CAGrad (Liu et al., NeurIPS 2021, {@code toy.py}), also used by Nash-MTL
 * and FAMO (their {@code experiments/toy/problem.py}; docs/sources.md), scale 1, LOWER = 5e-6:
 * f_i = c_1·f_i^log + c_2·f_i^sq, c_1 = max(tanh(x_2/2), 0), c_2 = max(tanh(-x_2/2), 0),
 * f_1^log = log(max(|0.5(-x_1-7) - tanh(-x_2)|, LOWER)) + 6,
 * f_2^log = log(max(|0.5(-x_1+3) + tanh(-x_2) + 2|, LOWER)) + 6,
 * f_1^sq = ((-x_1+7)² + 0.1(-x_2-8)²)/10 - 20, f_2^sq = ((-x_1-7)² + 0.1(-x_2-8)²)/10 - 20.
 *
 * <p>Gradients are exact almost everywhere; at the kinks (the clamp at LOWER, x_2 = 0) the
 * one-sided value of PyTorch's autograd is used (the clamped branch has gradient 0).
 *
 * <p>Pareto set: the plotting code draws the segment x_2 = -8.3552, x_1 ∈ [-7, 7]. Exactly, the set
 * lies in x_2 &lt; 0, where f_i = c_2(x_2)·f_i^sq; stationarity of λf_1 + (1-λ)f_2 gives
 * x_1 = 7(2λ - 1) and a root x_2(λ) ∈ (-9, -8) of c_2'·S + c_2·0.02(x_2 + 8) = 0 with
 * S = λf_1^sq + (1-λ)f_2^sq. x_2 is -8.3552 at x_1 = 0 and about -8.47 at x_1 = ±7: the curve
 * is slightly bent. Distances are to the polyline through 2001 points of that curve.
 *
 * <p>Start points: CAGrad's (-8.5, 7.5), (-8.5, -5), (9, 9) and Nash-MTL's (-7.5, -0.5), (9, -1);
 * Nash-MTL's fifth, (0, 0), is a kink where both objectives have zero gradient and is left out.
 */
public final class CaGradToy extends BoxProblem {
    static final double LOWER = 5e-6;
    private static final int CURVE_POINTS = 2001;
    private final ParetoCurve paretoSet = new ParetoCurve(CaGradToy::paretoPoint, CURVE_POINTS);

    public CaGradToy() {
        super("cagrad-toy", 2, 2, filled(2, Double.NEGATIVE_INFINITY), filled(2, Double.POSITIVE_INFINITY),
                List.of(new double[] {-8.5, 7.5}, new double[] {-8.5, -5}, new double[] {9, 9},
                        new double[] {-7.5, -0.5}, new double[] {9, -1}));
    }

    @Override
    public void evaluate(double[] x, double[] values, double[] jacobian) {
        double x1 = x[0];
        double x2 = x[1];
        double tanhX2 = Math.tanh(x2);
        double dTanhNegX2 = -(1 - tanhX2 * tanhX2); // d/dx2 tanh(-x2)
        double u1 = 0.5 * (-x1 - 7) - Math.tanh(-x2);
        double u2 = 0.5 * (-x1 + 3) + Math.tanh(-x2) + 2;
        double log1 = Math.log(Math.max(Math.abs(u1), LOWER)) + 6;
        double log2 = Math.log(Math.max(Math.abs(u2), LOWER)) + 6;
        double dLog1dx1 = Math.abs(u1) > LOWER ? -0.5 / u1 : 0;
        double dLog1dx2 = Math.abs(u1) > LOWER ? -dTanhNegX2 / u1 : 0;
        double dLog2dx1 = Math.abs(u2) > LOWER ? -0.5 / u2 : 0;
        double dLog2dx2 = Math.abs(u2) > LOWER ? dTanhNegX2 / u2 : 0;

        double half = Math.tanh(x2 / 2);
        double c1 = Math.max(half, 0);
        double c2 = Math.max(-half, 0);
        double dHalf = 0.5 * (1 - half * half);
        double dc1 = half > 0 ? dHalf : 0;
        double dc2 = -half > 0 ? -dHalf : 0;

        double tail = 0.1 * (-x2 - 8) * (-x2 - 8);
        double sq1 = ((-x1 + 7) * (-x1 + 7) + tail) / 10 - 20;
        double sq2 = ((-x1 - 7) * (-x1 - 7) + tail) / 10 - 20;
        double dSq1dx1 = 2 * (x1 - 7) / 10;
        double dSq2dx1 = 2 * (x1 + 7) / 10;
        double dSqdx2 = 0.02 * (x2 + 8);

        values[0] = c1 * log1 + c2 * sq1;
        values[1] = c1 * log2 + c2 * sq2;
        jacobian[0] = c1 * dLog1dx1 + c2 * dSq1dx1;
        jacobian[1] = dc1 * log1 + c1 * dLog1dx2 + dc2 * sq1 + c2 * dSqdx2;
        jacobian[2] = c1 * dLog2dx1 + c2 * dSq2dx1;
        jacobian[3] = dc1 * log2 + c1 * dLog2dx2 + dc2 * sq2 + c2 * dSqdx2;
    }

    /** The Pareto-set point for weight λ on f_1: x_1 = 7(2λ - 1), x_2 by bisection (see class doc). */
    static double[] paretoPoint(double lambda) {
        double x1 = 7 * (2 * lambda - 1);
        double lo = -9;
        double hi = -8;
        for (int iteration = 0; iteration < 80; iteration++) {
            double mid = 0.5 * (lo + hi);
            if (stationarityInX2(lambda, x1, mid) > 0) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return new double[] {x1, 0.5 * (lo + hi)};
    }

    /** d/dx2 of c_2(x_2)·S(x_1, x_2, λ); negative below the root, positive above it. */
    private static double stationarityInX2(double lambda, double x1, double x2) {
        double tail = 0.1 * (x2 + 8) * (x2 + 8);
        double s = lambda * (((x1 - 7) * (x1 - 7) + tail) / 10 - 20)
                + (1 - lambda) * (((x1 + 7) * (x1 + 7) + tail) / 10 - 20);
        double c2 = Math.tanh(-x2 / 2);
        double dc2 = -0.5 * (1 - c2 * c2);
        return dc2 * s + c2 * 0.02 * (x2 + 8);
    }


    @Override
    public boolean hasParetoSet() {
        return true;
    }

    @Override
    public double distanceToParetoSet(double[] x) {
        return paretoSet.distance(x);
    }

    @Override
    public double[][] paretoSetSample(int points) {
        return paretoSet.sample(points);
    }
}
