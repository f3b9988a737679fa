package org.multigrad.djl.moblo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multigrad.bilevel.BilevelSolver;
import org.multigrad.bilevel.BilevelSolvers;
import org.multigrad.djl.DjlRuntime;

/**
 * One point of the cost study ({@link CostStudy}), measured in the JVM that runs it, which should be
 * a fresh one so that the peak resident memory is this point's alone: load the hyper-cleaning data,
 * build the problem with the point's trunk, run one warm-up upper-level iteration and then
 * {@code iterations} timed ones. {@link #main} takes {@code key=value} arguments and prints the
 * measurement as one JSON line.
 */
public final class CostProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CostProbe() {
    }

    /**
     * @param lowerDimension      p, the number of model parameters
     * @param secondsPerIteration mean wall time of the timed upper-level iterations
     * @param setupRssBytes       the process's peak resident memory after data, model and solver were built (Linux VmHWM; -1 elsewhere)
     * @param peakRssBytes        the process's peak resident memory at the end
     * @param peakHeapBytes       the sum of the Java heap pools' peak usage
     */
    public record Measurement(String method, int innerSteps, int extraLayers, long lowerDimension, int iterations,
                              double secondsPerIteration, long setupRssBytes, long peakRssBytes, long peakHeapBytes) {
    }

    /** Measures one point in this JVM (the thesis's hyper-cleaning setting, {@code raw} over it, T = innerSteps). */
    public static Measurement measure(CostRequest request, String method, int innerSteps, int extraLayers) {
        DjlRuntime.engine();
        if (request.threads() > 0) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(request.threads());
        }
        List<HyperCleaningData.Splits> sets = HyperCleaningData.loadAll(request.datasets(), request.mnistDir(),
                request.fashionDir(), HyperCleaningData.Sizes::thesis, 0.5, 0);
        Map<String, String> raw = new LinkedHashMap<>(request.parameters().get(method));
        raw.put("inner-steps", Integer.toString(innerSteps));
        try (HyperCleaningProblem problem = new HyperCleaningProblem(sets, 100, 0,
                HyperCleaningProblem.widthsWithExtraLayers(extraLayers))) {
            BilevelSolver solver = BilevelSolvers.catalogue().get(method).create(method, problem, raw);
            long setup = residentPeak();
            solver.step();
            long start = System.nanoTime();
            for (int k = 0; k < request.iterations(); k++) {
                solver.step();
            }
            double seconds = (System.nanoTime() - start) / 1e9 / request.iterations();
            long heap = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    heap += pool.getPeakUsage().getUsed();
                }
            }
            return new Measurement(method, innerSteps, extraLayers, problem.lowerDimension(), request.iterations(), seconds,
                    setup, residentPeak(), heap);
        }
    }

    /** The process's peak resident set (VmHWM of /proc/self/status) in bytes, or -1 where there is none. */
    static long residentPeak() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return -1;
    }

    /** {@code method=M inner-steps=T extra-layers=L request=FILE}: measures and prints one JSON line. */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            options.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        CostRequest request = CostRequest.read(Path.of(options.get("request")));
        Measurement measurement = measure(request, options.get("method"), Integer.parseInt(options.get("inner-steps")),
                Integer.parseInt(options.get("extra-layers")));
        System.out.println(JSON.writeValueAsString(measurement));
    }
}
