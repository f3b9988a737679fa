package org.multigrad.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.multigrad.api.Jacobian;

/**
 * The compiled module-info of {@code org.multigrad.core}: the tests run on the class path, so this
 * test reads the descriptor from the build output and checks what users on the module path get.
 * Exported: the API and everything a user names; internal: {@code kernel} and {@code solve}.
 */
class ModuleDescriptorTest {
    private static final Set<String> EXPORTED = Set.of("org.multigrad.api", "org.multigrad.bilevel",
            "org.multigrad.blackbox", "org.multigrad.descent", "org.multigrad.experiment", "org.multigrad.l2o",
            "org.multigrad.method",
            "org.multigrad.method.spec", "org.multigrad.metric", "org.multigrad.optim", "org.multigrad.problem",
            "org.multigrad.registry");

    private final ModuleReference module = ModuleFinder.of(classes()).find("org.multigrad.core")
            .orElseThrow(() -> new AssertionError("no module-info.class in " + classes()));
    private final ModuleDescriptor descriptor = module.descriptor();

    @Test
    void exportsTheApiAndMethodPackagesUnqualified() {
        Set<String> exported = new TreeSet<>();
        for (ModuleDescriptor.Exports export : descriptor.exports()) {
            assertTrue(export.targets().isEmpty(), export + " is a qualified export");
            exported.add(export.source());
        }
        assertEquals(new TreeSet<>(EXPORTED), exported);
    }

    @Test
    void keepsKernelsAndSolversInternal() {
        assertTrue(descriptor.packages().containsAll(Set.of("org.multigrad.kernel", "org.multigrad.solve")));
        assertTrue(descriptor.exports().stream().noneMatch(e -> e.source().equals("org.multigrad.kernel")
                || e.source().equals("org.multigrad.solve")));
        assertTrue(descriptor.opens().isEmpty());
    }

    @Test
    void requiresLinearAlgebraAndOptionalSimd() {
        Map<String, Set<Requires.Modifier>> requires = new TreeMap<>();
        descriptor.requires().forEach(r -> requires.put(r.name(), r.modifiers()));
        assertEquals(Map.of("java.base", Set.of(Requires.Modifier.MANDATED),
                "ejml.core", Set.of(), "ejml.ddense", Set.of(),
                "hipparchus.core", Set.of(), "hipparchus.optim", Set.of(),
                "jdk.management", Set.of(), "com.fasterxml.jackson.databind", Set.of(),
                "jdk.incubator.vector", Set.of(Requires.Modifier.STATIC)), requires);
    }

    /** The automatic module names of EJML and Hipparchus come from their jar names: they must match. */
    @Test
    void resolvesAgainstItsDependencies() {
        List<Path> paths = new ArrayList<>(List.of(classes()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && providesARequiredModule(Path.of(entry))) {
                paths.add(Path.of(entry));
            }
        }
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(ModuleFinder.of(paths.toArray(Path[]::new)), ModuleFinder.of(), Set.of("org.multigrad.core"));
        assertTrue(configuration.findModule("org.multigrad.core").isPresent());
    }

    private boolean providesARequiredModule(Path jar) {
        try {
            return ModuleFinder.of(jar).findAll().stream().map(reference -> reference.descriptor().name())
                    .anyMatch(name -> name.startsWith("com.fasterxml.jackson.")  // databind's own requirements
                            || descriptor.requires().stream().anyMatch(r -> r.name().equals(name)));
        } catch (FindException e) {
            return false;
        }
    }

    private static Path classes() {
        try {
            return Path.of(Jacobian.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
