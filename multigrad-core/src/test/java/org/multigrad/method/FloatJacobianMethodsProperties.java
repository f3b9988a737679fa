package org.multigrad.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.multigrad.api.Aggregation;
import org.multigrad.api.Jacobian;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.testing.Matrices;
import org.multigrad.testing.MethodAssertions;

/**
 * Every method on float32 storage gives the direction it gives on double storage of the same
 * (float) values: the two differ only by the summation order of G and Jᵀλ (both accumulate in
 * double), so the methods see the same input up to ~1e-15 relative. The coordinate-wise methods
 * refuse float32 storage with a message that names them.
 */
class FloatJacobianMethodsProperties {
    /** Methods that read J entry by entry and require double storage. */
    private static final Set<String> COORDINATE_WISE = Set.of("graddrop", "db-mtl", "moco");
    private static final double[] ROW_SCALES = {1e-3, 1e3, 1, 1e-2, 1e2, 0.1, 10};

    @Provide
    Arbitrary<MethodSpec> methods() {
        return Arbitraries.of(MethodPropertiesTest.registeredAndComposite());
    }

    /**
     * Full row rank (rank = m ≤ n), where every method's weights are unique, so that the two
     * storages must agree; rows scaled 1e-3..1e3. The tolerance is 1e-10 of Σ_i max(|λ_i|, 1) ‖g_i‖_∞
     * (the size of the terms of d): far below float32's resolution (2⁻²⁴ ≈ 6e-8), so a kernel that
     * rounded G or d to float (rather than accumulating in double) fails here, while the methods'
     * own conditioning on these full-rank inputs stays well inside it.
     */
    @Property(tries = 300)
    void directionMatchesTheDoublePath(@ForAll("methods") MethodSpec method,
                                       @ForAll @IntRange(min = 1, max = 10) int m,
                                       @ForAll @IntRange(min = 0, max = 50) int extraColumns,
                                       @ForAll @IntRange(min = 0, max = 6) int firstScale,
                                       @ForAll long seed) {
        int n = m + extraColumns;
        double[][] source = Matrices.lowRank(m, n, m, 1, seed);
        float[] floats = new float[m * n];
        double[][] rows = new double[m][n];
        for (int i = 0; i < m; i++) {
            double scale = ROW_SCALES[(firstScale + i) % ROW_SCALES.length];
            for (int k = 0; k < n; k++) {
                floats[i * n + k] = (float) (source[i][k] * scale);
                rows[i][k] = floats[i * n + k];
            }
        }
        Map<String, Object> params = MethodAssertions.testParams(method, m);
        double[] losses = MethodAssertions.losses(m);
        Jacobian single = Jacobian.wrapFloat(m, n, floats);
        if (COORDINATE_WISE.contains(baseName(method))) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> method.create(params).aggregate(single, losses, MethodAssertions.curvature(method, rows)));
            assertTrue(refused.getMessage().contains("needs a double-precision Jacobian"), refused.getMessage());
            return;
        }
        Aggregation expected = method.create(params).aggregate(Jacobian.of(rows), losses, MethodAssertions.curvature(method, rows));
        Aggregation actual = method.create(params).aggregate(single, losses, MethodAssertions.curvature(method, rows));
        double size = 0;
        for (int i = 0; i < m; i++) {
            double largest = 0;
            for (double v : rows[i]) {
                largest = Math.max(largest, Math.abs(v));
            }
            double weight = expected.weights() != null ? Math.abs(expected.weights()[i]) : 1;
            size += Math.max(weight, 1) * largest;
        }
        for (int k = 0; k < n; k++) {
            assertEquals(expected.direction()[k], actual.direction()[k], 1e-10 * size,
                    method.name() + " on " + m + " x " + n + ": d[" + k + "] differs between float32 and double storage");
        }
    }

    /** cr-mogm(mgda) and similar wrappers inherit the refusal of the method they wrap. */
    private static String baseName(MethodSpec method) {
        String name = method.name();
        int open = name.indexOf('(');
        return open < 0 ? name : name.substring(open + 1, name.length() - 1);
    }
}
