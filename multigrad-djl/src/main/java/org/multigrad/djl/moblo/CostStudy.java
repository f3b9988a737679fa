package org.multigrad.djl.moblo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the cost study of {@link CostRequest}: every (method, extra layers, T) point in its own fresh
 * JVM ({@link CostProbe}), so that each peak resident memory belongs to that point alone. A point's
 * measurement is kept in {@code out/points/METHOD-T<T>-L<layers>.json} with the settings it was
 * measured under; a rerun into the same directory reuses the points already there (an interrupted
 * study continues, a larger grid adds only the new points) and refuses a point measured under other
 * settings.
 */
public final class CostStudy {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CostStudy() {
    }

    /** Follows the study: a point is about to run in its own JVM, or was reused. */
    public interface Listener {
        default void measuring(String method, int innerSteps, int extraLayers) {
        }

        default void measured(CostProbe.Measurement measurement, boolean reused) {
        }
    }

    public record Result(CostRequest request, List<CostProbe.Measurement> points) {
    }

    static Path pointFile(Path out, String method, int innerSteps, int extraLayers) {
        return out.resolve("points").resolve(method + "-T" + innerSteps + "-L" + extraLayers + ".json");
    }

    public static Result run(CostRequest request, Listener listener) {
        try {
            Files.createDirectories(request.out().resolve("points"));
            Path requestFile = request.out().resolve("points").resolve("request.json");
            request.write(requestFile);
            List<CostProbe.Measurement> points = new ArrayList<>();
            for (String method : request.methods()) {
                for (int layers : request.extraLayers()) {
                    for (int steps : request.innerSteps()) {
                        Path file = pointFile(request.out(), method, steps, layers);
                        CostProbe.Measurement measurement = Files.isRegularFile(file) ? read(file, request.settings(method)) : null;
                        boolean reused = measurement != null;
                        if (!reused) {
                            listener.measuring(method, steps, layers);
                            measurement = measureInFreshJvm(request, requestFile, method, steps, layers);
                            write(file, request.settings(method), measurement);
                        }
                        listener.measured(measurement, reused);
                        points.add(measurement);
                    }
                }
            }
            return new Result(request, List.copyOf(points));
        } catch (IOException e) {
            throw new UncheckedIOException("cost study in " + request.out() + ": " + e.getMessage(), e);
        }
    }

    private static CostProbe.Measurement measureInFreshJvm(CostRequest request, Path requestFile, String method, int steps,
                                                           int layers) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // the settings the code needs (modules, native access, properties such as multigrad.home), not the parent's heap or agents
            if (argument.startsWith("--add-modules") || argument.startsWith("--enable-native-access")
                    || argument.startsWith("--add-opens") || argument.startsWith("--add-exports") || argument.startsWith("-D")) {
                command.add(argument);
            }
        }
        command.add("-Xmx" + request.heap());
        command.add("-cp");
        String modulePath = System.getProperty("jdk.module.path");
        command.add(System.getProperty("java.class.path")
                + (modulePath == null || modulePath.isEmpty() ? "" : File.pathSeparator + modulePath));
        command.add(CostProbe.class.getName());
        command.add("method=" + method);
        command.add("inner-steps=" + steps);
        command.add("extra-layers=" + layers);
        command.add("request=" + requestFile);
        Path log = request.out().resolve("points").resolve(method + "-T" + steps + "-L" + layers + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int status;
        try {
            status = process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring " + method + " T = " + steps, e);
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        if (status != 0 || !last.startsWith("{")) {
            throw new IllegalStateException(method + " with T = " + steps + " and " + layers + " extra layers failed in its JVM"
                    + " (exit " + status + "): " + (last.isEmpty() ? "no output" : last) + "; see " + log);
        }
        return JSON.readValue(last, CostProbe.Measurement.class);
    }

    private static void write(Path file, String settings, CostProbe.Measurement measurement) throws IOException {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("settings", settings);
        node.put("measurement", measurement);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), node);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static CostProbe.Measurement read(Path file, String settings) throws IOException {
        var node = JSON.readTree(file.toFile());
        if (!settings.equals(node.path("settings").asText())) {
            throw new IllegalArgumentException(file + " was measured under other settings (" + node.path("settings").asText()
                    + "; now " + settings + "): choose another --out");
        }
        return JSON.treeToValue(node.get("measurement"), CostProbe.Measurement.class);
    }
}
