package org.multigrad.bilevel;

import java.util.SplittableRandom;

/**
 * Multi-task data hyper-cleaning (Ye's thesis, Sec. 3.7.1) with a linear softmax model, exact in
 * plain Java: m datasets with noisy training labels and clean validation sets, one weight matrix W
 * (classes x features) shared by all, per-sample weights σ(α_ij):
 *
 * <pre>
 *   f(α, W)   = Σ_i (1/N_i) Σ_j σ(α_ij) ℓ(W; x_ij, y_ij) + (r/2)‖W‖²       (lower level: train)
 *   F_i(α, W) = (1/N'_i) Σ_j ℓ(W; x'_ij, y'_ij)                            (upper level: validation)
 * </pre>
 *
 * with ℓ the cross-entropy of softmax(Wx). The ridge r > 0 makes the lower level strongly convex (one
 * minimiser per α, the thesis's LLS condition). Derivatives: ∇_W ℓ = (p − e_y)xᵀ;
 * ∇²_WW ℓ · V = ((diag p − ppᵀ)Vx)xᵀ; ∂_{α_ij}⟨∇_W f, V⟩ = σ'(α_ij)/N_i · (p − e_y)ᵀVx. α₀ = 0
 * (every weight ½), W₀ = 0. The thesis's experiment uses an MLP on MNIST/Fashion-MNIST (in
 * multigrad-djl); this problem tests the drivers' derivatives exactly.
 */
public final class HyperCleaningLinear implements BilevelProblem {
    private final int classes;
    private final int features;
    private final double ridge;
    private final double[][][] trainX;
    private final int[][] trainY;
    private final double[][][] valX;
    private final int[][] valY;
    private final boolean[][] corrupted;
    private final int[] offsets;
    private final int samples;

    /**
     * @param trainX    per dataset, its training inputs (N_i x features)
     * @param trainY    their (noisy) labels in 0..classes−1
     * @param valX      per dataset, clean validation inputs
     * @param valY      their labels
     * @param corrupted per training sample, whether its label was changed (for reports; may be null)
     */
    public HyperCleaningLinear(int classes, double ridge, double[][][] trainX, int[][] trainY, double[][][] valX,
                               int[][] valY, boolean[][] corrupted) {
        if (trainX.length == 0 || trainX.length != trainY.length || valX.length != trainX.length
                || valY.length != trainX.length) {
            throw new IllegalArgumentException("hyper-cleaning: give training and validation sets for the same m >= 1"
                    + " datasets, got " + trainX.length + " training and " + valX.length + " validation sets");
        }
        if (!(ridge > 0)) {
            throw new IllegalArgumentException("hyper-cleaning: ridge must be > 0 (a strongly convex lower level), got "
                    + ridge);
        }
        this.classes = classes;
        this.features = trainX[0][0].length;
        this.ridge = ridge;
        this.trainX = trainX;
        this.trainY = trainY;
        this.valX = valX;
        this.valY = valY;
        this.corrupted = corrupted;
        this.offsets = new int[trainX.length + 1];
        for (int i = 0; i < trainX.length; i++) {
            requireSet(trainX[i], trainY[i], "training", i);
            requireSet(valX[i], valY[i], "validation", i);
            offsets[i + 1] = offsets[i] + trainX[i].length;
        }
        this.samples = offsets[trainX.length];
    }

