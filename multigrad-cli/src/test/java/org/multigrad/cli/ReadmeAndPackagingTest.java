package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Library snippet is examples/java-consumer's LibraryExample.java (which CI compiles
 * and runs against the installed artifacts), the BOM's version is the reactor's, and
 * {@code --version} prints it.
 */
class ReadmeAndPackagingTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void readmeLibrarySnippetIsTheJavaConsumerExample() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int library = readme.indexOf("\n## Library\n");
        assertTrue(library >= 0, "README has a Library section");
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(library), "the Library section has a java code block");
        String example = Files.readString(ROOT.resolve("examples/java-consumer/src/main/java/example/LibraryExample.java"),
                StandardCharsets.UTF_8);
        String withoutPackage = example.replaceFirst("\\Apackage example;\n\n", "");
        assertEquals(withoutPackage, block.group(1), "README's Library snippet differs from examples/java-consumer/"
                + "src/main/java/example/LibraryExample.java: copy the file (without its package line) into the README");
        String check = Files.readString(ROOT.resolve("examples/java-consumer/src/main/java/example/CheckLibraryExample.java"),
                StandardCharsets.UTF_8);
        Matcher expected = Pattern.compile("\"([a-z-]+ +weights [^\"]+)\"").matcher(check);
        int lines = 0;
        while (expected.find()) {
            lines++;
            assertTrue(readme.contains(expected.group(1) + "\n"), "README shows the example's output line: " + expected.group(1));
        }
        assertEquals(3, lines, "CheckLibraryExample expects one line per method");
    }

    @Test
    void bomVersionIsTheProjectVersion() throws IOException {
        String bom = Files.readString(ROOT.resolve("multigrad-bom/pom.xml"), StandardCharsets.UTF_8);
        Matcher version = Pattern.compile("<artifactId>multigrad-bom</artifactId>\\s*<version>([^<]+)</version>").matcher(bom);
        assertTrue(version.find(), "multigrad-bom/pom.xml declares its version");
        assertEquals(VersionProvider.version(), version.group(1), "multigrad-bom's version must follow the reactor's");
    }

    @Test
    void versionOptionPrintsThePomVersion() {
        CliRunner.Result result = CliRunner.run("", "--version");
        assertEquals(0, result.exitCode());
        assertEquals("multigrad " + VersionProvider.version(), result.out().strip());
        assertTrue(VersionProvider.version().matches("\\d+\\.\\d+\\.\\d+.*"), VersionProvider.version());
    }
}
