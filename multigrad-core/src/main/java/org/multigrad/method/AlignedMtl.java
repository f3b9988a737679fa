package org.multigrad.method;

import java.util.Arrays;
import java.util.List;
import org.multigrad.api.Gramian;
import org.multigrad.api.Weighting;
import org.multigrad.api.WeightingInput;
import org.multigrad.method.spec.MethodOptions;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.method.spec.MethodSpec.Input;
import org.multigrad.method.spec.ParamSpec;
import org.multigrad.method.spec.Property;
import org.multigrad.solve.SymmetricEigen;

/**
 * Aligned-MTL, independent component alignment (Senushkin et al., CVPR 2023, Algorithm 1): replace
 * the gradients by the balanced rows of BJ, whose Gramian BGB = σ·V_rV_rᵀ makes them orthogonal
 * components of equal norm √σ, then combine them with a preference vector w.
 * On the Gramian G = VΛVᵀ (eigenvalues λ_1 ≥ ... ≥ λ_r above the rank tolerance):
 *
 * <pre>  B = √σ · V_r diag(1/√λ_k) V_rᵀ,   λ = B·w,   d = Jᵀλ</pre>
 *
 * with σ = λ_r ({@code scale=min}, default, the paper and all reference codes), the median of the
 * kept eigenvalues ({@code median}; the lower median for an even count, as torch.median) or their
 * mean ({@code rmse}, named so in TorchJD after the original implementation).
 *
 * <p>Rank tolerance: λ_k is kept when λ_k > max(λ)·m·ε with ε = 2⁻²³ ≈ 1.19e-7, the value of
 * {@code torch.finfo().eps} (the default float32 type) used by LibMTL and TorchJD even for double
 * Gramians; with the double ε, eigenvalues that are zero up to rounding would be kept and inverted.
 * Rank 0 (all gradients zero) gives B = I, so λ = w and d = 0.
 *
 * <p>{@code convention}: torchjd (default, w = 1/m) or libmtl (w = 1, so λ is m times larger).
 * Golden values for J = [[-4,1,1],[6,1,1]]: λ = [0.5591, 0.4083] (torchjd), [1.1181, 0.8165] (libmtl).
 *
 * <p>Properties: permutation-invariant, scale-invariant weights (B depends on G only through
 * ratios of eigenvalues), deterministic. Not non-conflicting: J·d = √σ G^{1/2} w can have negative
 * entries.
 */
public final class AlignedMtl implements Weighting {
    private static final long serialVersionUID = 8125244981419792733L;

    public static final ParamSpec<String> SCALE = ParamSpec.choice("scale", "min", List.of("min", "median", "rmse"),
            "sigma: smallest kept eigenvalue, their median, or their mean");
    public static final ParamSpec<String> CONVENTION =
            ParamSpec.choice("convention", "torchjd", List.of("torchjd", "libmtl"),
                    "preference vector: 1/m (torchjd) or all ones (libmtl)");

    public static final MethodSpec SPEC = MethodSpec.weighting("aligned-mtl",
                    params -> new AlignedMtl(Scale.parse(params.get(SCALE)),
                            params.get(CONVENTION).equals("libmtl")))
            .summary("align gradients to orthogonal, equal-norm components, then weight by a preference")
            .reference("Senushkin et al., CVPR 2023 (Independent Component Alignment), Algorithm 1")
            .inputs(Input.GRAMIAN)
            .cost("Gramian O(m^2 n) + eigen-decomposition O(m^3)")
            .properties(Property.PERMUTATION_INVARIANT, Property.SCALE_INVARIANT_WEIGHTS, Property.DETERMINISTIC)
            .param(SCALE)
            .param(CONVENTION)
            .build();

    /** Typed options, e.g. {@code AlignedMtl.options().build()}; defaults and ranges are {@link #SPEC}'s. */
    public static Builder options() {
        return new Builder();
    }

    /** Options of {@code aligned-mtl}: one setter per parameter of {@link #SPEC}. */
    public static final class Builder extends MethodOptions<AlignedMtl, Builder> {
        private Builder() {
            super(SPEC, AlignedMtl.class);
        }

        /** Sets {@link #SCALE}. */
        public Builder scale(Scale value) {
            return set(SCALE, value.label);
        }

        /** Sets {@link #CONVENTION}. */
        public Builder convention(String value) {
            return set(CONVENTION, value);
        }
    }

    /** Rank tolerance factor: float32 machine epsilon, 2^-23 (see class comment). */
    static final double EPSILON = 0x1p-23;

    /** How σ is chosen from the kept eigenvalues. */
    public enum Scale {
        MIN("min"), MEDIAN("median"), RMSE("rmse");

        private final String label;

        Scale(String label) {
            this.label = label;
        }

        public static Scale parse(String label) {
            for (Scale value : values()) {
                if (value.label.equals(label)) {
                    return value;
                }
            }
            throw new IllegalArgumentException("aligned-mtl: parameter scale must be one of min, median, rmse; got '"
                    + label + "'");
        }
    }

    private final Scale scale;
    private final boolean onesPreference;

    public AlignedMtl(Scale scale, boolean onesPreference) {
        this.scale = scale;
        this.onesPreference = onesPreference;
    }

    @Override
    public double[] weights(WeightingInput input) {
        Gramian gramian = input.gramian();
        int m = gramian.size();
        double[] preference = new double[m];
        Arrays.fill(preference, onesPreference ? 1.0 : 1.0 / m);
        SymmetricEigen eigen = SymmetricEigen.of(gramian);
        double[] values = eigen.values();
        double tolerance = values[0] * m * EPSILON;
        int rank = 0;
        while (rank < m && values[rank] > tolerance && values[rank] > 0) {
            rank++;
        }
        if (rank == 0) {
            return preference;
        }
        double sigma = sigma(Arrays.copyOf(values, rank));
        double[] weights = new double[m];
        for (int k = 0; k < rank; k++) {
            double[] v = eigen.vector(k);
            double projection = 0;
            for (int i = 0; i < m; i++) {
                projection += v[i] * preference[i];
            }
            // √(σ/λ_k) ≤ 1 for scale=min: computing the ratio first avoids overflow at any scale
            projection *= Math.sqrt(sigma / values[k]);
            for (int i = 0; i < m; i++) {
                weights[i] += projection * v[i];
            }
        }
        return weights;
    }

    private double sigma(double[] kept) {
        switch (scale) {
            case MIN:
                return kept[kept.length - 1];
            case MEDIAN: {
                double[] sorted = kept.clone();
                Arrays.sort(sorted);
                return sorted[(sorted.length - 1) / 2];
            }
            default: {
                double sum = 0;
                for (double value : kept) {
                    sum += value;
                }
                return sum / kept.length;
            }
        }
    }

    @Override
    public String toString() {
        return "aligned-mtl(scale=" + scale.label + ", convention=" + (onesPreference ? "libmtl" : "torchjd") + ")";
    }
}
