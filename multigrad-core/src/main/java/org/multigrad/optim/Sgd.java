package org.multigrad.optim;

/** Plain gradient descent with L2 weight decay: θ ← θ − lr·(g + γθ). Stateless. */
public final class Sgd implements ParameterOptimizer {
    private static final long serialVersionUID = -2187088793209261078L;

    private final double learningRate;
    private final double weightDecay;

    public Sgd(double learningRate, double weightDecay) {
        this("sgd", learningRate, weightDecay);
    }

    Sgd(String method, double learningRate, double weightDecay) {
        check(method, learningRate, weightDecay);
        this.learningRate = learningRate;
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

    static void checkShapes(double[] parameters, double[] gradient) {
        if (parameters.length != gradient.length) {
            throw new IllegalArgumentException("gradient has " + gradient.length + " entries, expected one per parameter ("
                    + parameters.length + ")");
        }
        for (int k = 0; k < gradient.length; k++) {
            if (!Double.isFinite(gradient[k])) {
                throw new IllegalArgumentException("gradient entry " + k + " is " + gradient[k] + "; it must be finite");
            }
        }
    }

    @Override
    public void step(double[] parameters, double[] gradient) {
        checkShapes(parameters, gradient);
        for (int k = 0; k < parameters.length; k++) {
            parameters[k] -= learningRate * (gradient[k] + weightDecay * parameters[k]);
        }
    }

    @Override
    public void reset() {
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public String toString() {
        return "sgd(lr=" + learningRate + ", weight-decay=" + weightDecay + ")";
    }
}
