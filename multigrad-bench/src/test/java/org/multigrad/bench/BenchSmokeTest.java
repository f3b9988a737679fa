package org.multigrad.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs each benchmark body once on tiny inputs: the benchmarks compile and do what they say, fast. */
class BenchSmokeTest {
    @Test
    void benchmarkBodiesRunOnce() {
        KernelBenchmark kernels = new KernelBenchmark();
        kernels.shape = "3x1000";
        kernels.setup();
        double expected = 0;
        for (double value : kernels.jacobian.data()) {
            expected += value;
        }
        assertEquals(expected, kernels.baselineSum(), 1e-9 * kernels.jacobian.data().length);
        assertEquals(expected, BandwidthBaseline.sumStreams(kernels.jacobian.data()), 1e-9 * kernels.jacobian.data().length);
        assertEquals(expected, BandwidthBaseline.scalarSumStreamsRange(kernels.jacobian.data(), 0, 3000), 1e-9 * 3000);
        assertEquals(expected, BandwidthBaseline.scalarSumRange(kernels.jacobian.data(), 0, 3000), 1e-9 * 3000);
        assertEquals(3, kernels.gramian().size());
        assertEquals(1000, kernels.gramianCombine().length);

        for (String method : BenchData.names(BenchData.gradientMethods())) {
            AggregateBenchmark aggregate = new AggregateBenchmark();
            aggregate.shape = "3x1000";
            aggregate.method = method;
            aggregate.precision = "double";
            aggregate.setup();
            double[] fromDoubles = aggregate.aggregate().clone();
            assertEquals(3, fromDoubles.length, method);
            aggregate.precision = "float32";
            aggregate.setup();
            double[] fromFloats = aggregate.aggregate();
            for (int k = 0; k < fromDoubles.length; k++) {
                // the float J is the double one rounded to float: the directions agree to float resolution
                assertEquals(fromDoubles[k], fromFloats[k], 1e-5 * (1 + Math.abs(fromDoubles[k])), method + " float32 d[" + k + "]");
            }

            SolverBenchmark solver = new SolverBenchmark();
            solver.m = 4;
            solver.method = method;
            solver.setup();
            assertEquals(4, solver.solve().length, method);
        }
        BenchData.release();

        for (String precision : new String[] {"float32", "double"}) {
            PrecisionBenchmark storage = new PrecisionBenchmark();
            storage.shape = "3x1000";
            storage.precision = precision;
            storage.setup();
            double sum = 0;
            for (int k = 0; k < 3000; k++) {
                sum += storage.jacobian.get(k / 1000, k % 1000);
            }
            assertEquals(sum, storage.baselineSum(), 1e-4 * 3000, precision + " baseline sum");
            assertEquals(3, storage.gramian().size());
            assertEquals(1000, storage.gramianCombine().length);
            storage.tearDown();
        }
    }

    @Test
    void interleavedBoundGivesBothBaselinesAndEachKernelAgainstEach() {
        List<Row> rows = InterleavedBound.run(List.of(new Shape(4, 2_000), new Shape(2, 1_000)), 2);
        assertEquals(16, rows.size());
        assertEquals(List.of("baseline-sum", "baseline-4-streams", "gramian", "gramian (strict)", "combine",
                "combine (strict)", "gramian+combine", "gramian+combine (strict)"),
                rows.subList(0, 8).stream().map(Row::method).toList());
        Row step = rows.get(6);
        assertEquals(2.25, step.passes(), 1e-12);
        assertEquals(rows.get(0).secondsPerCall(), step.baselineSeconds());
        assertEquals(Math.min(rows.get(0).secondsPerCall(), rows.get(1).secondsPerCall()), rows.get(7).baselineSeconds());
        for (Row row : rows) {
            assertTrue(row.secondsPerCall() > 0 && Double.isFinite(row.fractionOfBound()), row.toString());
        }
    }

    @Test
    void fmaPeakKernelComputesTheChainsItCounts() {
        // 12 chains of c <- c * a + b from c = 1: each after k steps is a^k + b (a^k - 1)/(a - 1)
        double a = 0.999999;
        double b = 1e-9;
        int k = 1000;
        double chain = Math.pow(a, k) + b * (Math.pow(a, k) - 1) / (a - 1);
        org.junit.jupiter.api.Assertions.assertEquals(12 * FmaPeak.lanes() * chain, FmaPeak.kernel(k), 1e-9);
    }

    @Test
    void asmgIterationsAdvance() {
        AsmgBenchmark asmg = new AsmgBenchmark();
        asmg.dimension = 20;
        asmg.samples = 5;
        asmg.problem = "asmg-l1-ellipsoid";
        asmg.setup();
        assertEquals(1, asmg.iteration());
        assertEquals(2, asmg.iteration());
    }

    @Test
    void gradientMethodsComeFromTheRegistry() {
        List<String> names = BenchData.names(BenchData.gradientMethods());
        assertTrue(names.contains("mgda"), names.toString());
        assertFalse(names.contains("mean"), "mean never reads the Gramian: " + names);
    }

    @Test
    void plainRunnerProducesRowsWithRatios() {
        AggregateBench.Options options = new AggregateBench.Options(List.of(new Shape(2, 512)), List.of("mgda"),
                new int[] {3}, 0, 0.003);
        List<Row> rows = AggregateBench.run(options);
        assertEquals(List.of("baseline-sum", "gramian", "combine", "gramian+combine", "mgda", "mgda (solve)"),
                rows.stream().map(Row::method).toList());
        assertEquals(1.0, rows.get(0).fractionOfBound(), 1e-12);
        assertTrue(rows.get(4).secondsPerCall() > 0);
        assertTrue(Table.format(rows).contains("| mgda "));
    }

    @Test
    void jmhCsvBecomesTable() {
        List<Row> rows = JmhTable.rows(List.of(
                "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
                        + "\"Param: m\",\"Param: method\",\"Param: shape\"",
                "\"org.multigrad.bench.KernelBenchmark.baselineSum\",\"avgt\",1,3,100.0,1.0,\"us/op\",,,10x1000000",
                "\"org.multigrad.bench.AggregateBenchmark.aggregate\",\"avgt\",1,3,420.0,1.0,\"us/op\",,mgda,10x1000000",
                "\"org.multigrad.bench.AggregateBenchmark.aggregate:·gc.alloc.rate\",\"avgt\",1,3,1.0,1.0,\"MB/sec\",,mgda,10x1000000",
                "\"org.multigrad.bench.SolverBenchmark.solve\",\"avgt\",1,3,2.5,0.1,\"us/op\",10,mgda,"));
        assertEquals(3, rows.size());
        assertEquals("mgda", rows.get(1).method());
        assertEquals(100e-6 * 2.1 / 420e-6, rows.get(1).fractionOfBound(), 1e-12);
        assertEquals("mgda (solve)", rows.get(2).method());
        assertEquals(2.5e-6, rows.get(2).secondsPerCall(), 1e-18);
    }
}
