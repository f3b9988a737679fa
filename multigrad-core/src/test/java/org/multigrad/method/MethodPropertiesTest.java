package org.multigrad.method;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.registry.MethodRegistry;
import org.multigrad.testing.Matrices;
import org.multigrad.testing.MethodAssertions;

/**
 * The property suite every registered method gets: each property runs over random Jacobians with
 * controlled shape (1 x 1 to 20 x 100), rank and duplicate rows, for the methods that claim it in
 * their {@link MethodSpec}.
 */
class MethodPropertiesTest {

    /** A random Jacobian: shape, rank, seed, and whether the last row duplicates the first. */
    record Case(int m, int n, int rank, long seed, boolean duplicate) {
        double[][] rows(double scale) {
            double[][] rows = Matrices.lowRank(m, n, rank, scale, seed);
            if (duplicate && m > 1) {
                rows[m - 1] = rows[0].clone();
            }
            return rows;
        }

        int[] permutation() {
            java.util.Random random = new java.util.Random(seed ^ 0x5DEECE66DL);
            int[] perm = new int[m];
            for (int k = 0; k < m; k++) {
                perm[k] = k;
            }
            for (int k = m - 1; k > 0; k--) {
                int swap = random.nextInt(k + 1);
                int t = perm[k];
                perm[k] = perm[swap];
                perm[swap] = t;
            }
            return perm;
        }
    }

    /** Every registered method, and every wrapper around every weighting it can wrap ({@code cr-mogm(mgda)}, ...). */
    @Provide
    Arbitrary<MethodSpec> methods() {
        return Arbitraries.of(registeredAndComposite());
    }

    static List<MethodSpec> registeredAndComposite() {
        List<MethodSpec> all = new java.util.ArrayList<>(MethodRegistry.all());
        for (org.multigrad.method.spec.WrapperSpec wrapper : org.multigrad.registry.Wrappers.all()) {
            for (MethodSpec inner : MethodRegistry.all()) {
                if (inner.isWeighting()) {
                    all.add(MethodRegistry.get(wrapper.name() + "(" + inner.name() + ")"));
                }
            }
        }
        return all;
    }

    @Provide
    Arbitrary<Case> jacobians() {
        return Arbitraries.integers().between(1, 20).flatMap(m ->
                Arbitraries.integers().between(1, 100).flatMap(n ->
                        Combinators.combine(
                                Arbitraries.integers().between(1, Math.min(m, n)),
                                Arbitraries.longs(),
                                Arbitraries.of(false, false, true))
                                .as((rank, seed, duplicate) -> new Case(m, n, rank, seed, duplicate))));
    }

    /** Full row rank (rank = m ≤ n), where the weights of every method here are unique. */
    @Provide
    Arbitrary<Case> fullRank() {
        return Arbitraries.integers().between(1, 12).flatMap(m ->
                Arbitraries.integers().between(m, 60).flatMap(n ->
                        Arbitraries.longs().map(seed -> new Case(m, n, m, seed, false))));
    }

    @Property(tries = 600)
    void finiteOutputAtEveryScale(@ForAll("methods") MethodSpec method, @ForAll("jacobians") Case jacobian,
                                  @ForAll("scales") double scale) {
        MethodAssertions.assertFiniteOutput(method, jacobian.rows(scale));
    }

    @Provide
    Arbitrary<Double> scales() {
        return Arbitraries.of(0.0, 1e-10, 1.0, 1e3, 1e10, 1e15);
    }

    @Property(tries = 400)
    void permutationInvariantWhereClaimed(@ForAll("methods") MethodSpec method, @ForAll("jacobians") Case jacobian) {
        if (method.has(org.multigrad.method.spec.Property.PERMUTATION_INVARIANT)) {
            MethodAssertions.assertPermutationInvariant(method, jacobian.rows(1), jacobian.permutation());
        }
    }

    @Property(tries = 400)
    void nonConflictingWhereClaimed(@ForAll("methods") MethodSpec method, @ForAll("jacobians") Case jacobian) {
        if (method.has(org.multigrad.method.spec.Property.NON_CONFLICTING)) {
            double[][] rows = jacobian.rows(1);
            MethodAssertions.assertNonConflicting(method, MethodAssertions.testParams(method, rows.length), rows);
        }
    }

    @Property(tries = 200)
    void cagradIsNonConflictingForCAtLeastOne(@ForAll("jacobians") Case jacobian,
                                              @ForAll("largeC") double c) {
        MethodAssertions.assertNonConflicting(MethodRegistry.get("cagrad"), Map.of("c", c), jacobian.rows(1));
    }

    @Provide
    Arbitrary<Double> largeC() {
        return Arbitraries.of(1.0, 1.5, 2.0, 10.0);
    }

    @Property(tries = 400)
    void simplexWeightsWhereClaimed(@ForAll("methods") MethodSpec method, @ForAll("jacobians") Case jacobian) {
        if (method.has(org.multigrad.method.spec.Property.SIMPLEX_WEIGHTS)) {
            MethodAssertions.assertSimplexWeights(method, jacobian.rows(1));
        }
    }

    @Property(tries = 300)
    void scaleInvariantWeightsWhereClaimed(@ForAll("methods") MethodSpec method, @ForAll("fullRank") Case jacobian,
                                           @ForAll("factors") double factor) {
        if (method.has(org.multigrad.method.spec.Property.SCALE_INVARIANT_WEIGHTS)) {
            MethodAssertions.assertScaleInvariantWeights(method, jacobian.rows(1), factor);
        }
    }

    @Provide
    Arbitrary<Double> factors() {
        return Arbitraries.of(1e-6, 0.5, 3.0, 1e8);
    }

    @Property(tries = 200)
    void deterministicWhereClaimed(@ForAll("methods") MethodSpec method, @ForAll("jacobians") Case jacobian) {
        if (method.has(org.multigrad.method.spec.Property.DETERMINISTIC)) {
            MethodAssertions.assertDeterministic(method, jacobian.rows(1));
        }
    }

    /** Guards the suite itself: composites are part of it. */
    @net.jqwik.api.Example
    void theSuiteCoversCompositeMethods() {
        List<String> names = registeredAndComposite().stream().map(MethodSpec::name).toList();
        org.junit.jupiter.api.Assertions.assertTrue(names.contains("cr-mogm(mgda)") && names.contains("periodic(nash-mtl)"), names.toString());
    }

    /** Guards the suite itself: the registry must hold at least the foundation's methods. */
    @net.jqwik.api.Example
    void registryHoldsTheFoundationMethods() {
        List<String> names = MethodRegistry.all().stream().map(MethodSpec::name).toList();
        for (String expected : List.of("mean", "sum", "constant", "rlw", "mgda", "pcgrad", "imtl-g", "cagrad")) {
            org.junit.jupiter.api.Assertions.assertTrue(names.contains(expected), expected + " is not registered");
        }
    }
}
