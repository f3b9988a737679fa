package org.multigrad.djl.moblo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The DJL problem's gradients against central differences, and which entries they touch. */
class HyperCleaningProblemTest {
    @Test
    void gradientsMatchCentralDifferencesAndTouchOnlyTheBatch() {
        try (HyperCleaningProblem problem = tinyProblem(0)) {
            assertEquals(784 * 512 + 512 + 512 * 256 + 256 + 2 * (256 * 10 + 10), problem.lowerDimension());
            assertEquals(120, problem.upperDimension());
            problem.nextBatch(4);
            double[] alpha = problem.initialUpper();
            for (int s = 0; s < alpha.length; s++) {
                alpha[s] = 0.1 * (s % 7) - 0.3;
            }
            double[] omega = problem.initialLower();
            double[] gradAlpha = new double[alpha.length];
            double[] gradOmega = new double[omega.length];
            problem.lowerGradient(alpha, omega, gradAlpha, gradOmega);
            int nonzero = 0;
            for (double value : gradAlpha) {
                nonzero += value != 0 ? 1 : 0;
            }
            assertEquals(40, nonzero, "one batch of 20 per dataset");
            double h = 1e-2;
            for (int s = 0; s < alpha.length; s += 13) {
                double[] plus = alpha.clone();
                double[] minus = alpha.clone();
                plus[s] += h;
                minus[s] -= h;
                double difference = (problem.lower(plus, omega) - problem.lower(minus, omega)) / (2 * h);
                assertEquals(difference, gradAlpha[s], 2e-4, "alpha " + s);
            }
            int lastBias = omega.length - 1;
            for (int s : new int[] {lastBias, lastBias - 5, 784 * 512 + 3}) {
                double[] plus = omega.clone();
                double[] minus = omega.clone();
                plus[s] += h;
                minus[s] -= h;
                double difference = (problem.lower(alpha, plus) - problem.lower(alpha, minus)) / (2 * h);
                assertEquals(difference, gradOmega[s], 2e-3 + 1e-2 * Math.abs(difference), "omega " + s);
            }
            double[] upperAlpha = new double[alpha.length];
            double[] upperOmega = new double[omega.length];
            problem.upperGradient(0, alpha, omega, upperAlpha, upperOmega);
            for (double value : upperAlpha) {
                assertEquals(0, value);
            }
            assertEquals(0, upperOmega[lastBias], "F_1 does not depend on the second head");
            assertTrue(upperOmega[lastBias - 2570] != 0, "F_1 depends on its own head");
        }
    }

    /**
     * ∇²f·v by double backward against central differences of ∇f along v, with v on the two heads
     * only: moving the heads flips no ReLU, so ∇f is smooth along v (along a trunk direction the
     * differences see ReLU kinks and do not converge), and symmetry uᵀ(Hv) = vᵀ(Hu) over the whole ω.
     */
    @Test
    void hessianVectorProductsMatchDifferencesOfGradients() {
        try (HyperCleaningProblem problem = tinyProblem(0)) {
            problem.nextBatch(3);
            double[] alpha = problem.initialUpper();
            for (int s = 0; s < alpha.length; s++) {
                alpha[s] = 0.2 * (s % 5) - 0.4;
            }
            double[] omega = problem.initialLower();
            int p = omega.length;
            int heads = 2 * (256 * 10 + 10);
            java.util.Random random = new java.util.Random(7);
            double[] v = new double[p];
            for (int s = p - heads; s < p; s++) {
                v[s] = random.nextGaussian();
            }
            double[] autograd = new double[p];
            problem.lowerGradient(alpha, omega, null, autograd);
            double[] explicit = problem.explicitGradientValues(alpha, omega);
            for (int s = 0; s < p; s++) {
                assertEquals(autograd[s], explicit[s], 1e-6 + 1e-4 * Math.abs(autograd[s]), "gradient entry " + s);
            }
            double[] hOmega = new double[p];
            double[] hAlpha = new double[alpha.length];
            problem.lowerHessianVector(alpha, omega, v, hOmega, hAlpha);
            double h = 1e-2;
            double[] plus = omega.clone();
            double[] minus = omega.clone();
            for (int s = 0; s < p; s++) {
                plus[s] += h * v[s];
                minus[s] -= h * v[s];
            }
            double[] gradPlus = new double[p];
            double[] gradMinus = new double[p];
            double[] alphaPlus = new double[alpha.length];
            double[] alphaMinus = new double[alpha.length];
            problem.lowerGradient(alpha, plus, alphaPlus, gradPlus);
            problem.lowerGradient(alpha, minus, alphaMinus, gradMinus);
            double norm = 0;
            double error = 0;
            double trunk = 0;
            for (int s = 0; s < p; s++) {
                double difference = (gradPlus[s] - gradMinus[s]) / (2 * h);
                norm += difference * difference;
                error += (difference - hOmega[s]) * (difference - hOmega[s]);
                trunk += s < p - heads ? hOmega[s] * hOmega[s] : 0;
            }
            assertTrue(trunk > 0, "the heads' curvature reaches the trunk");
            assertTrue(Math.sqrt(error / norm) < 1e-2, "relative error of the omega block " + Math.sqrt(error / norm));
            int touched = 0;
            for (int s = 0; s < alpha.length; s++) {
                double difference = (alphaPlus[s] - alphaMinus[s]) / (2 * h);
                assertEquals(difference, hAlpha[s], 1e-4 + 1e-2 * Math.abs(difference), "alpha " + s);
                touched += hAlpha[s] != 0 ? 1 : 0;
            }
            assertEquals(40, touched, "the alpha block lives on the batch");

            double[] u = new double[p];
            double[] w = new double[p];
            for (int s = 0; s < p; s++) {
                u[s] = random.nextGaussian();
                w[s] = random.nextGaussian();
            }
            double[] hu = new double[p];
            double[] hw = new double[p];
            problem.lowerHessianVector(alpha, omega, u, hu, null);
            problem.lowerHessianVector(alpha, omega, w, hw, null);
            double wHu = 0;
            double uHw = 0;
            for (int s = 0; s < p; s++) {
                wHu += w[s] * hu[s];
                uHw += u[s] * hw[s];
            }
            assertEquals(wHu, uHw, 1e-3 * Math.abs(wHu), "symmetric");
            double[] again = new double[p];
            problem.lowerHessianVector(alpha, omega, u, again, null);
            org.junit.jupiter.api.Assertions.assertArrayEquals(hu, again, "a second product leaves no residue");
        }
    }

