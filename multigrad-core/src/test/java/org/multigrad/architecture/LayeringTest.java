package org.multigrad.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The core's packages form a DAG, bottom to top: {@code kernel} (numerical passes on arrays),
 * {@code api} (Jacobian, Gramian, Aggregator, Weighting, their inputs and hooks), then the
 * solvers, optimizers and method declarations ({@code solve}, {@code optim}, {@code method.spec}),
 * the methods ({@code method}), problems and metrics, the registry and the experiment drivers
 * ({@code descent}, {@code blackbox}, {@code bilevel}, the learned optimizer {@code l2o}), and on top the experiment services ({@code experiment}), which
 * may use everything in the core. A package imports only packages below it.
 */
class LayeringTest {
    static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.multigrad");

    /** The rule; {@link #layersOnlyImportDownwards()} checks it, the self-test feeds it a violation. */
    static ArchRule layers() {
        // every class of the core must sit in one of the layers below: a new package has to be placed
        return layeredArchitecture().consideringOnlyDependenciesInLayers().ensureAllClassesAreContainedInArchitecture()
                .layer("kernel").definedBy("org.multigrad.kernel..")
                .layer("api").definedBy("org.multigrad.api..")
                .layer("solve").definedBy("org.multigrad.solve..")
                .layer("optim").definedBy("org.multigrad.optim..")
                .layer("spec").definedBy("org.multigrad.method.spec..")
                .layer("method").definedBy("org.multigrad.method")
                .layer("problem").definedBy("org.multigrad.problem..")
                .layer("metric").definedBy("org.multigrad.metric..")
                .layer("registry").definedBy("org.multigrad.registry..")
                .layer("descent").definedBy("org.multigrad.descent..")
                .layer("blackbox").definedBy("org.multigrad.blackbox..")
                .layer("bilevel").definedBy("org.multigrad.bilevel..")
                .layer("l2o").definedBy("org.multigrad.l2o..")
                .layer("experiment").definedBy("org.multigrad.experiment..")
                .whereLayer("kernel").mayNotAccessAnyLayer()
                .whereLayer("api").mayOnlyAccessLayers("kernel")
                .whereLayer("solve").mayOnlyAccessLayers("kernel", "api")
                .whereLayer("optim").mayOnlyAccessLayers("kernel", "api")
                .whereLayer("spec").mayOnlyAccessLayers("kernel", "api")
                .whereLayer("method").mayOnlyAccessLayers("kernel", "api", "solve", "optim", "spec")
                .whereLayer("problem").mayOnlyAccessLayers("kernel", "api", "spec")
                .whereLayer("metric").mayOnlyAccessLayers("kernel", "api", "solve", "problem")
                .whereLayer("registry").mayOnlyAccessLayers("kernel", "api", "solve", "optim", "spec", "method")
                .whereLayer("descent").mayOnlyAccessLayers("kernel", "api", "solve", "optim", "spec", "method", "problem", "metric")
                .whereLayer("blackbox").mayOnlyAccessLayers("kernel", "api", "solve", "optim", "spec", "problem", "metric")
                .whereLayer("bilevel").mayOnlyAccessLayers("kernel", "api", "solve", "optim", "spec")
                .whereLayer("l2o").mayOnlyAccessLayers("kernel", "api", "solve", "optim", "spec", "method", "problem", "metric")
                .whereLayer("experiment").mayOnlyAccessLayers("kernel", "api", "solve", "optim", "spec", "method", "problem",
                        "metric", "registry", "descent", "blackbox", "bilevel", "l2o");
    }

    @Test
    void layersOnlyImportDownwards() {
        layers().check(CORE);
    }

    @Test
    void theRulesRejectAnUpwardImport() throws ClassNotFoundException {
        JavaClasses withViolation = new ClassFileImporter().importClasses(
                Class.forName("org.multigrad.solve.UpwardImportFixture"), org.multigrad.registry.MethodRegistry.class);
        assertTrue(layers().evaluate(withViolation).hasViolation(), "solve -> registry must violate the layering");
        assertTrue(layers().evaluate(new ClassFileImporter().importClasses(Class.forName("org.multigrad.SerialVersionUidTest")))
                .hasViolation(), "a class in no layer (package org.multigrad) must violate the layering");
        assertTrue(slices().matching("org.multigrad.(**)").should().beFreeOfCycles().evaluate(
                new ClassFileImporter().importPackages("org.multigrad")).hasViolation(),
                "with the fixture on the class path, solve <-> registry is a cycle");
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.multigrad.(**)").should().beFreeOfCycles().check(CORE);
    }
}
