package org.multigrad.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Main class of {@code benchmarks.jar}. With JMH arguments it runs JMH, filling the {@code method}
 * parameter with every Gramian-based method of the registry and {@code shape} with every default
 * m x n that fits in 70% of the heap, unless {@code -p} gives them. Subcommands:
 * {@code methods} (print the method list), {@code kernel} (which Gramian kernel this JVM runs),
 * {@code bound [--shapes S] [--rounds R]} (the fraction of the bandwidth bound from interleaved
 * rounds, {@link InterleavedBound}), {@code table FILE.csv} (format a JMH CSV result),
 * {@code quick [AggregateBench options]} (the JMH-free in-process runner), {@code fma-peak [rounds]}
 * ({@link FmaPeak}: one thread's double FMA throughput). A non-forked run
 * ({@code -f 0}, used by bench/aggregate.sh so that one J per shape serves every row) first warms
 * up all kernels and methods in this JVM, see {@link AggregateBench#warmUp}.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException, java.io.IOException {
        if (args.length > 0 && args[0].equals("methods")) {
            System.out.println(String.join(",", BenchData.names(BenchData.gradientMethods())));
            return;
        }
        if (args.length > 0 && args[0].equals("kernel")) {
            System.out.println(org.multigrad.kernel.SimdSupport.describe());
            return;
        }
        if (args.length > 0 && args[0].equals("fma-peak")) {
            FmaPeak.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("bound")) {
            InterleavedBound.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("table")) {
            JmhTable.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("quick")) {
            AggregateBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        CommandLineOptions commandLine = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(commandLine);
        if (!commandLine.getParameter("method").hasValue()) {
            options.param("method", BenchData.names(BenchData.gradientMethods()).toArray(new String[0]));
        }
        if (!commandLine.getParameter("shape").hasValue()) {
            long maxEntries = (long) (Runtime.getRuntime().maxMemory() * 0.7 / Double.BYTES);
            List<String> shapes = new ArrayList<>();
            for (Shape shape : Shape.grid(BenchData.OBJECTIVES, BenchData.PARAMETERS, maxEntries)) {
                shapes.add(shape.toString());
            }
            options.param("shape", shapes.toArray(new String[0]));
        }
        if (commandLine.getForkCount().orElse(-1) == 0) {
            AggregateBench.warmUp(3);
        }
        new Runner(options.build()).run();
    }
}
