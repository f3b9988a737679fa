/**
 * MultiGrad core: multi-objective gradient methods on plain Java arrays, with no engine dependency.
 * A training step gives the m task gradients as a Jacobian J (m x n); a method turns them into one
 * direction d = Jᵀλ with weights λ read from the Gramian G = J·Jᵀ, and reports λ.
 *
 * <p>Exported: the API, the methods and their declarations, the registry, the problems, metrics,
 * optimizers, descent, bi-level and black-box drivers, the learned optimizer (ML2O/GML2O), and the experiment services. Internal: the
 * numerical kernels ({@code kernel}) and the small solvers ({@code solve}), which no exported
 * signature exposes, so they can change without notice.
 *
 * <p>The explicit-SIMD Gramian kernel uses the incubating Vector API; it is optional at run time
 * ({@code requires static}): without {@code --add-modules jdk.incubator.vector}, or with
 * {@code -Dmultigrad.simd=false}, the scalar kernel runs and gives the same result up to rounding.
 * EJML and Hipparchus have no module descriptors; their names are the automatic ones derived from
 * the jar file names.
 */
@SuppressWarnings("requires-automatic") // EJML and Hipparchus publish no module names yet
module org.multigrad.core {
    requires ejml.core;
    requires ejml.ddense;
    requires hipparchus.core;
    requires hipparchus.optim;
    requires static jdk.incubator.vector;
    // the ML2O weights file (org.multigrad.l2o)
    requires com.fasterxml.jackson.databind;
    // per-thread allocated bytes (com.sun.management.ThreadMXBean) in AsmgThroughput's report
    requires jdk.management;

    exports org.multigrad.api;
    exports org.multigrad.bilevel;
    exports org.multigrad.blackbox;
    exports org.multigrad.descent;
    exports org.multigrad.experiment;
    exports org.multigrad.l2o;
    exports org.multigrad.method;
    exports org.multigrad.method.spec;
    exports org.multigrad.metric;
    exports org.multigrad.optim;
    exports org.multigrad.problem;
    exports org.multigrad.registry;
}
