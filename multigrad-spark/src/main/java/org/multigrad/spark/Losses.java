package org.multigrad.spark;

/** Numerically stable pieces of the logistic losses. */
final class Losses {
    private Losses() {
    }

    /** log(1 + e^z) without overflow: max(z, 0) + log1p(e^{−|z|}). */
    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** σ(z) = 1 / (1 + e^{−z}), evaluated on the side where the exponential cannot overflow. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
