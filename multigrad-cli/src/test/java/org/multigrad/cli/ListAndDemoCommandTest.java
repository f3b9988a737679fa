package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.multigrad.method.spec.MethodSpec;
import org.multigrad.registry.MethodRegistry;

/** `list` covers the registry; `demo` runs every method; docs/methods.md is the generated table. */
class ListAndDemoCommandTest {

    @Test
    void listShowsEveryMethodWithParametersAndDefaults() {
        CliRunner.Result result = CliRunner.run("", "list");
        assertEquals(0, result.exitCode());
        for (MethodSpec method : MethodRegistry.all()) {
            assertTrue(result.out().contains(method.name() + "  " + method.summary()), method.name());
        }
        assertTrue(result.out().contains("--param c=0.4"), "cagrad's default c");
        assertTrue(result.out().contains("non-conflicting"), "properties");
        assertTrue(result.out().contains("inputs:     losses, afterStep hook"), "uw's inputs");
        assertTrue(result.out().contains("state:      stateful: seeded generator; stochastic (seeded)"), "rlw's state");
    }

    @Test
    void listJsonIsMachineReadable() throws Exception {
        CliRunner.Result result = CliRunner.run("", "list", "--format", "json");
        JsonNode methods = new ObjectMapper().readTree(result.out());
        assertEquals(MethodRegistry.all().size(), methods.size());
        assertEquals("mean", methods.get(0).get("name").asText());
        for (JsonNode method : methods) {
            String name = method.get("name").asText();
            assertTrue(method.get("inputs").size() > 0, name + " lists no inputs");
            assertTrue(!method.get("cost").asText().isBlank(), name + " has no cost");
            assertTrue(method.get("state").isTextual() && method.get("stochastic").isBoolean(), name);
            if (name.equals("famo")) {
                assertEquals("[\"losses\",\"losses after the step\"]", method.get("inputs").toString());
            }
        }
    }

    @Test
    void docsMethodTableIsUpToDate() throws Exception {
        Path docs = Path.of("..", "docs", "methods.md");
        String text = Files.readString(docs);
        String table = ListCommand.markdown();
        assertTrue(text.contains(table), "docs/methods.md is stale: regenerate it with "
                + "docs/update-methods.sh");
    }

    @Test
    void demoComparesMethodsOnTheBuiltInJacobian() {
        CliRunner.Result result = CliRunner.run("", "demo");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("cos(g1, g2) = -0.501"), result.out());
        // the mean makes objective 2 worse; MGDA's min-norm direction improves all three equally
        assertTrue(result.out().matches("(?s).*\\nmean .*<- conflict.*"), result.out());
        assertTrue(result.out().matches("(?s).*\\nmgda .*\\[0\\.269, 0\\.269, 0\\.269\\]\\s+\\+0\\.269\\n.*"), result.out());
        assertTrue(!result.out().contains("\nconstant "), "constant has a required parameter and is skipped");
    }

    @Test
    void noArgumentsPrintsTheUsageToStandardErrorWithStatus2() {
        CliRunner.Result result = CliRunner.run("");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("Usage: multigrad"), result.err());
        assertTrue(result.out().isEmpty(), result.out());
    }

    @Test
    void aStandardInputClosedAtStartIsRecognisedByItsFileDescriptorTarget(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        // with fd 0 closed, the JVM's first opened file (lib/modules, or the jar with -jar) becomes fd 0
        Path javaHome = Paths.get(System.getProperty("java.home"));
        assertTrue(StandardInput.isJvmFile(javaHome.resolve("lib/modules"), javaHome, ""));
        Path jar = Files.createFile(dir.resolve("multigrad.jar"));
        assertTrue(StandardInput.isJvmFile(jar, javaHome, "/elsewhere.jar" + java.io.File.pathSeparator + jar));
        Path data = Files.createFile(dir.resolve("in.jsonl"));
        assertFalse(StandardInput.isJvmFile(data, javaHome, jar.toString()));
        assertFalse(StandardInput.isJvmFile(Paths.get("pipe:[12345]"), javaHome, jar.toString()));
    }

    @Test
    void unknownSubcommandFails() {
        CliRunner.Result result = CliRunner.run("", "no-such-command");
        assertTrue(result.exitCode() != 0);
        assertTrue(result.err().contains("Unmatched argument"), result.err());
    }
}
