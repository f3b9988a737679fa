package org.multigrad.djl;

import java.io.Serializable;
import org.multigrad.api.Gramian;
import org.multigrad.api.Jacobian;
import org.multigrad.bilevel.BilevelSolvers;
import org.multigrad.bilevel.ForumDirection;
import org.multigrad.method.spec.Params;

/**
 * FORUM as a task weighting (Ye's thesis, Alg. 2 in the multi-task form of §3.7.2), per step k on
 * a training batch and a validation batch, with z = (θ, ω), α = softmax(θ):
 *
 * <pre>
 *   ω̃⁰ = ω_k,  ω̃^{t+1} = ω̃^t − η ∇_ω f(α, ω̃^t)  for t &lt; T     (SGD on the training batch; ω_k restored after)
 *   ∇_θ q̃ = J_softmaxᵀ (L^tr(ω_k) − L^tr(ω̃^T)),   ∇_ω q̃ = Σ_i α_i ∇L_i^tr(ω_k)
 *   ∇_z F_i = (0, ∇L_i^val(ω_k))
 *   (λ̃, v) from the Gramian of (∇F_1, …, ∇F_m, ∇q̃)                  (3.26)–(3.30), {@link ForumDirection}
 *   ω: the training optimizer with gradient Σ_i λ̃_i ∇L_i^val(ω_k) + v ∇_ω q̃
 *   θ: Adam with gradient v ∇_θ q̃
 * </pre>
 *
 * The thesis feeds −d_k to Adam on both blocks rather than stepping z + μd; here ω's optimizer is
 * the run's (--optimizer, --lr). The inner loop reuses the step's training batch, so that q̃ compares
 * the same losses before and after it. Reported times: the inner loop is the method's solve time.
 */
final class ForumTaskWeights extends TaskWeightLearner {
    private final DjlJacobianSource validationSource;
    private final DjlJacobianSource trainSource;
    private final DjlJacobianSource innerSource;
    private final ForumDirection direction;
    private final int innerSteps;
    private final float innerLr;

    ForumTaskWeights(MultiTaskModel model, CheckpointableOptimizer optimizer, Params params, JacobianPrecision precision) {
        super(model, optimizer, params);
        this.validationSource = new DjlJacobianSource(model, JacobianMode.PARAMETERS, precision);
        this.trainSource = new DjlJacobianSource(model, JacobianMode.PARAMETERS, precision);
        this.innerSource = new DjlJacobianSource(model, JacobianMode.PARAMETERS, precision);
        double power = params.get(BilevelSolvers.MOMENTUM_POWER);
        this.direction = new ForumDirection(model.tasks(), params.get(RHO), k -> Math.pow(k + 1, -power));
        this.innerSteps = params.get(FORUM_INNER_STEPS);
        this.innerLr = (float) (double) params.get(INNER_LR);
    }

    @Override
    public MultiTaskStepper.Result step(float[] trainInputs, int trainBatch, int[][] trainTargets,
                                        float[] validationInputs, int validationBatch, int[][] validationTargets) {
        int m = model.tasks();
        TaskGradients validation = TaskGradients.of(validationSource, validationInputs, validationBatch, validationTargets);
        requireFinite(validation);
        TaskGradients train = TaskGradients.of(trainSource, trainInputs, trainBatch, trainTargets);
        requireFinite(train);
        double[] alpha = weights();

        long start = System.nanoTime();
        ParameterSnapshot snapshot = ParameterSnapshot.of(model.allParameters());
        double[] after;
        try {
            for (int t = 0; t < innerSteps; t++) {
                TaskGradients inner = TaskGradients.of(innerSource, trainInputs, trainBatch, trainTargets);
                TaskGradients.install(model, new double[][] {alpha}, inner);
                ParameterSnapshot.sgdStep(model.allParameters(), innerLr);
            }
            after = TaskGradients.of(innerSource, trainInputs, trainBatch, trainTargets).losses();
            DjlJacobianSource.zeroGradients(model.allParameters());
        } finally {
            snapshot.restore();
        }
        double[] decrease = new double[m];
        for (int i = 0; i < m; i++) {
            decrease[i] = train.losses()[i] - after[i];
        }
        double[] constraintLogits = throughSoftmax(alpha, decrease);
        long innerNanos = System.nanoTime() - start;

        start = System.nanoTime();
        Gramian gramian = gramian(validation, train, alpha, constraintLogits);
        long gramianNanos = System.nanoTime() - start;
        start = System.nanoTime();
        ForumDirection.Step step = direction.next(gramian);
        long solveNanos = System.nanoTime() - start + innerNanos;

        start = System.nanoTime();
        double v = step.v();
        double[] constraintWeights = new double[m];
        for (int i = 0; i < m; i++) {
            constraintWeights[i] = v * alpha[i];
        }
        TaskGradients.install(model, new double[][] {step.smoothedLambda(), constraintWeights}, validation, train);
        long combineNanos = System.nanoTime() - start;
        start = System.nanoTime();
        update.step();
        double[] logitGradient = new double[m];
        for (int i = 0; i < m; i++) {
            logitGradient[i] = v * constraintLogits[i];
        }
        weightOptimizer.step(logits, logitGradient);
        long optimizerNanos = System.nanoTime() - start;
        return new MultiTaskStepper.Result(train.losses(), alpha, new StepTimes(
                validation.forwardNanos() + train.forwardNanos(), validation.backwardNanos() + train.backwardNanos(),
                gramianNanos, solveNanos, combineNanos, optimizerNanos, 0));
    }

    /**
     * Γ of (∇F_1, …, ∇F_m, ∇q̃) over z = (θ, shared, heads): the shared block from one Gramian of
     * the validation rows and Jᵀα of the training rows, plus the head terms and ‖∇_θ q̃‖².
     */
    static Gramian gramian(TaskGradients validation, TaskGradients train, double[] alpha, double[] constraintLogits) {
        int m = alpha.length;
        Jacobian trainShared = train.shared();
        double[] combined = new double[trainShared.parameters()];
        trainShared.combine(alpha, combined);
        Jacobian stacked = TaskGradients.stack(validation.shared(), Jacobian.wrap(1, combined.length, combined));
        double[] shared = stacked.gramian().data();
        double[][] g = new double[m + 1][m + 1];
        for (int i = 0; i <= m; i++) {
            for (int j = 0; j <= m; j++) {
                g[i][j] = shared[i * (m + 1) + j];
            }
        }
        double constraintNorm = 0;
        for (int i = 0; i < m; i++) {
            g[i][i] += validation.headProduct(i, validation);
            double cross = alpha[i] * validation.headProduct(i, train);
            g[i][m] += cross;
            g[m][i] += cross;
            constraintNorm += alpha[i] * alpha[i] * train.headProduct(i, train) + constraintLogits[i] * constraintLogits[i];
        }
        g[m][m] += constraintNorm;
        return Gramian.of(g);
    }

    private record DirectionState(int iteration, double[] smoothedLambda) implements Serializable {
    }

    @Override
    protected Serializable ownState() {
        return new DirectionState(direction.iteration(), direction.smoothedLambda());
    }

    @Override
    protected void restoreOwnState(Serializable own) {
        DirectionState state = (DirectionState) own;
        direction.restore(state.iteration(), state.smoothedLambda());
    }
}
