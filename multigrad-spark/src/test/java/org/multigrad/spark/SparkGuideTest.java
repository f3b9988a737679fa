package org.multigrad.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/spark.md's Java program compiles against this build and runs. */
class SparkGuideTest {
    private static final Path GUIDE = Path.of("..", "docs", "spark.md");

    @Test
    void theGuidesProgramCompilesAndRuns(@TempDir Path dir) throws Exception {
        LocalSpark.session();
        List<String> programs = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readString(GUIDE).split("\n", -1)) {
            if (block == null && line.equals("```java")) {
                block = new StringBuilder();
            } else if (block != null && line.equals("```")) {
                programs.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        assertEquals(1, programs.size(), "docs/spark.md has one Java program");
        Matcher name = Pattern.compile("public class (\\w+)").matcher(programs.get(0));
        assertTrue(name.find());
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path file = sources.resolve(name.group(1) + ".java");
        Files.writeString(file, programs.get(0));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = compiler.run(null, diagnostics, diagnostics, "-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), file.toString());
        assertEquals(0, status, "docs/spark.md does not compile: " + diagnostics);

        Path out = dir.resolve("out");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                SparkGuideTest.class.getClassLoader())) {
            Method main = loader.loadClass(name.group(1)).getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[] {out.toString()});
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("1: worst batch loss 1.386294361119"), printed);
        assertTrue(printed.contains("\nworst training loss "), printed);
        assertTrue(Files.exists(out.resolve(SparkOutput.METRICS)) && Files.exists(out.resolve(SparkOutput.RESULT)));
    }
}
