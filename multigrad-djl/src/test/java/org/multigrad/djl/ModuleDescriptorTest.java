package org.multigrad.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires.Modifier;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The compiled module-info of {@code org.multigrad.djl}, read from the build output (the tests run on
 * the class path): every package exported to everyone, the core and DJL's API required transitively
 * (public signatures use their types), the foreign-function API optional.
 */
class ModuleDescriptorTest {
    private static ModuleDescriptor descriptor() throws URISyntaxException {
        Path classes = Path.of(DjlRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return ModuleFinder.of(classes).find("org.multigrad.djl").orElseThrow().descriptor();
    }

    @Test
    void exportsEveryPackageToEveryone() throws URISyntaxException {
        ModuleDescriptor descriptor = descriptor();
        assertEquals(descriptor.packages(), descriptor.exports().stream()
                .filter(export -> export.targets().isEmpty()).map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet()));
        assertEquals(Set.of("org.multigrad.djl", "org.multigrad.djl.amoo", "org.multigrad.djl.data",
                "org.multigrad.djl.experiment", "org.multigrad.djl.l2o", "org.multigrad.djl.moblo", "org.multigrad.djl.normal",
                "org.multigrad.djl.tensor"), descriptor.packages());
    }

    @Test
    void requiresTheCoreDjlJacksonManagementAndOptionallyTheForeignApi() throws URISyntaxException {
        Map<String, Set<Modifier>> requires = descriptor().requires().stream()
                .collect(Collectors.toMap(ModuleDescriptor.Requires::name, ModuleDescriptor.Requires::modifiers));
        assertEquals(Map.of("java.base", Set.of(Modifier.MANDATED),
                "org.multigrad.core", Set.of(Modifier.TRANSITIVE), "ai.djl.api", Set.of(Modifier.TRANSITIVE),
                "ai.djl.pytorch_engine", Set.of(), "com.fasterxml.jackson.databind", Set.of(), "java.management", Set.of(),
                "jdk.incubator.foreign", Set.of(Modifier.STATIC)), requires);
    }
}