    /**
     * Gaussian classes (means drawn once, unit noise) in {@code features} dimensions; a fraction
     * {@code noise} ∈ [0, 1) of each training set gets another random class.
     */
    public static HyperCleaningLinear synthetic(int datasets, int classes, int features, int trainPerSet, int valPerSet,
                                                double noise, long seed) {
        if (!(noise >= 0 && noise < 1)) {
            throw new IllegalArgumentException("hyper-cleaning: noise must be in [0, 1), got " + noise);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] means = new double[classes][features];
        for (double[] mean : means) {
            for (int s = 0; s < features; s++) {
                mean[s] = 2 * random.nextGaussian();
            }
        }
        double[][][] trainX = new double[datasets][][];
        int[][] trainY = new int[datasets][];
        double[][][] valX = new double[datasets][][];
        int[][] valY = new int[datasets][];
        boolean[][] corrupted = new boolean[datasets][trainPerSet];
        for (int i = 0; i < datasets; i++) {
            trainY[i] = new int[trainPerSet];
            trainX[i] = draw(means, trainPerSet, trainY[i], random);
            for (int j = 0; j < trainPerSet; j++) {
                if (j < noise * trainPerSet) {
                    trainY[i][j] = (trainY[i][j] + 1 + random.nextInt(classes - 1)) % classes;
                    corrupted[i][j] = true;
                }
            }
            valY[i] = new int[valPerSet];
            valX[i] = draw(means, valPerSet, valY[i], random);
        }
        return new HyperCleaningLinear(classes, 1e-3, trainX, trainY, valX, valY, corrupted);
    }

    private static double[][] draw(double[][] means, int count, int[] labels, SplittableRandom random) {
        double[][] x = new double[count][means[0].length];
        for (int j = 0; j < count; j++) {
            labels[j] = random.nextInt(means.length);
            for (int s = 0; s < x[j].length; s++) {
                x[j][s] = means[labels[j]][s] + random.nextGaussian();
            }
        }
        return x;
    }

