package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The compiled module-info of {@code org.multigrad.cli} (the tests run on the class path): an
 * application, so it exports nothing, and it opens its command package to picocli alone.
 */
class ModuleDescriptorTest {
    @Test
    void exportsNothingAndOpensTheCommandsToPicocli() throws Exception {
        Path classes = Path.of(MultiGradCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor descriptor = ModuleFinder.of(classes).find("org.multigrad.cli").orElseThrow().descriptor();
        assertTrue(descriptor.exports().isEmpty());
        assertEquals(Set.of("org.multigrad.cli to [info.picocli]"),
                descriptor.opens().stream().map(open -> open.source() + " to " + open.targets()).collect(Collectors.toSet()));
        assertEquals(Set.of("java.base", "java.desktop", "org.multigrad.djl", "info.picocli",
                "com.fasterxml.jackson.databind", "xchart"),
                descriptor.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
    }
}
