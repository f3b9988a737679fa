package org.multigrad.method;

import java.util.Arrays;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Aggregator;
import org.multigrad.api.Jacobian;
import org.multigrad.method.spec.MethodOptions;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.Property;

/**
 * GradDrop, gradient sign dropout (Chen et al., NeurIPS 2020, Algorithm 1): per coordinate k,
 * the sign purity P_k = ½(1 + Σ_i J_ik / Σ_i |J_ik|) is compared with U_k ~ Uniform(0, 1); if
 * P_k > U_k only the positive entries of column k are kept, otherwise only the negative ones:
 *
 * <pre>  M_ik = [P_k > U_k]·[J_ik > 0] + [P_k &lt; U_k]·[J_ik &lt; 0],   d_k = Σ_i (ℓ + (1 − ℓ) M_ik) J_ik</pre>
 *
 * with leak ℓ ∈ [0, 1] (default 0, as LibMTL; ℓ = 1 is the sum). This is the form on the
 * Jacobian of the shared parameters (TorchJD GradDrop). The paper applies it to the gradient with
 * respect to a shared activation, multiplied by the sign of the activation and summed over the
 * batch; an engine that supplies that Jacobian gets exactly that variant. A column of zeros gives
 * d_k = 0 (P_k is undefined there and every term vanishes anyway).
 *
 * <p>It needs coordinates, so it is an {@link Aggregator} with no weights (Aggregation.weights()
 * is null). Cost: one pass over J in column blocks of {@value #BLOCK}, with O(block) scratch and
 * no m x n allocation. U_k is drawn from the seeded generator in coordinate order, one per
 * coordinate per call, so results are reproducible and independent of the blocking.
 *
 * <p>Parameters: {@code leak}, {@code seed}; reset() restarts the generator. Properties:
 * permutation-invariant (for the same generator state: P_k and U_k do not depend on the row
 * order), stateful (the generator). Not non-conflicting.
 */
public final class GradDrop implements Aggregator {
    private static final long serialVersionUID = 3422883213127807436L;

    public static final ParamSpec<Double> LEAK =
            ParamSpec.real("leak", 0, 0, 1, "fraction of every gradient that passes the mask unchanged");
    public static final ParamSpec<Long> SEED = ParamSpec.seed(0);

    public static final MethodSpec SPEC = MethodSpec.aggregator("graddrop",
                    params -> new GradDrop(params.get(LEAK), params.get(SEED)))
            .summary("per coordinate, randomly keep only the positive or only the negative gradient entries")
            .reference("Chen et al., NeurIPS 2020 (Gradient Sign Dropout), Algorithm 1")
            .inputs(Input.JACOBIAN)
            .state("seeded generator")
            .cost("one pass over J, O(mn), n uniform draws; no Gramian")
            .properties(Property.PERMUTATION_INVARIANT, Property.STATEFUL)
            .notes("random (seeded generator): permutation invariance compares equal generator states;"
                    + " no weights (coordinate-wise)")
            .param(LEAK)
            .param(SEED)
            .build();

    /** Typed options, e.g. {@code GradDrop.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code graddrop}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<GradDrop, Builder> {
        private Builder() {
            super(SPEC, GradDrop.class);
        }

        /** Sets {@link #LEAK}. */
        public Builder leak(double value) {
            return set(LEAK, value);
        }

        /** Sets {@link #SEED}. */
        public Builder seed(long value) {
            return set(SEED, value);
        }
    }

    static final int BLOCK = 1024;

    private final double leak;
    private final long seed;
    private SeededRandom random;

    public GradDrop(double leak, long seed) {
        if (!(leak >= 0 && leak <= 1)) {
            throw new IllegalArgumentException("graddrop: parameter leak must be in [0, 1], got " + leak);
        }
        this.leak = leak;
        this.seed = seed;
        this.random = new SeededRandom(seed);
    }

    @Override
    public Aggregation aggregate(Jacobian jacobian, double[] losses) {
        int m = jacobian.objectives();
        int n = jacobian.parameters();
        jacobian.requireDoubleStorage(SPEC.name());
        double[] data = jacobian.data();
        double[] direction = new double[n];
        int width = Math.min(BLOCK, n);
        double[] sum = new double[width];
        double[] absSum = new double[width];
        // +1: keep the positive entries of the column, −1: the negative ones, 0: neither (P = U)
        int[] keptSign = new int[width];
        for (int start = 0; start < n; start += width) {
            int end = Math.min(n, start + width);
            Arrays.fill(sum, 0);
            Arrays.fill(absSum, 0);
            for (int i = 0; i < m; i++) {
                int row = i * n;
                for (int k = start; k < end; k++) {
                    double value = data[row + k];
                    sum[k - start] += value;
                    absSum[k - start] += Math.abs(value);
                }
            }
            for (int k = start; k < end; k++) {
                double total = absSum[k - start];
                if (!Double.isFinite(total)) {
                    jacobian.requireFinite();
                    throw new IllegalArgumentException("graddrop: column " + k + " of the Jacobian overflows the double"
                            + " range when summed; rescale the objectives");
                }
                double purity = total == 0 ? 0.5 : 0.5 * (1 + sum[k - start] / total);
                double u = random.nextDouble();
                // P = U has probability zero; the paper's strict inequalities then drop both signs
                keptSign[k - start] = purity > u ? 1 : purity < u ? -1 : 0;
            }
            for (int i = 0; i < m; i++) {
                int row = i * n;
                for (int k = start; k < end; k++) {
                    double value = data[row + k];
                    boolean kept = keptSign[k - start] * value > 0;
                    direction[k] += kept ? value : leak * value;
                }
            }
        }
        return new Aggregation(direction, null);
    }

    @Override
    public void reset() {
        random = new SeededRandom(seed);
    }

    @Override
    public String toString() {
        return "graddrop(leak=" + leak + ", seed=" + seed + ")";
    }
}
