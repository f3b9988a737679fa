package org.multigrad.optim;

/**
 * Adam (Kingma and Ba, ICLR 2015) with PyTorch's {@code torch.optim.Adam} semantics, so that methods
 * ported from PyTorch (FAMO's logits, UW's log-variances) take the same steps:
 * g ← g + γθ (L2 weight decay added to the gradient, not decoupled as in AdamW);
 * m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; θ ← θ − lr·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε),
 * with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (PyTorch's defaults).
 */
public final class Adam implements ParameterOptimizer {
    private static final long serialVersionUID = 6844038751858008373L;

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final double learningRate;
    private final double weightDecay;
    private double[] firstMoment;
    private double[] secondMoment;
    private int steps;

    public Adam(double learningRate, double weightDecay) {
        this("adam", learningRate, weightDecay);
    }

    Adam(String method, double learningRate, double weightDecay) {
        Sgd.check(method, learningRate, weightDecay);
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
    }

    @Override
    public void step(double[] parameters, double[] gradient) {
        Sgd.checkShapes(parameters, gradient);
        update(parameters, gradient, learningRate);
    }

    @Override
    public void step(double[] parameters, double[] gradient, double stepSize) {
        Sgd.checkLengths(parameters, gradient);
        update(parameters, gradient, stepSize);
    }

    private void update(double[] parameters, double[] gradient, double stepSize) {
        if (firstMoment == null || firstMoment.length != parameters.length) {
            firstMoment = new double[parameters.length];
            secondMoment = new double[parameters.length];
            steps = 0;
        }
        steps++;
        double firstCorrection = 1 - Math.pow(BETA1, steps);
        double secondCorrection = 1 - Math.pow(BETA2, steps);
        for (int k = 0; k < parameters.length; k++) {
            double g = weightDecay == 0 ? gradient[k] : gradient[k] + weightDecay * parameters[k];
            firstMoment[k] = BETA1 * firstMoment[k] + (1 - BETA1) * g;
            secondMoment[k] = BETA2 * secondMoment[k] + (1 - BETA2) * g * g;
            double denominator = Math.sqrt(secondMoment[k] / secondCorrection) + EPSILON;
            parameters[k] -= stepSize * (firstMoment[k] / firstCorrection) / denominator;
        }
    }

    @Override
    public void reset() {
        firstMoment = null;
        secondMoment = null;
        steps = 0;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    /** Steps taken since construction or the last reset. */
    public int steps() {
        return steps;
    }

    @Override
    public String toString() {
        return "adam(lr=" + learningRate + ", weight-decay=" + weightDecay + ")";
    }
}
