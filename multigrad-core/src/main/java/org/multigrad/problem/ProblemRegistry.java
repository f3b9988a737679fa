package org.multigrad.problem;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.multigrad.api.Catalogue;

/**
 * Every test problem by stable kebab-case name, gradient problems and the black-box-only ASMG
 * problems in one {@link Catalogue}; each lookup returns a fresh instance.
 *
 * <p>Sizes: the gradient problems have the fixed size of their papers. The ASMG problems
 * ({@code asmg-*}, thesis eqs. 4.21-4.23) are defined for every dimension d ≥ 1; they are built at
 * {@link #SCALABLE_DIMENSION} unless {@link #get(String, int)} names another d, which the
 * fixed-size problems ignore.
 */
public final class ProblemRegistry {
    /** d of the ASMG problems when none is given: d = 100, as in the thesis's Figs. 4.1-4.3 (Sec. 4.6.1). */
    public static final int SCALABLE_DIMENSION = 100;

    private static final Catalogue<IntFunction<MultiObjectiveProblem>> PROBLEMS =
            Catalogue.<IntFunction<MultiObjectiveProblem>>builder("problem")
                    .add("crmogm-stochastic", "CR-MOGM eq. (4): two stochastic quadratics, Pareto set [-1, 1] x {0}",
                            d -> new CrMogmStochastic())
                    .add("crmogm-finite-sum", "finite-sum version of CR-MOGM eq. (4), 64 samples, for mini-batches",
                            d -> new CrMogmFiniteSum())
                    .add("cagrad-toy", "the two-objective toy of CAGrad / Nash-MTL / FAMO, n = 2", d -> new CaGradToy())
                    .add("vlmop2", "VLMOP2, n = 2, x in [-2, 2]^n, Pareto set a diagonal segment", d -> new Vlmop2())
                    .add("zdt1", "ZDT1, n = 30, x in [0, 1]^n, convex front", d -> new Zdt(Zdt.Variant.ZDT1))
                    .add("zdt2", "ZDT2, n = 30, x in [0, 1]^n, concave front", d -> new Zdt(Zdt.Variant.ZDT2))
                    .add("zdt3", "ZDT3, n = 30, x in [0, 1]^n, disconnected front", d -> new Zdt(Zdt.Variant.ZDT3))
                    .add("bk1", "BK1, n = 2, x in [-5, 10]^2, Pareto set the segment (0, 0)-(5, 5)", d -> new Bk1())
                    .add("dgo1", "DGO1, n = 1, x in [-10, 13], Pareto set four intervals", d -> new Dgo1())
                    .add("lov1", "Lov1, n = 2, x in [0, 3]^2, two convex quadratics", d -> new Lov1())
                    .add("mop5", "MOP5 (Viennet), n = 2, m = 3, Pareto set unknown", d -> new Mop5())
                    .add("amoo-specification", "AMOO specification example: two aligned quadratics, n = 2",
                            d -> AmooQuadratic.specification())
                    .add("amoo-selection", "AMOO selection example: ten aligned quadratics, n = 10",
                            d -> AmooQuadratic.selection())
                    .add("amoo-curvature", "AMOO local-curvature example (ICML 2025, Fig. 1), n = 2",
                            d -> new AmooCurvature())
                    .add("asmg-l1-ellipsoid", "shift l1-ellipsoid (4.21), no gradients; Pareto set [-0.01, 0.01]^d",
                            AsmgL1Ellipsoid::new)
                    .add("asmg-lhalf-ellipsoid",
                            "shift l1/2-ellipsoid (4.22), no gradients; distance to the corners {-0.1, 0.1}^d",
                            AsmgLHalfEllipsoid::new)
                    .add("asmg-ellipsoid-rastrigin",
                            "mixed ellipsoid-rastrigin 10 (4.23), no gradients; Pareto set {0}", AsmgEllipsoidRastrigin::new)
                    .build();

    private ProblemRegistry() {
    }

    /** The catalogue itself (names in order, summaries). */
    public static Catalogue<IntFunction<MultiObjectiveProblem>> catalogue() {
        return PROBLEMS;
    }

    /** All names, in catalogue order. */
    public static List<String> names() {
        return PROBLEMS.names();
    }

    /** The names of the problems (at their default size) that pass {@code filter}, in catalogue order. */
    public static List<String> names(Predicate<MultiObjectiveProblem> filter) {
        return PROBLEMS.names().stream().filter(name -> filter.test(get(name))).toList();
    }

    /** The one-line summary of that problem. */
    public static String summary(String name) {
        return PROBLEMS.summary(name);
    }

    /** A fresh problem of that name at its default size. */
    public static MultiObjectiveProblem get(String name) {
        return get(name, SCALABLE_DIMENSION);
    }

    /** A fresh problem of that name; an ASMG problem in dimension d ≥ 1, the others at their fixed size. */
    public static MultiObjectiveProblem get(String name, int dimension) {
        return PROBLEMS.get(name).apply(dimension);
    }

    /** A fresh gradient problem of that name, or an error when the named problem has no gradients. */
    public static Problem gradient(String name) {
        MultiObjectiveProblem problem = get(name);
        if (problem instanceof Problem withGradients) {
            return withGradients;
        }
        throw new IllegalArgumentException("problem " + problem.name() + " has no gradients (a black-box problem);"
                + " run it with a black-box method (multigrad blackbox)");
    }
}
