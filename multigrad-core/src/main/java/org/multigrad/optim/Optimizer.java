package org.multigrad.optim;

/**
 * Turns a direction d (the sign of a gradient) and a step size into an in-place update of x.
 * Stateful optimizers (momentum, Adam) restore their initial state in {@link #reset()}.
 */
public interface Optimizer {
    /** x ← x − (the optimizer's step built from d and lr). */
    void step(double[] x, double[] direction, double lr);

    void reset();

    /** Plain SGD (momentum 0). */
    static Optimizer sgd() {
        return new Sgd(0);
    }

    /** SGD with heavy-ball momentum as PyTorch: v ← μv + d, x ← x − lr·v. */
    static Optimizer sgd(double momentum) {
        return new Sgd(momentum);
    }

    /** Adam with PyTorch's defaults β = (0.9, 0.999), ε = 1e-8. */
    static Optimizer adam() {
        return new Adam(0.9, 0.999, 1e-8);
    }

    /** SGD with momentum (PyTorch convention, no dampening). */
    final class Sgd implements Optimizer {
        private final double momentum;
        private double[] velocity;

        public Sgd(double momentum) {
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("sgd: momentum must be in [0, 1), got " + momentum);
            }
            this.momentum = momentum;
        }

        @Override
        public void step(double[] x, double[] direction, double lr) {
            if (momentum == 0) {
                for (int j = 0; j < x.length; j++) {
                    x[j] -= lr * direction[j];
                }
                return;
            }
            if (velocity == null) {
                velocity = direction.clone();
            } else {
                for (int j = 0; j < x.length; j++) {
                    velocity[j] = momentum * velocity[j] + direction[j];
                }
            }
            for (int j = 0; j < x.length; j++) {
                x[j] -= lr * velocity[j];
            }
        }

        @Override
        public void reset() {
            velocity = null;
        }
    }

    /** Adam (Kingma and Ba 2015) with bias correction, as torch.optim.Adam. */
    final class Adam implements Optimizer {
        private final double beta1;
        private final double beta2;
        private final double epsilon;
        private double[] first;
        private double[] second;
        private long step;

        public Adam(double beta1, double beta2, double epsilon) {
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
                throw new IllegalArgumentException("adam: need 0 <= beta1, beta2 < 1 and epsilon > 0, got "
                        + beta1 + ", " + beta2 + ", " + epsilon);
            }
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.epsilon = epsilon;
        }

        @Override
        public void step(double[] x, double[] direction, double lr) {
            if (first == null) {
                first = new double[x.length];
                second = new double[x.length];
            }
            step++;
            double correction1 = 1 - Math.pow(beta1, step);
            double correction2 = 1 - Math.pow(beta2, step);
            for (int j = 0; j < x.length; j++) {
                first[j] = beta1 * first[j] + (1 - beta1) * direction[j];
                second[j] = beta2 * second[j] + (1 - beta2) * direction[j] * direction[j];
                double denominator = Math.sqrt(second[j] / correction2) + epsilon;
                x[j] -= lr * (first[j] / correction1) / denominator;
            }
        }

        @Override
        public void reset() {
            first = null;
            second = null;
            step = 0;
        }
    }
}
