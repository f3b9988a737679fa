package org.multigrad.djl.amoo;

import java.util.Random;
import org.multigrad.jacobian.Jacobian;
import org.multigrad.weighting.Camoo;
import org.multigrad.weighting.Curvature;
import org.multigrad.weighting.Pamoo;
import org.multigrad.weighting.WeightingInput;

/**
 * The AMOO workshop neural experiment (seed 001 section 4 and appendix C, specs/amoo.md 4.1): m quadratic losses
 * f_i = mean_batch (h(x) - y)^T H_i (h(x) - y) of a 2-layer ReLU student against a random teacher of the same shape,
 * H_1 = I and H_i = alpha I + (1 - alpha) A for i > 1 with A = e_1 e_1^T (spec 4.1), y = teacher(x) + N(0, sigma^2 I).
 *
 * <p>The network is small (10-256-10), so forward and backward passes are written out in plain Java (exact gradients,
 * one backward per loss for the per-loss Jacobian PAMOO needs). CAMOO's curvature is taken in the OUTPUT space, as the
 * official notebook does: the Hessian of f_i with respect to the network output is exactly 2 H_i, given to
 * {@link Camoo} as Hessian diagonals. The metric is the validation MSE between student and teacher outputs
 * (mean over held-out points and output dimensions).
 */
public final class TeacherStudent {
    public enum Method { EW, CAMOO, PAMOO }
    public enum Optimizer { SGD, ADAM }

    public record Config(int inputs, int hidden, int outputs, int objectives, double alpha, double sigma,
                         Optimizer optimizer, double learningRate, int batch, int steps, int validation, long seed) {
        public static Config paper(double sigma, Optimizer optimizer, int steps, long seed) {
            return new Config(10, 256, 10, 10, 1e-4, sigma, optimizer, 1e-3, 1024, steps, 10240, seed);
        }
    }

    public record Result(double initialDistance, double finalDistance, double initialLoss, double finalLoss,
                         double[] lastWeights) { }

    /** A 2-layer ReLU MLP: out = W2 relu(W1 x + b1) + b2, parameters flattened as [W1, b1, W2, b2]. */
    static final class Mlp {
        final int in, hid, out;
        final double[] p;

        Mlp(int in, int hid, int out, Random rng) {
            this.in = in; this.hid = hid; this.out = out;
            p = new double[hid * in + hid + out * hid + out];
            double s1 = 1 / Math.sqrt(in), s2 = 1 / Math.sqrt(hid); // PyTorch default uniform(-1/sqrt(fan_in), ..)
            int k = 0;
            for (int i = 0; i < hid * in + hid; i++) p[k++] = (2 * rng.nextDouble() - 1) * s1;
            for (int i = 0; i < out * hid + out; i++) p[k++] = (2 * rng.nextDouble() - 1) * s2;
        }

        int b1() { return hid * in; }
        int w2() { return hid * in + hid; }
        int b2() { return hid * in + hid + out * hid; }

        /** Forward for n points (row-major x n x in); fills hidden activations (n x hid) and returns outputs. */
        double[] forward(double[] x, int n, double[] act) {
            double[] y = new double[n * out];
            for (int s = 0; s < n; s++) {
                for (int h = 0; h < hid; h++) {
                    double z = p[b1() + h];
                    int row = h * in;
                    for (int j = 0; j < in; j++) z += p[row + j] * x[s * in + j];
                    act[s * hid + h] = z > 0 ? z : 0;
                }
                for (int o = 0; o < out; o++) {
                    double z = p[b2() + o];
                    int row = w2() + o * hid;
                    for (int h = 0; h < hid; h++) z += p[row + h] * act[s * hid + h];
                    y[s * out + o] = z;
                }
            }
            return y;
        }

        /** Gradient of sum_s g[s]^T out(x_s) w.r.t. the parameters. */
        double[] backward(double[] x, int n, double[] act, double[] g) {
            double[] grad = new double[p.length];
            double[] gh = new double[hid];
            for (int s = 0; s < n; s++) {
                java.util.Arrays.fill(gh, 0);
                for (int o = 0; o < out; o++) {
                    double go = g[s * out + o];
                    if (go == 0) continue;
                    grad[b2() + o] += go;
                    int row = w2() + o * hid;
                    for (int h = 0; h < hid; h++) {
                        grad[row + h] += go * act[s * hid + h];
                        gh[h] += go * p[row + h];
                    }
                }
                for (int h = 0; h < hid; h++) {
                    if (act[s * hid + h] <= 0) continue;
                    double gz = gh[h];
                    grad[b1() + h] += gz;
                    int row = h * in;
                    for (int j = 0; j < in; j++) grad[row + j] += gz * x[s * in + j];
                }
            }
            return grad;
        }
    }

    private TeacherStudent() { }

    /** diag(H_i): H_1 = I, H_i = alpha I + (1 - alpha) e_1 e_1^T for i > 1. */
    public static double[][] hessianDiagonals(int m, int outputs, double alpha) {
        double[][] d = new double[m][outputs];
        for (int i = 0; i < m; i++) {
            for (int o = 0; o < outputs; o++) d[i][o] = i == 0 ? 1 : alpha + (o == 0 ? 1 - alpha : 0);
        }
        return d;
    }

