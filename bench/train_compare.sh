#!/usr/bin/env bash
# MultiGrad's training step (multigrad-djl, DJL's PyTorch engine) against PyTorch's own loop
# (Debian's python3-torch, bench/torch_train_compare.py) on the same machine: LeNet with 2 tasks
# (MODEL=lenet, the default) or mlp-wide (784-1024-1024 trunk, 1,853,440 shared parameters) with
# m = TASKS heads, 1x28x28 batches, Adam, for ew, mgda, cagrad and nash-mtl (LibMTL's steps on the
# PyTorch side, see bench/torch_train_compare.py). One Python process drives both sides and
# alternates blocks of BLOCK_STEPS steps between them (MultiGrad's side is
# org.multigrad.djl.StepTiming --serve in a JVM fed through a pipe; the side going first alternates),
# so load changes on a shared machine hit both; the ratio is the median over blocks of
# MultiGrad's / PyTorch's median step time in the block.
# Usage: bench/train_compare.sh [--no-build]
# Environment: BLOCKS (default 40), BLOCK_STEPS (10), WARMUP (40), BATCH (64), THREADS (1: both
# sides; MultiGrad's --threads), METHODS ("ew mgda"; also cagrad, nash-mtl), MODEL (lenet; or
# mlp-wide), TASKS ("2"; e.g. "2 5 10", each m in turn), PRECISIONS (float32; "float32 double" runs
# MultiGrad's side with each storage of J), JAR (MultiGrad's jar, default multigrad-cli/target/multigrad.jar;
# another build for before/after comparisons), OUT (bench/out/train-compare).
# Example (issue 20): MODEL=mlp-wide TASKS="2 5 10" METHODS="ew mgda cagrad nash-mtl" BLOCKS=10 \
#   BLOCK_STEPS=5 WARMUP=5 bench/train_compare.sh --no-build
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=1
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    *) echo "train_compare.sh: unknown option $arg (options: --no-build)" >&2; exit 2 ;;
  esac
done
BLOCKS="${BLOCKS:-40}"
BLOCK_STEPS="${BLOCK_STEPS:-10}"
WARMUP="${WARMUP:-40}"
BATCH="${BATCH:-64}"
THREADS="${THREADS:-1}"
METHODS="${METHODS:-ew mgda}"
MODEL="${MODEL:-lenet}"
TASKS="${TASKS:-2}"
PRECISIONS="${PRECISIONS:-float32}"
OUT="${OUT:-bench/out/train-compare}"
JAR="${JAR:-multigrad-cli/target/multigrad.jar}"
PY=/usr/bin/python3
case "$MODEL" in
  lenet|mlp-wide) ;;
  *) echo "train_compare.sh: MODEL must be lenet or mlp-wide, got '$MODEL'" >&2; exit 2 ;;
esac

if ! "$PY" -c 'import torch' 2>/dev/null; then
  echo "train_compare.sh: $PY cannot import torch; install Debian's python3-torch (apt-get install -y python3-torch)" >&2
  exit 3
fi
if [[ "$BUILD" == 1 || ! -f "$JAR" ]] && [[ "$JAR" == multigrad-cli/target/multigrad.jar ]]; then
  mvn -B -q package -DskipTests -pl multigrad-cli -am
fi
mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"
: > "$RESULTS"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores"
  echo "java: $(java -version 2>&1 | head -1); DJL's PyTorch natives: $(ls ~/.djl.ai/pytorch 2>/dev/null | head -1); jar: $JAR"
  echo "pytorch (python3-torch): $("$PY" -c 'import torch; print(torch.__version__)')"
  echo "settings: model $MODEL, m in ($TASKS), J storage ($PRECISIONS), $BLOCKS blocks of $BLOCK_STEPS steps per side after $WARMUP warm-up steps, batch $BATCH, $THREADS thread(s)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/machine.txt"

for tasks in $TASKS; do
  for method in $METHODS; do
    for precision in $PRECISIONS; do
      "$PY" bench/torch_train_compare.py --method "$method" --model "$MODEL" --tasks "$tasks" --jacobian-precision "$precision" \
        --batch-size "$BATCH" --warmup "$WARMUP" --threads "$THREADS" \
        --against "$JAR" --blocks "$BLOCKS" --block-steps "$BLOCK_STEPS" >> "$RESULTS"
      echo "$MODEL m=$tasks $method $precision done $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"

"$PY" - "$RESULTS" <<'PYEOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
mb = 1 / 2 ** 20
print("| model | m | method | our mode | J storage | blocks x steps | MultiGrad ms/step | PyTorch ms/step | MultiGrad / PyTorch: median (quartiles) | aggregation share of our step | our J (MiB) | peak RSS ours / PyTorch (MiB) | load during |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    q = r["ratio_quartiles"]
    print(f"| {r['model']} | {r['tasks']} | {r['method']} | {r['mode']} | {r['jacobian_precision']} | {r['blocks']} x {r['block_steps']} | "
          f"{r['multigrad_ms_median']:.2f} | {r['pytorch_ms_median']:.2f} | {r['ratio_median']:.3f} ({q[0]:.3f}-{q[2]:.3f}) | "
          f"{100 * r['aggregation_share_median']:.2f}% | {r['multigrad_jacobian_bytes'] * mb:.1f} | "
          f"{r['multigrad_peak_rss_bytes'] * mb:.0f} / {r['pytorch_peak_rss_bytes'] * mb:.0f} | {r['load_min']:.1f}-{r['load_max']:.1f} |")
print()
print("Parts of a step (ms, median over blocks of the block means):")
for r in rows:
    for side in ("multigrad", "pytorch"):
        parts = r[side + "_parts_ms"]
        print(f"  {r['model']} m={r['tasks']} {r['method']} {r['jacobian_precision']} {side}: "
              + ", ".join(f"{k} {v:.2f}" for k, v in parts.items()))
PYEOF
