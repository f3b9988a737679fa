package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void unknownSubcommandFails() {
        CliRunner.Result result = CliRunner.run("", "no-such-command");
        assertTrue(result.exitCode() != 0);
        assertTrue(result.err().contains("Unmatched argument"), result.err());
    }
}
