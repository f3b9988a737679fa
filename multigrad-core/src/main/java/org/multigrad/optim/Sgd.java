package org.multigrad.optim;

/**
 * Gradient descent with L2 weight decay and heavy-ball momentum, as {@code torch.optim.SGD}
 * (no dampening, no Nesterov): g ← g + γθ; v ← μv + g (v = g at the first step); θ ← θ − lr·v.
 * With μ = 0 it is plain θ ← θ − lr·(g + γθ) and keeps no state.
 */
public final class Sgd implements ParameterOptimizer {
    private static final long serialVersionUID = -2187088793209261078L;

    private final double learningRate;
    private final double weightDecay;
    /** Absent (0) in checkpoints written before momentum existed, which had none. */
    private final double momentum;
    private double[] velocity;

    public Sgd(double learningRate, double weightDecay) {
        this("sgd", learningRate, 0, weightDecay);
    }

    public Sgd(double learningRate, double momentum, double weightDecay) {
        this("sgd", learningRate, momentum, weightDecay);
    }

    Sgd(String method, double learningRate, double momentum, double weightDecay) {
        check(method, learningRate, weightDecay);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException(method + ": parameter 'momentum' must be in [0, 1), got " + momentum);
        }
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    static void check(String method, double learningRate, double weightDecay) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException(method + ": parameter 'lr' must be a finite number > 0, got " + learningRate);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException(method + ": parameter 'weight-decay' must be a finite number >= 0, got "
                    + weightDecay);
        }
    }

    static void checkLengths(double[] parameters, double[] gradient) {
        if (parameters.length != gradient.length) {
            throw new IllegalArgumentException("gradient has " + gradient.length + " entries, expected one per parameter ("
                    + parameters.length + ")");
        }
    }

    static void checkShapes(double[] parameters, double[] gradient) {
        checkLengths(parameters, gradient);
        for (int k = 0; k < gradient.length; k++) {
            if (!Double.isFinite(gradient[k])) {
                throw new IllegalArgumentException("gradient entry " + k + " is " + gradient[k] + "; it must be finite");
            }
        }
    }

    @Override
    public void step(double[] parameters, double[] gradient) {
        checkShapes(parameters, gradient);
        update(parameters, gradient, learningRate);
    }

    @Override
    public void step(double[] parameters, double[] gradient, double stepSize) {
        checkLengths(parameters, gradient);
        update(parameters, gradient, stepSize);
    }

    private void update(double[] parameters, double[] gradient, double stepSize) {
        if (momentum == 0) {
            for (int k = 0; k < parameters.length; k++) {
                parameters[k] -= stepSize * decayed(parameters, gradient, k);
            }
            return;
        }
        if (velocity == null || velocity.length != parameters.length) {
            velocity = new double[parameters.length];
            for (int k = 0; k < parameters.length; k++) {
                velocity[k] = decayed(parameters, gradient, k);
            }
        } else {
            for (int k = 0; k < parameters.length; k++) {
                velocity[k] = momentum * velocity[k] + decayed(parameters, gradient, k);
            }
        }
        for (int k = 0; k < parameters.length; k++) {
            parameters[k] -= stepSize * velocity[k];
        }
    }

    /** g_k + γθ_k; exactly g_k without decay, also where θ_k is no longer finite. */
    double decayed(double[] parameters, double[] gradient, int k) {
        return weightDecay == 0 ? gradient[k] : gradient[k] + weightDecay * parameters[k];
    }

    @Override
    public void reset() {
        velocity = null;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public String toString() {
        return "sgd(lr=" + learningRate + (momentum == 0 ? "" : ", momentum=" + momentum) + ", weight-decay=" + weightDecay + ")";
    }
}