    public static Result run(Config c, Method method) {
        Random rng = new Random(c.seed());
        Mlp teacher = new Mlp(c.inputs(), c.hidden(), c.outputs(), rng);
        Mlp student = new Mlp(c.inputs(), c.hidden(), c.outputs(), rng);
        double[] xv = gaussian(rng, c.validation() * c.inputs(), 1);
        double[] actV = new double[c.validation() * c.hidden()];
        double[] tv = teacher.forward(xv, c.validation(), actV);
        double[][] hd = hessianDiagonals(c.objectives(), c.outputs(), c.alpha());
        int m = c.objectives(), B = c.batch(), out = c.outputs();
        Camoo camoo = new Camoo();
        Pamoo pamoo = new Pamoo();
        // Output-space curvature: d^2 f_i / d out^2 = 2 H_i (per point; the batch mean keeps it), constant in theta.
        double[][] curv = new double[m][out];
        for (int i = 0; i < m; i++) for (int o = 0; o < out; o++) curv[i][o] = 2 * hd[i][o];
        double[] mom1 = new double[student.p.length], mom2 = new double[student.p.length];
        double initialDistance = distance(student, xv, tv, c.validation(), actV);
        double initialLoss = Double.NaN, lastLoss = Double.NaN;
        double[] w = new double[m];
        java.util.Arrays.fill(w, 1.0 / m);
        Random data = new Random(c.seed() * 31 + 7);
        double[] act = new double[B * c.hidden()];
        for (int step = 1; step <= c.steps(); step++) {
            double[] x = gaussian(data, B * c.inputs(), 1);
            double[] t = teacher.forward(x, B, new double[B * c.hidden()]);
            for (int k = 0; k < t.length; k++) t[k] += c.sigma() * data.nextGaussian();
            double[] y = student.forward(x, B, act);
            double[] losses = new double[m];
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int k = 0; k < y.length; k++) { double r = y[k] - t[k]; s += hd[i][k % out] * r * r; }
                losses[i] = s / B;
            }
            double ew = 0;
            for (double l : losses) ew += l / m;
            if (step == 1) initialLoss = ew;
            lastLoss = ew;
            double scale = 1;
            switch (method) {
                case EW -> java.util.Arrays.fill(w, 1.0 / m);
                case CAMOO -> w = camoo.weights(WeightingInput.ofLosses(losses)
                        .withCurvature(Curvature.diagonals(curv)));
                case PAMOO -> {
                    double[][] rows = new double[m][];
                    for (int i = 0; i < m; i++) rows[i] = student.backward(x, B, act, outputGradient(y, t, hd[i], B));
                    w = pamoo.weights(WeightingInput.of(Jacobian.of(rows), losses));
                    // PAMOO's weights carry the (Polyak) step size; the optimiser's learning rate multiplies it.
                    scale = 1;
                }
            }
            double[] combined = new double[out];
            for (int i = 0; i < m; i++) for (int o = 0; o < out; o++) combined[o] += w[i] * hd[i][o];
            double[] grad = student.backward(x, B, act, outputGradient(y, t, combined, B));
            update(student.p, grad, scale, c, step, mom1, mom2);
        }
        return new Result(initialDistance, distance(student, xv, tv, c.validation(), actV), initialLoss, lastLoss, w);
    }

    /** d/d out of mean_s r^T diag(h) r = 2 diag(h) r / B. */
    private static double[] outputGradient(double[] y, double[] t, double[] h, int B) {
        double[] g = new double[y.length];
        for (int k = 0; k < y.length; k++) g[k] = 2 * h[k % h.length] * (y[k] - t[k]) / B;
        return g;
    }

    private static void update(double[] p, double[] g, double scale, Config c, int step, double[] m1, double[] m2) {
        double lr = c.learningRate() * scale;
        if (c.optimizer() == Optimizer.SGD) {
            for (int k = 0; k < p.length; k++) p[k] -= lr * g[k];
            return;
        }
        double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        double c1 = 1 - Math.pow(b1, step), c2 = 1 - Math.pow(b2, step);
        for (int k = 0; k < p.length; k++) {
            m1[k] = b1 * m1[k] + (1 - b1) * g[k];
            m2[k] = b2 * m2[k] + (1 - b2) * g[k] * g[k];
            p[k] -= lr * (m1[k] / c1) / (Math.sqrt(m2[k] / c2) + eps);
        }
    }

    private static double distance(Mlp s, double[] x, double[] t, int n, double[] act) {
        double[] y = s.forward(x, n, act);
        double d = 0;
        for (int k = 0; k < y.length; k++) { double r = y[k] - t[k]; d += r * r; }
        return d / y.length;
    }

    private static double[] gaussian(Random rng, int n, double sd) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) v[k] = sd * rng.nextGaussian();
        return v;
    }

    /** Runs the grid: args = steps seeds; prints {@link #table}. */
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        System.out.print(table(steps, seeds));
    }

    /**
     * The workshop grid (SGD and Adam, σ ∈ {1, 0.1, 0.001}) as a Markdown table of the final
     * validation distance to the teacher, mean over seeds 0..seeds−1, for EW, CAMOO and PAMOO.
     */
    public static String table(int steps, int seeds) {
        if (steps < 1 || seeds < 1) {
            throw new IllegalArgumentException("teacher-student needs steps >= 1 and seeds >= 1, got " + steps + " and " + seeds);
        }
        double[] sigmas = {1, 0.1, 0.001};
        StringBuilder table = new StringBuilder("| optimizer | sigma | EW | CAMOO | PAMOO |\n|---|---|---|---|---|\n");
        for (Optimizer opt : Optimizer.values()) {
            for (double sigma : sigmas) {
                table.append("| ").append(opt).append(" | ").append(sigma).append(" |");
                for (Method method : Method.values()) {
                    double sum = 0;
                    for (int s = 0; s < seeds; s++) {
                        sum += run(Config.paper(sigma, opt, steps, s), method).finalDistance();
                    }
                    table.append(String.format(java.util.Locale.ROOT, " %.4g |", sum / seeds));
                }
                table.append('\n');
            }
        }
        return table.toString();
    }
}
