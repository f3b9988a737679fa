package example;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs the README's Library snippet ({@link LibraryExample}) and compares its output with the
 * values TorchJD publishes for this Jacobian (MGDA, Aligned-MTL; CAGrad with c = 0.5), so that CI
 * fails when the snippet no longer compiles or computes something else.
 */
public class CheckLibraryExample {
    static final String EXPECTED = String.join("\n",
            "mgda         weights [0.6, 0.4] direction [0.0, 1.0, 1.0]",
            "aligned-mtl  weights [0.5591, 0.4083] direction [0.2133, 0.9673, 0.9673]",
            "cagrad       weights [0.7041, 0.5] direction [0.1835, 1.2041, 1.2041]",
            "");

    public static void main(String[] args) {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LibraryExample.main(new String[0]);
        } finally {
            System.setOut(console);
        }
        String output = captured.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        console.print(output);
        if (!output.equals(EXPECTED)) {
            throw new AssertionError("the README's Library snippet printed\n" + output + "expected\n" + EXPECTED);
        }
        console.println("java-consumer: the README's Library snippet ran against the installed artifacts and printed the expected values");
    }
}
