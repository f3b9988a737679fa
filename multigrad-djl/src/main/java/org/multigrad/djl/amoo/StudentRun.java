package org.multigrad.djl.amoo;

import java.util.Arrays;
import org.multigrad.api.Curvature;
import org.multigrad.api.Jacobian;
import org.multigrad.api.WeightingInput;
import org.multigrad.djl.amoo.TeacherStudent.Batch;
import org.multigrad.djl.amoo.TeacherStudent.Method;
import org.multigrad.djl.amoo.TeacherStudent.Optimizer;
import org.multigrad.method.Camoo;
import org.multigrad.method.Pamoo;
import org.multigrad.optim.Adam;
import org.multigrad.optim.ParameterOptimizer;
import org.multigrad.optim.Sgd;

/**
 * One training run of the teacher-student experiment ({@link TeacherStudent}): a student network, a weighting (EW,
 * CAMOO or PAMOO), an optimiser (SGD or Adam) with one learning rate, and one noise level σ. Each {@link #step}
 * computes the m losses on the batch, the weights w, and applies the optimiser to the gradient of Σ_i w_i f_i
 * (EW and CAMOO: one backward pass of ∂/∂h Σ_i w_i f_i = 2(Σ_i w_i H_i)(h − y)/B; PAMOO: Σ_i w_i ∇f_i from the
 * per-loss gradients it needs anyway).
 *
 * <ul>
 *   <li>EW: w = 1/m.</li>
 *   <li>CAMOO: {@link Camoo} with its defaults (the official notebook's: PU, τ = 0.01, 100 iterations from uniform
 *   weights at every step) on the output-space Hessian diagonals 2H_i (exact; see {@link TeacherStudent}).</li>
 *   <li>PAMOO: {@link Pamoo} defaults on the exact parameter-space Jacobian of the losses and f_i⋆ = 0.</li>
 *   <li>SGD: θ ← θ − lr·g. Adam: PyTorch's (β = (0.9, 0.999), ε = 1e-8, bias-corrected).</li>
 * </ul>
 * The run records the equal-weight training loss (1/m) Σ_i f_i of every step (the quantity the workshop's
 * learning-rate choice "on training loss" is read as: the same for every method, unlike the weighted loss); its mean
 * over the steps from {@code tailStart} on is {@link #trainLoss()}. A non-finite loss marks the run diverged and
 * stops it.
 */
final class StudentRun {
    /** Per-thread buffers: hidden activations (hidden x batch) and one hidden-gradient row. */
    static final class Workspace {
        final double[] act;
        final double[] gh;

        Workspace(TeacherStudent.Shape shape) {
            act = new double[shape.hidden() * shape.batch()];
            gh = new double[shape.batch()];
        }
    }

    final Optimizer optimizer;
    final double sigma;
    final Method method;
    final double learningRate;
    private final TeacherStudent.Shape shape;
    private final double[][] hessians;
    private final double[][] curvature;
    private final int[] firstWithSameHessian;
    private final Mlp net;
    /** The core's SGD or Adam (PyTorch's defaults), stepped with this run's learning rate. */
    private final ParameterOptimizer rule;
    private final Camoo camoo = new Camoo();
    private final Pamoo pamoo = new Pamoo();
    private final int tailStart;
    private double[] weights;
    private int steps;
    private double tailSum;
    private int tailCount;
    private boolean diverged;

