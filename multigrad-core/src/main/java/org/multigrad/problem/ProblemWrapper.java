package org.multigrad.problem;

import java.util.List;

/** Delegates everything but sampling to the wrapped problem. */
abstract class ProblemWrapper implements Problem {
    final Problem inner;

    ProblemWrapper(Problem inner) {
        if (inner == null) {
            throw new IllegalArgumentException("wrapped problem is null");
        }
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public int dimension() {
        return inner.dimension();
    }

    @Override
    public int objectives() {
        return inner.objectives();
    }

    @Override
    public void evaluate(double[] x, double[] values, double[] jacobian) {
        inner.evaluate(x, values, jacobian);
    }

    @Override
    public boolean isStochastic() {
        return true;
    }

    @Override
    public double[] lowerBounds() {
        return inner.lowerBounds();
    }

    @Override
    public double[] upperBounds() {
        return inner.upperBounds();
    }

    @Override
    public void project(double[] x) {
        inner.project(x);
    }

    @Override
    public List<double[]> startPoints() {
        return inner.startPoints();
    }

    @Override
    public boolean hasParetoSet() {
        return inner.hasParetoSet();
    }

    @Override
    public double distanceToParetoSet(double[] x) {
        return inner.distanceToParetoSet(x);
    }

    @Override
    public double[][] paretoSetSample(int points) {
        return inner.paretoSetSample(points);
    }

    @Override
    public double[][] paretoFront(int points) {
        return inner.paretoFront(points);
    }
}