    private void requireSet(double[][] x, int[] y, String kind, int dataset) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("hyper-cleaning: " + kind + " set " + (dataset + 1) + " has " + x.length
                    + " inputs and " + y.length + " labels");
        }
        for (int j = 0; j < x.length; j++) {
            if (x[j].length != features) {
                throw new IllegalArgumentException("hyper-cleaning: " + kind + " set " + (dataset + 1) + " input " + j
                        + " has " + x[j].length + " features, expected " + features);
            }
            if (y[j] < 0 || y[j] >= classes) {
                throw new IllegalArgumentException("hyper-cleaning: " + kind + " set " + (dataset + 1) + " label " + j
                        + " is " + y[j] + ", expected 0.." + (classes - 1));
            }
        }
    }

    @Override
    public String name() {
        return "hyper-cleaning-linear";
    }

    @Override
    public int upperDimension() {
        return samples;
    }

    @Override
    public int lowerDimension() {
        return classes * features;
    }

    @Override
    public int objectives() {
        return trainX.length;
    }

    /** Whether training sample j of dataset i (α index offset_i + j) had its label changed. */
    public boolean corrupted(int dataset, int sample) {
        return corrupted != null && corrupted[dataset][sample];
    }

    /** The index in α of training sample j of dataset i. */
    public int upperIndex(int dataset, int sample) {
        return offsets[dataset] + sample;
    }

    @Override
    public double lower(double[] alpha, double[] omega) {
        double value = 0;
        double[] p = new double[classes];
        for (int i = 0; i < trainX.length; i++) {
            double sum = 0;
            for (int j = 0; j < trainX[i].length; j++) {
                sum += sigmoid(alpha[offsets[i] + j]) * loss(omega, trainX[i][j], trainY[i][j], p);
            }
            value += sum / trainX[i].length;
        }
        double norm = 0;
        for (double w : omega) {
            norm += w * w;
        }
        return value + 0.5 * ridge * norm;
    }

    @Override
    public void lowerGradient(double[] alpha, double[] omega, double[] gradAlpha, double[] gradOmega) {
        double[] p = new double[classes];
        if (gradOmega != null) {
            for (int s = 0; s < gradOmega.length; s++) {
                gradOmega[s] = ridge * omega[s];
            }
        }
        for (int i = 0; i < trainX.length; i++) {
            int count = trainX[i].length;
            for (int j = 0; j < count; j++) {
                double a = alpha[offsets[i] + j];
                double loss = loss(omega, trainX[i][j], trainY[i][j], p);
                if (gradAlpha != null) {
                    gradAlpha[offsets[i] + j] = sigmoidSlope(a) * loss / count;
                }
                if (gradOmega != null) {
                    addOuter(gradOmega, p, trainY[i][j], trainX[i][j], sigmoid(a) / count);
                }
            }
        }
    }

    @Override
    public double upper(int objective, double[] alpha, double[] omega) {
        double[] p = new double[classes];
        double sum = 0;
        for (int j = 0; j < valX[objective].length; j++) {
            sum += loss(omega, valX[objective][j], valY[objective][j], p);
        }
        return sum / valX[objective].length;
    }

    @Override
    public void upperGradient(int objective, double[] alpha, double[] omega, double[] gradAlpha, double[] gradOmega) {
        if (gradAlpha != null) {
            java.util.Arrays.fill(gradAlpha, 0);
        }
        if (gradOmega != null) {
            java.util.Arrays.fill(gradOmega, 0);
            double[] p = new double[classes];
            int count = valX[objective].length;
            for (int j = 0; j < count; j++) {
                loss(omega, valX[objective][j], valY[objective][j], p);
                addOuter(gradOmega, p, valY[objective][j], valX[objective][j], 1.0 / count);
            }
        }
    }

    @Override
    public void lowerHessianVector(double[] alpha, double[] omega, double[] v, double[] hOmega, double[] hAlpha) {
        double[] p = new double[classes];
        double[] vx = new double[classes];
        double[] curvature = new double[classes];
        for (int s = 0; s < hOmega.length; s++) {
            hOmega[s] = ridge * v[s];
        }
        for (int i = 0; i < trainX.length; i++) {
            int count = trainX[i].length;
            for (int j = 0; j < count; j++) {
                double[] x = trainX[i][j];
                int y = trainY[i][j];
                double a = alpha[offsets[i] + j];
                loss(omega, x, y, p);
                double pvx = 0;
                double residual = 0;
                for (int k = 0; k < classes; k++) {
                    double sum = 0;
                    for (int s = 0; s < features; s++) {
                        sum += v[k * features + s] * x[s];
                    }
                    vx[k] = sum;
                    pvx += p[k] * sum;
                    residual += (p[k] - (k == y ? 1 : 0)) * sum;
                }
                for (int k = 0; k < classes; k++) {
                    curvature[k] = p[k] * (vx[k] - pvx);
                }
                double weight = sigmoid(a) / count;
                for (int k = 0; k < classes; k++) {
                    for (int s = 0; s < features; s++) {
                        hOmega[k * features + s] += weight * curvature[k] * x[s];
                    }
                }
                hAlpha[offsets[i] + j] = sigmoidSlope(a) / count * residual;
            }
        }
    }

    @Override
    public double[] initialUpper() {
        return new double[samples];
    }

    @Override
    public double[] initialLower() {
        return new double[classes * features];
    }

    /** Cross-entropy of softmax(Wx) at label y; leaves the probabilities in p. */
    private double loss(double[] omega, double[] x, int y, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            double logit = 0;
            for (int s = 0; s < features; s++) {
                logit += omega[k * features + s] * x[s];
            }
            p[k] = logit;
            max = Math.max(max, logit);
        }
        double total = 0;
        for (int k = 0; k < classes; k++) {
            p[k] = Math.exp(p[k] - max);
            total += p[k];
        }
        double logit = 0;
        for (int k = 0; k < classes; k++) {
            p[k] /= total;
        }
        for (int s = 0; s < features; s++) {
            logit += omega[y * features + s] * x[s];
        }
        return Math.log(total) + max - logit;
    }

    /** g += scale (p − e_y) xᵀ. */
    private void addOuter(double[] g, double[] p, int y, double[] x, double scale) {
        for (int k = 0; k < classes; k++) {
            double coefficient = scale * (p[k] - (k == y ? 1 : 0));
            for (int s = 0; s < features; s++) {
                g[k * features + s] += coefficient * x[s];
            }
        }
    }

    private static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    private static double sigmoidSlope(double a) {
        double s = sigmoid(a);
        return s * (1 - s);
    }
}
