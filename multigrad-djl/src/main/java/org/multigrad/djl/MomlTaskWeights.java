package org.multigrad.djl;

import org.multigrad.api.Jacobian;
import org.multigrad.bilevel.BilevelSolvers;
import org.multigrad.method.spec.Params;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.registry.MethodRegistry;

/**
 * MOML as a task weighting (Ye's thesis, Alg. 1, with T = 1 as in its multi-task experiments),
 * per step on a training batch and a validation batch, α = softmax(θ):
 *
 * <pre>
 *   ω₁ = ω − η Σ_i α_i ∇L_i^tr(ω)                                   (one unrolled SGD step)
 *   ∇_θ F_j = −η J_softmaxᵀ [⟨∇L_i^tr(ω), ∇L_j^val(ω₁)⟩]_i           (exact for T = 1: ω does not depend on θ)
 *   γ = MGDA's min-norm weights of the m hypergradients (optionally l2-normalised first)
 *   θ ← Adam(θ, Σ_j γ_j ∇_θ F_j),  then ω ← the training optimizer with Σ_i α'_i ∇L_i^tr(ω), α' = softmax(θ_new)
 * </pre>
 *
 * T = 1 needs no Hessian-vector product (the products ⟨∇L_i^tr, ∇L_j^val⟩ come from one Gramian
 * of the stacked gradients); it is LibMTL's first-order MOML formula. The lower-level step uses the
 * updated weights, as the MOML code does.
 */
final class MomlTaskWeights extends TaskWeightLearner {
    private final DjlJacobianSource trainSource;
    private final DjlJacobianSource validationSource;
    private final float innerLr;
    private final boolean normalize;
    /** MGDA's min-norm weighting, as registered. */
    private final Weighting mgda = MethodRegistry.get("mgda").createWeighting(java.util.Map.of());

    MomlTaskWeights(MultiTaskModel model, CheckpointableOptimizer optimizer, Params params, JacobianPrecision precision) {
        super(model, optimizer, params);
        this.trainSource = new DjlJacobianSource(model, JacobianMode.PARAMETERS, precision);
        this.validationSource = new DjlJacobianSource(model, JacobianMode.PARAMETERS, precision);
        this.innerLr = (float) (double) params.get(INNER_LR);
        this.normalize = params.get(BilevelSolvers.NORMALIZE);
    }

    /**
     * ∇_θ F_j = −η J_softmaxᵀ [⟨∇L_i^tr, ∇L_j^val⟩]_i for j = 1..m (rows), from {@code products},
     * the Gramian of the stacked shared rows (training first), and the head terms; l2-normalised
     * when {@code normalize} (a zero hypergradient stays zero).
     */
    static double[][] hypergradients(double[] products, TaskGradients train, TaskGradients validation, double[] alpha,
                                      double innerLr, boolean normalize) {
        int m = alpha.length;
        double[][] hypergradients = new double[m][];
        double[] cross = new double[m];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                cross[i] = products[(m + j) * (2 * m) + i] + (i == j ? train.headProduct(i, validation) : 0);
            }
            hypergradients[j] = throughSoftmax(alpha, cross);
            double norm = 0;
            for (int i = 0; i < m; i++) {
                hypergradients[j][i] *= -innerLr;
                norm += hypergradients[j][i] * hypergradients[j][i];
            }
            if (normalize && norm > 0) {
                for (int i = 0; i < m; i++) {
                    hypergradients[j][i] /= Math.sqrt(norm);
                }
            }
        }
        return hypergradients;
    }

    @Override
    public MultiTaskStepper.Result step(float[] trainInputs, int trainBatch, int[][] trainTargets,
                                        float[] validationInputs, int validationBatch, int[][] validationTargets) {
        int m = model.tasks();
        TaskGradients train = TaskGradients.of(trainSource, trainInputs, trainBatch, trainTargets);
        requireFinite(train);
        double[] alpha = weights();

        long start = System.nanoTime();
        ParameterSnapshot snapshot = ParameterSnapshot.of(model.allParameters());
        TaskGradients validation;
        try {
            TaskGradients.install(model, new double[][] {alpha}, train);
            ParameterSnapshot.sgdStep(model.allParameters(), innerLr);
            validation = TaskGradients.of(validationSource, validationInputs, validationBatch, validationTargets);
        } finally {
            snapshot.restore();
        }
        requireFinite(validation);
        long lookAheadNanos = System.nanoTime() - start;

        start = System.nanoTime();
        double[] products = TaskGradients.stack(train.shared(), validation.shared()).gramian().data();
        long gramianNanos = System.nanoTime() - start;

        start = System.nanoTime();
        double[][] hypergradients = hypergradients(products, train, validation, alpha, innerLr, normalize);
        Jacobian rows = Jacobian.of(hypergradients);
        double[] gamma = mgda.weights(WeightingInput.of(rows.gramian(), null));
        double[] logitGradient = new double[m];
        rows.combine(gamma, logitGradient);
        long solveNanos = System.nanoTime() - start + lookAheadNanos;

        start = System.nanoTime();
        weightOptimizer.step(logits, logitGradient);
        double[] updated = weights();
        TaskGradients.install(model, new double[][] {updated}, train);
        long combineNanos = System.nanoTime() - start;
        start = System.nanoTime();
        update.step();
        long optimizerNanos = System.nanoTime() - start;
        return new MultiTaskStepper.Result(train.losses(), updated, new StepTimes(
                validation.forwardNanos() + train.forwardNanos(), validation.backwardNanos() + train.backwardNanos(),
                gramianNanos, solveNanos, combineNanos, optimizerNanos, 0));
    }
}