    /**
     * MOML's hypergradients on the DJL problem leave no native memory behind: after 30 iterations
     * (the Java heap grows to its working size meanwhile), 40 more (T = 3, two datasets: 240
     * Hessian-vector products) grow the resident set, less any growth of the committed Java heap, by
     * less than 64 MB. With the products by create_graph into the leaves' gradients it grew 1 GB per
     * 180 products (the parameter–gradient reference cycle).
     */
    @Test
    void momlIterationsKeepResidentMemoryFlat() throws Exception {
        try (HyperCleaningProblem problem = tinyProblem(0)) {
            org.multigrad.bilevel.Moml moml = new org.multigrad.bilevel.Moml(problem,
                    new org.multigrad.bilevel.Moml.Settings(3, 0.3, 10, true, false));
            for (int k = 0; k < 30; k++) {
                moml.step();
            }
            long before = nativeKilobytes();
            org.multigrad.bilevel.BilevelIterate last = null;
            for (int k = 0; k < 40; k++) {
                last = moml.step();
            }
            long grown = nativeKilobytes() - before;
            assertTrue(grown < 64 * 1024, "resident set less Java heap grew by " + grown + " kB over 40 iterations");
            assertEquals(70, last.iteration());
            for (double value : last.alpha()) {
                assertTrue(Double.isFinite(value));
            }
        }
    }

    /** VmRSS less the committed Java heap, in kB. */
    /**
     * Two 60/40/20/20-image MNIST sets (noise 0.5, seeds 1 and 2), batches of 20, the thesis's trunk
     * with {@code extraLayers} more 512-wide layers.
     */
    private static HyperCleaningProblem tinyProblem(int extraLayers) {
        HyperCleaningData.Sizes sizes = new HyperCleaningData.Sizes(60, 40, 20, 20);
        List<HyperCleaningData.Splits> sets = List.of(HyperCleaningData.load("mnist", null, sizes, 0.5, 1),
                HyperCleaningData.load("mnist", null, sizes, 0.5, 2));
        return new HyperCleaningProblem(sets, 20, 1, HyperCleaningProblem.widthsWithExtraLayers(extraLayers));
    }

    /** The explicit ∇_ω f (MOML's route to Hessian-vector products) follows a deeper trunk: two more layers, against autograd. */
    @Test
    void explicitGradientMatchesAutogradWithExtraLayers() {
        try (HyperCleaningProblem problem = tinyProblem(2)) {
            problem.nextBatch(2);
            double[] alpha = problem.initialUpper();
            for (int s = 0; s < alpha.length; s++) {
                alpha[s] = 0.1 * (s % 7) - 0.3;
            }
            double[] omega = problem.initialLower();
            assertEquals(535_818 + 2 * (512 * 512 + 512) + 2570, omega.length, "784-512-512-512-256 with two heads");
            double[] autograd = new double[omega.length];
            problem.lowerGradient(alpha, omega, null, autograd);
            double[] explicit = problem.explicitGradientValues(alpha, omega);
            for (int s = 0; s < omega.length; s++) {
                assertEquals(autograd[s], explicit[s], 1e-6 + 1e-4 * Math.abs(autograd[s]), "gradient entry " + s);
            }
        }
    }

    private static long nativeKilobytes() throws java.io.IOException {
        long heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1024;
        return residentKilobytes() - heap;
    }

    private static long residentKilobytes() throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
