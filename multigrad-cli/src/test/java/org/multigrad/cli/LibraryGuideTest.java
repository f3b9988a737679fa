package org.multigrad.cli;

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

/** docs/library.md: every Java block compiles against this build and runs; the pure-Java examples print what the page says. */
class LibraryGuideTest {
    private static final Path GUIDE = Path.of("..", "docs", "library.md");

    @Test
    void theGuidesProgramsCompileAndRun(@TempDir Path dir) throws Exception {
        String text = Files.readString(GUIDE);
        List<String> programs = blocks(text, "java");
        assertEquals(3, programs.size(), "docs/library.md: the solve, training and bi-level programs");
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path")));
        List<String> names = new ArrayList<>();
        for (String program : programs) {
            Matcher name = Pattern.compile("public class (\\w+)").matcher(program);
            assertTrue(name.find(), "a public class in " + program);
            Path file = sources.resolve(name.group(1) + ".java");
            Files.writeString(file, program);
            arguments.add(file.toString());
            names.add(name.group(1));
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = compiler.run(null, diagnostics, diagnostics, arguments.toArray(String[]::new));
        assertEquals(0, status, "docs/library.md does not compile: " + diagnostics);

        String solveOutput = run(classes, names.get(0), dir.resolve("solve"));
        String printed = blocks(text, "").get(0);
        assertEquals(printed, solveOutput, "docs/library.md's 'It prints' block is stale");
        assertTrue(Files.exists(dir.resolve("solve").resolve("trajectory.csv")));

        String trainOutput = run(classes, names.get(1), dir.resolve("train"));
        assertTrue(trainOutput.matches("(?s)task 1: test accuracy 0\\.\\d{3}, test loss \\d\\.\\d{3}\n"
                + "task 2: test accuracy 0\\.\\d{3}, test loss \\d\\.\\d{3}\n15 steps; .*"), trainOutput);
        assertTrue(Files.exists(dir.resolve("train").resolve("metrics.csv")));

        assertEquals(blocks(text, "").get(1), run(classes, names.get(2), dir.resolve("bilevel")),
                "docs/library.md's second 'It prints' block is stale");
    }

    /** The fenced blocks of one info string ("" for plain blocks), in order. */
    private static List<String> blocks(String markdown, String info) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        String blockInfo = null;
        for (String line : markdown.split("\n", -1)) {
            if (block == null && line.startsWith("```")) {
                block = new StringBuilder();
                blockInfo = line.substring(3).trim();
            } else if (block != null && line.equals("```")) {
                if (blockInfo.equals(info)) {
                    blocks.add(block.toString());
                }
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }

    /** Runs {@code main(out)} of a compiled class in this JVM, capturing standard output. */
    private static String run(Path classes, String name, Path out) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                LibraryGuideTest.class.getClassLoader())) {
            Method main = loader.loadClass(name).getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[] {out.toString()});
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
