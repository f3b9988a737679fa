package org.multigrad.blackbox;

import java.util.Locale;
import org.multigrad.problem.MultiObjectiveProblem;
import org.multigrad.problem.ProblemRegistry;

/**
 * Plain-Java throughput measurement of one ASMG iteration (to be wired into JMH later):
 * iterations per second on a thesis problem (m = 2, default {@code asmg-ellipsoid-rastrigin}),
 * sequential evaluation, default d = 1000, N = 100; the time includes the N + 1 evaluations. Usage:
 * {@code java -cp multigrad-core.jar org.multigrad.blackbox.AsmgThroughput [d] [N] [seconds] [problem]}. Warms up for one third of the time, then reports the mean rate and the
 * bytes allocated per iteration by this thread (0 in the steady state, see {@link Asmg}).
 */
public final class AsmgThroughput {
    private AsmgThroughput() {
    }

    public static void main(String[] args) {
        int dimension = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 6;
        String problem = args.length > 3 ? args[3] : "asmg-ellipsoid-rastrigin";
        Measurement result = measure(problem, dimension, samples, seconds);
        System.out.printf(Locale.ROOT, "asmg on %s d=%d N=%d: %.1f iterations/s (%.3f ms/iteration, %d iterations),"
                        + " %.1f bytes allocated per iteration%n", problem, dimension, samples, result.iterationsPerSecond(),
                1000 / result.iterationsPerSecond(), result.iterations(), result.bytesPerIteration());
    }

    /** Result of {@link #measure}. bytesPerIteration is NaN where the JVM cannot report it. */
    public record Measurement(double iterationsPerSecond, long iterations, double bytesPerIteration) {
    }

    public static Measurement measure(String problemName, int dimension, int samples, double seconds) {
        MultiObjectiveProblem problem = ProblemRegistry.get(problemName, dimension);
        Asmg asmg = new Asmg(samples, 0.1, Asmg.Update.STANDARDIZED, Asmg.Weights.ADAPTIVE, 0.5, 1);
        Evaluator evaluator = new Evaluator(problem, Long.MAX_VALUE, false);
        Asmg.Run run = asmg.start(evaluator, BlackBoxExperiment.startPoint(dimension, 1), 1.0);
        long warmupEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
        while (System.nanoTime() < warmupEnd) {
            run.step();
        }
        long allocatedBefore = allocatedBytes();
        long begin = System.nanoTime();
        long end = begin + (long) (seconds * 2 / 3 * 1e9);
        long iterations = 0;
        long now;
        do {
            run.step();
            iterations++;
            now = System.nanoTime();
        } while (now < end);
        long allocatedAfter = allocatedBytes();
        double bytes = allocatedBefore < 0 || allocatedAfter < 0 ? Double.NaN
                : (double) (allocatedAfter - allocatedBefore) / iterations;
        return new Measurement(iterations / ((now - begin) / 1e9), iterations, bytes);
    }

    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean) {
            return ((com.sun.management.ThreadMXBean) bean).getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }
}
