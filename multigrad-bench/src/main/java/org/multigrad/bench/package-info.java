/**
 * Benchmarks of the core: JMH benchmarks of the passes over J (Gramian G = J·Jᵀ, combination
 * d = Jᵀλ), of the m-dimensional solvers and of whole aggregation steps of every registered method,
 * and of one ASMG iteration; each kernel row is reported as a fraction of the memory-bandwidth bound,
 * measured by a plain sum over the same array in the same run ({@link org.multigrad.bench.BandwidthBaseline}).
 * {@link org.multigrad.bench.BenchMain} is the entry point of {@code benchmarks.jar}.
 */
package org.multigrad.bench;
