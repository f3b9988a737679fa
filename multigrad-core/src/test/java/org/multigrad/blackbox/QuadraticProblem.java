package org.multigrad.blackbox;

import org.multigrad.problem.MultiObjectiveProblem;

/**
 * F_i(x) = Σ_k a_ik (x_k − c_ik)², whose Gaussian smoothing is known exactly:
 * J_i(μ, σ) = Σ_k a_ik ((μ_k − c_ik)² + σ_k), ∇_μ J_i = 2a_i ⊙ (μ − c_i), ∇_Σ J_i = diag(a_i).
 */
final class QuadraticProblem implements MultiObjectiveProblem {
    final double[][] scales;
    final double[][] centres;

    QuadraticProblem(double[][] scales, double[][] centres) {
        this.scales = scales;
        this.centres = centres;
    }

    @Override
    public String name() {
        return "quadratic";
    }

    @Override
    public int dimension() {
        return scales[0].length;
    }

    @Override
    public int objectives() {
        return scales.length;
    }

    @Override
    public void evaluate(double[] points, int pointOffset, double[] values, int valueOffset) {
        for (int i = 0; i < scales.length; i++) {
            double sum = 0;
            for (int k = 0; k < scales[i].length; k++) {
                double gap = points[pointOffset + k] - centres[i][k];
                sum += scales[i][k] * gap * gap;
            }
            values[valueOffset + i] = sum;
        }
    }
}