    StudentRun(TeacherStudent.Task task, Optimizer optimizer, double sigma, Method method, double learningRate,
               int tailStart) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("teacher-student: learning rates must be > 0, got " + learningRate);
        }
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("teacher-student: sigma must be >= 0, got " + sigma);
        }
        this.optimizer = optimizer;
        this.sigma = sigma;
        this.method = method;
        this.learningRate = learningRate;
        this.shape = task.shape;
        this.tailStart = tailStart;
        int m = shape.objectives();
        hessians = TeacherStudent.hessianDiagonals(m, shape.outputs(), shape.alpha());
        curvature = new double[m][shape.outputs()];
        firstWithSameHessian = new int[m];
        for (int i = 0; i < m; i++) {
            for (int o = 0; o < shape.outputs(); o++) {
                curvature[i][o] = 2 * hessians[i][o]; // ∂²f_i/∂h² of (h − y)ᵀH_i(h − y)
            }
            firstWithSameHessian[i] = i;
            for (int k = 0; k < i; k++) {
                if (Arrays.equals(hessians[k], hessians[i])) {
                    firstWithSameHessian[i] = k;
                    break;
                }
            }
        }
        net = new Mlp(shape.inputs(), shape.hidden(), shape.outputs(), new java.util.Random(0));
        System.arraycopy(task.initialStudent, 0, net.p, 0, net.p.length);
        rule = optimizer == Optimizer.ADAM ? new Adam(learningRate, 0) : new Sgd(learningRate, 0);
        weights = new double[m];
        Arrays.fill(weights, 1.0 / m);
    }

    boolean diverged() {
        return diverged;
    }

    /** Mean equal-weight training loss over the steps from tailStart on (NaN before any; +∞ once diverged). */
    double trainLoss() {
        return diverged ? Double.POSITIVE_INFINITY : tailSum / tailCount;
    }

    double[] weights() {
        return weights.clone();
    }

    /** One optimiser step on the batch (nothing once diverged). */
    void step(Batch batch, Workspace ws) {
        if (diverged) {
            return;
        }
        steps++;
        int n = shape.batch();
        int m = shape.objectives();
        int out = shape.outputs();
        double[] y = net.forward(batch.x(), n, ws.act);
        double[] residual = new double[out * n];
        double[] squares = new double[out];
        for (int o = 0; o < out; o++) {
            double s = 0;
            for (int k = o * n; k < (o + 1) * n; k++) {
                double r = y[k] - batch.teacher()[k] - sigma * batch.noise()[k];
                residual[k] = r;
                s += r * r;
            }
            squares[o] = s;
        }
        double[] losses = new double[m];
        double mean = 0;
        for (int i = 0; i < m; i++) {
            double f = 0;
            for (int o = 0; o < out; o++) {
                f += hessians[i][o] * squares[o];
            }
            losses[i] = f / n;
            mean += losses[i] / m;
        }
        if (!Double.isFinite(mean)) {
            diverged = true;
            return;
        }
        if (steps >= tailStart) {
            tailSum += mean;
            tailCount++;
        }
        double[] gradient;
        if (method == Method.PAMOO) {
            // exact per-loss gradients (one backward pass per distinct H_i); the weighted gradient is their
            // combination Σ_i w_i ∇f_i (the backward pass is linear in ∂L/∂h), so no further pass is needed
            double[][] rows = new double[m][];
            for (int i = 0; i < m; i++) {
                int k = firstWithSameHessian[i];
                rows[i] = k < i ? rows[k] : net.backward(batch.x(), n, ws.act, outputGradient(residual, hessians[i]), ws.gh);
            }
            weights = pamoo.weights(WeightingInput.of(Jacobian.of(rows), losses));
            gradient = new double[net.p.length];
            for (int i = 0; i < m; i++) {
                double w = weights[i];
                double[] row = rows[i];
                for (int k = 0; k < gradient.length; k++) {
                    gradient[k] += w * row[k];
                }
            }
        } else {
            if (method == Method.CAMOO) {
                weights = camoo.weights(WeightingInput.ofLosses(losses).withCurvature(Curvature.diagonals(curvature)));
            }
            // ∂/∂h of Σ_i w_i f_i = 2 (Σ_i w_i H_i)(h − y)/B: one backward pass
            double[] combined = new double[out];
            for (int i = 0; i < m; i++) {
                for (int o = 0; o < out; o++) {
                    combined[o] += weights[i] * hessians[i][o];
                }
            }
            gradient = net.backward(batch.x(), n, ws.act, outputGradient(residual, combined), ws.gh);
        }
        update(gradient);
    }

    /** Validation MSE between student and teacher: mean over the validation points and the outputs. */
    double distance(TeacherStudent.Task task, Workspace ws) {
        if (diverged) {
            return Double.NaN;
        }
        double sum = 0;
        long count = 0;
        for (int c = 0; c < task.validationX.length; c++) {
            int n = task.validationSizes[c];
            double[] y = net.forward(task.validationX[c], n, ws.act);
            double[] t = task.validationTeacher[c];
            for (int k = 0; k < y.length; k++) {
                double r = y[k] - t[k];
                sum += r * r;
            }
            count += y.length;
        }
        return sum / count;
    }

    /** ∂/∂h of mean_s rᵀ Diag(h) r: 2 h_o r_{o,s} / B. */
    private double[] outputGradient(double[] residual, double[] diagonal) {
        int n = shape.batch();
        double[] g = new double[residual.length];
        for (int o = 0; o < diagonal.length; o++) {
            double c = 2 * diagonal[o] / n;
            for (int k = o * n; k < (o + 1) * n; k++) {
                g[k] = c * residual[k];
            }
        }
        return g;
    }

    private void update(double[] g) {
        // the step size without the finiteness check: a diverging run is detected by its loss
        rule.step(net.p, g, learningRate);
    }
}
