package org.multigrad.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A JVM started without the foreign-function options is told which options to add, before any training. */
class DjlRuntimeOptionsTest {

    /** Started in a child JVM: prints the exception's class and message, or "started". */
    public static void main(String[] args) {
        try {
            DjlRuntime.engine();
            System.out.println("started");
        } catch (RuntimeException e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Test
    void aJvmWithoutTheOptionsGetsASentenceNamingThem() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                DjlRuntimeOptionsTest.class.getName())).redirectErrorStream(false).start();
        child.getOutputStream().close();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, child.waitFor());
        assertTrue(out.startsWith("DjlSetupException: MultiGrad's DJL training needs the JVM options --add-modules"
                + " jdk.incubator.foreign --enable-native-access=ALL-UNNAMED"), out);
    }
}
