package org.multigrad.djl.amoo;

import java.util.Random;

/**
 * The AMOO workshop neural experiment (Efroni et al., OPT 2024 workshop version of "Aligned Multi Objective
 * Optimization", Sec. 4 and App. C): m = 10 quadratic losses of a 2-layer ReLU
 * student h (10 inputs, 256 hidden units, 10 outputs) against a random teacher of the same shape,
 * <pre>  f_i(θ) = mean_batch (h_θ(x) − y)ᵀ H_i (h_θ(x) − y),   H_1 = I,  H_i = αI + (1 − α) e_1e_1ᵀ (i > 1), α = 1e-4,</pre>
 * with x ~ N(0, I_10) and y = h_θ⋆(x) + ε, ε ~ N(0, σ²I) (σ ∈ {1, 0.1, 0.001}). All losses are minimised by the
 * teacher, so this is an aligned problem, and f_1 has by far the largest curvature (a selection instance).
 *
 * <p>This class holds the problem: its {@link Shape}, the curvature {@link #hessianDiagonals}, and one seed's
 * {@link Task} (teacher, initial student, validation set, training batches). Training runs are {@link StudentRun};
 * the learning-rate grid over seeds is {@link TeacherStudentGrid}; choosing the learning rate is
 * {@link LearningRateSelection}.
 *
 * <p>Choices where the paper is silent or where this code departs from it (all stated in docs/reproductions-amoo.md):
 * <ul>
 *   <li>Curvature for CAMOO is taken in the OUTPUT space, as the official ICML notebook does: ∂²f_i/∂h² = 2H_i
 *   exactly (for the batch mean as for one point), constant in θ. Hutchinson's estimate z ⊙ (2H_i z) of a diagonal
 *   Hessian with Rademacher z is exact, so the workshop's 100 probes and its 0.99 moving average would give the same
 *   matrix; it is passed to {@link org.multigrad.method.Camoo} as Hessian diagonals.</li>
 *   <li>EW uses w = 1/m, so EW's and CAMOO's weights both sum to 1. The official notebook's EW uses w = 1 (sum) and
 *   therefore multiplies CAMOO's learning rate by m; with the mean that scaling is not needed and not applied. The
 *   learning rate is chosen per method on a grid of decades anyway, which absorbs such a constant for SGD (a factor
 *   10 = one grid point) and nearly cancels under Adam.</li>
 *   <li>PAMOO (not in the workshop paper; ICML Algorithm 3) gets the parameter-space Jacobian of the 10 losses (exact
 *   per-loss gradients; losses with equal H_i have equal gradients, so each distinct H_i costs one backward pass) and
 *   f_i⋆ = 0; its weights carry the Polyak step and the optimiser's learning rate multiplies it.</li>
 *   <li>Teacher and student are initialised like PyTorch's {@code nn.Linear}, different draws from one seed; the
 *   student starts from the same parameters for every method and learning rate of a seed, and every run of a seed
 *   sees the same batches (x, teacher output, standard-normal noise ε, scaled by σ).</li>
 * </ul>
 */
public final class TeacherStudent {
    /** The weighting of the losses. */
    public enum Method { EW, CAMOO, PAMOO }

    /** The optimiser applied to the weighted loss Σ w_i f_i. */
    public enum Optimizer { SGD, ADAM }

    /**
     * The problem's sizes: network (inputs, hidden, outputs), m objectives, α of H_i, training batch, validation
     * points (the workshop averages over 1024·10³; {@link #paper()} uses 10240 to keep the grid affordable).
     */
    public record Shape(int inputs, int hidden, int outputs, int objectives, double alpha, int batch, int validation) {
        public Shape {
            if (inputs < 1 || hidden < 1 || outputs < 1 || objectives < 1 || batch < 1 || validation < 1) {
                throw new IllegalArgumentException("teacher-student: every size must be >= 1, got inputs " + inputs
                        + ", hidden " + hidden + ", outputs " + outputs + ", objectives " + objectives + ", batch "
                        + batch + ", validation " + validation);
            }
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("teacher-student: alpha must be in [0, 1], got " + alpha);
            }
        }

        /** 10-256-10, m = 10, α = 1e-4, batch 1024 (appendix C); 10240 validation points. */
        public static Shape paper() {
            return new Shape(10, 256, 10, 10, 1e-4, 1024, 10240);
        }

        public Shape withValidation(int points) {
            return new Shape(inputs, hidden, outputs, objectives, alpha, batch, points);
        }
    }

    /** One training batch, feature-major: x (inputs x batch), the teacher's outputs and ε ~ N(0, I) (outputs x batch). */
    record Batch(double[] x, double[] teacher, double[] noise) { }

    private TeacherStudent() { }

    /** diag(H_i) for i = 1..m: H_1 = I, H_i = αI + (1 − α) e_1e_1ᵀ for i > 1 (appendix C). */
    public static double[][] hessianDiagonals(int m, int outputs, double alpha) {
        double[][] d = new double[m][outputs];
        for (int i = 0; i < m; i++) {
            for (int o = 0; o < outputs; o++) {
                d[i][o] = i == 0 ? 1 : alpha + (o == 0 ? 1 - alpha : 0);
            }
        }
        return d;
    }

    /**
     * One seed's instance: the teacher and the student's initial parameters (both from {@code Random(seed)}), the
     * validation set (in chunks of the batch size, with the teacher's outputs), and the stream of training batches
     * (from a second generator, {@code Random(31 seed + 7)}).
     */
    static final class Task {
        final Shape shape;
        final Mlp teacher;
        final double[] initialStudent;
        final double[][] validationX;
        final double[][] validationTeacher;
        final int[] validationSizes;
        private final Random data;
        private final double[] act;

        Task(Shape shape, long seed) {
            this.shape = shape;
            Random rng = new Random(seed);
            teacher = new Mlp(shape.inputs(), shape.hidden(), shape.outputs(), rng);
            initialStudent = new Mlp(shape.inputs(), shape.hidden(), shape.outputs(), rng).p;
            act = new double[shape.hidden() * shape.batch()];
            int chunks = (shape.validation() + shape.batch() - 1) / shape.batch();
            validationX = new double[chunks][];
            validationTeacher = new double[chunks][];
            validationSizes = new int[chunks];
            for (int c = 0; c < chunks; c++) {
                int n = Math.min(shape.batch(), shape.validation() - c * shape.batch());
                validationSizes[c] = n;
                validationX[c] = gaussian(rng, shape.inputs() * n);
                validationTeacher[c] = teacher.forward(validationX[c], n, act);
            }
            data = new Random(seed * 31 + 7);
        }

        Batch next() {
            int n = shape.batch();
            double[] x = gaussian(data, shape.inputs() * n);
            double[] t = teacher.forward(x, n, act);
            return new Batch(x, t, gaussian(data, shape.outputs() * n));
        }

        private static double[] gaussian(Random rng, int n) {
            double[] v = new double[n];
            for (int k = 0; k < n; k++) {
                v[k] = rng.nextGaussian();
            }
            return v;
        }
    }
}
