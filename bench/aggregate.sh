#!/usr/bin/env bash
# MultiGrad benchmark table in one JMH run (short settings, under 5 minutes on 2 cores):
# bandwidth baseline, Gramian, combination and full aggregateInto step of every Gramian-based method
# in the registry, the solvers alone, then allocation per step (JMH -prof gc) and PyTorch on the
# same shapes. Usage: bench/aggregate.sh [--no-build] [--no-torch]
# Environment: SHAPES (m x n list), SOLVER_M, HEAP, OUT (directory for the raw results), SIMD (0: scalar kernel), BOUND_SHAPES.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=1
TORCH=1
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    --no-torch) TORCH=0 ;;
    *) echo "aggregate.sh: unknown option $arg (options: --no-build, --no-torch)" >&2; exit 2 ;;
  esac
done

# m x n as memory and the 5-minute budget allow: every m at n = 1e4 and 1e6, n = 1e7 for m = 2 and 10
# (m = 40 and 100 at n = 1e7 need 3.2 and 8 GB and several seconds per call: run BenchMain without
# -p shape for the full grid).
SHAPES="${SHAPES:-2x10000,10x10000,40x10000,100x10000,2x1000000,10x1000000,40x1000000,100x1000000,2x10000000,10x10000000}"
SOLVER_M="${SOLVER_M:-2,10,40,100}"
HEAP="${HEAP:-6g}"
OUT="${OUT:-bench/out}"
JAR=multigrad-bench/target/benchmarks.jar
mkdir -p "$OUT"

if [[ "$BUILD" == 1 || ! -f "$JAR" ]]; then
  mvn -B -q package -DskipTests -pl multigrad-bench -am
fi

# The SIMD Gramian kernel needs the Vector API module; SIMD=0 measures the portable scalar kernel.
if [[ "${SIMD:-1}" == 1 ]]; then
  JAVA=(java --add-modules jdk.incubator.vector)
else
  JAVA=(java --add-modules jdk.incubator.vector -Dmultigrad.simd=false)
fi
METHODS="$("${JAVA[@]}" -cp "$JAR" org.multigrad.bench.BenchMain methods 2>/dev/null)"
THREADS="$(nproc)"
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $("${JAVA[@]}" -cp "$JAR" org.multigrad.bench.BenchMain kernel 2>/dev/null)"
echo "# methods: $METHODS"

# One JVM (-f 0) so that all rows, the baseline included, come from the same run and one J per
# shape is filled once and shared; warm-up 1 x 0.3 s, 3 x 0.3 s measured (at least one call each).
"${JAVA[@]}" -Xms"$HEAP" -Xmx"$HEAP" -jar "$JAR" \
  'org.multigrad.bench.(KernelBenchmark|AggregateBenchmark|SolverBenchmark)' \
  -f 0 -wi 1 -w 300ms -i 3 -r 300ms \
  -p shape="$SHAPES" -p m="$SOLVER_M" -p method="$METHODS" \
  -rf csv -rff "$OUT/jmh.csv" > "$OUT/jmh.log"
echo
echo "## Time per call and fraction of the memory-bandwidth bound"
"${JAVA[@]}" -cp "$JAR" org.multigrad.bench.BenchMain table "$OUT/jmh.csv" 2>/dev/null

echo
echo "## Fraction of the bound from interleaved rounds (baseline next to each kernel call, minimum of 10 rounds)"
"${JAVA[@]}" -Xms"$HEAP" -Xmx"$HEAP" -cp "$JAR" org.multigrad.bench.BenchMain bound \
  --shapes "${BOUND_SHAPES:-2x10000000,10x1000000,10x10000000,40x1000000,100x1000000}" --rounds 10 2>/dev/null

echo
echo "## Float32 against double storage of the same values (Gramian + combination, each storage's baseline sum)"
"${JAVA[@]}" -Xms"$HEAP" -Xmx"$HEAP" -jar "$JAR" 'org.multigrad.bench.PrecisionBenchmark' \
  -f 0 -wi 2 -w 1s -i 3 -r 1s -p shape=10x10000000,100x1000000 -rf csv -rff "$OUT/precision.csv" > "$OUT/precision.log"
awk -F, 'NR > 1 { gsub(/"/, ""); printf "  %-40s %-12s %-8s %12.1f us/op\n", $1, $8, $9, $5 }' "$OUT/precision.csv"

echo
# Warm-up: the Vector API kernels allocate a box per vector until C2 has compiled them (the
# interpreter and C1 do not intrinsify them), so a short warm-up reports that transient as a
# per-step allocation; 5 x 1 s of warm-up per method lets C2 finish before the measured iterations.
echo "## Allocation per steady-state aggregateInto step (JMH -prof gc, m = 10, n = 1e6, double and float32 storage)"
"${JAVA[@]}" -Xmx2g -jar "$JAR" 'org.multigrad.bench.AggregateBenchmark' -f 1 -wi 5 -w 1s -i 3 -r 1s \
  -jvmArgsAppend "--add-modules=jdk.incubator.vector -Dmultigrad.simd=$([[ "${SIMD:-1}" == 1 ]] && echo true || echo false)" \
  -p shape=10x1000000 -p method="$METHODS" -p precision=double,float32 -prof gc -rf csv -rff "$OUT/gc.csv" > "$OUT/gc.log"
awk -F, 'NR == 1 { for (c = 1; c <= NF; c++) { if ($c ~ /Param: method/) col = c; if ($c ~ /Param: precision/) pcol = c } }
  /gc.alloc.rate.norm/ { gsub(/"/, ""); printf "  %-10s %-8s %10.1f bytes/op\n", $col, $pcol, $5 }' "$OUT/gc.csv"

if [[ "$TORCH" == 1 ]]; then
  echo
  echo "## PyTorch / MultiGrad (same machine, $THREADS threads)"
  if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    if command -v apt-get > /dev/null; then
      (apt-get update -q && apt-get install -y -q python3-torch) > "$OUT/apt.log" 2>&1 \
        || echo "apt-get install python3-torch failed; see $OUT/apt.log"
    else
      echo "apt-get is not available: cannot install python3-torch, skipping the PyTorch comparison"
    fi
  fi
  # m = 100 is left out: Debian's torch.mm takes tens of seconds per 100 x 1e6 Gramian here
  if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    /usr/bin/python3 bench/torch_compare.py --ours "$OUT/jmh.csv" --threads "$THREADS" \
      --shapes "2x1000000,10x1000000,40x1000000,10x10000000" --solver-m "$SOLVER_M"
  fi
fi
