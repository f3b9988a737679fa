package org.multigrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * examples/python/check_client.py drives {@code multigrad aggregate} from Python with NumPy in
 * both wire formats (JSON Lines and f64 frames), started from this test's class path. Needs
 * {@code python3} with NumPy (Debian: apt-get install -y python3-numpy; .ci/run installs it).
 */
class PythonClientTest {
    private static final Path EXAMPLES = Path.of("..", "examples", "python").toAbsolutePath().normalize();

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    @Test
    void numpyClientAgreesInBothFormats() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String command = String.join(" ", quote(java), "--add-modules", "jdk.incubator.vector", "-cp",
                quote(System.getProperty("java.class.path")), MultiGradCli.class.getName());
        ProcessBuilder builder = new ProcessBuilder(List.of("python3", "check_client.py"))
                .directory(EXAMPLES.toFile()).redirectErrorStream(true);
        builder.environment().put("MULTIGRAD_COMMAND", command);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("python3 is needed for this test (Debian: apt-get install -y python3 python3-numpy)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "check_client.py did not finish in 120 s");
        assertTrue(!output.contains("No module named 'numpy'"),
                "NumPy is needed for this test (Debian: apt-get install -y python3-numpy):\n" + output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("check_client: f64 and jsonl agree"), output);
    }
}
