#!/usr/bin/env bash
# MultiGrad's training step (multigrad-djl, DJL's PyTorch engine) against PyTorch's own loop
# (Debian's python3-torch, bench/torch_train_compare.py) on the same machine: LeNet, 2 tasks,
# MultiMNIST-shaped batches, Adam, for ew and mgda. The two sides alternate ROUNDS times (the side
# that goes first alternates too), so load changes on a shared machine hit both; the reported ratio
# is the median over rounds of MultiGrad / PyTorch (median ms per step of each run).
# Usage: bench/train_compare.sh [--no-build]
# Environment: ROUNDS (default 6), STEPS (timed steps per run, 150), WARMUP (40), BATCH (64),
# THREADS (1: both sides; MultiGrad's --threads), METHODS ("ew mgda"), OUT (bench/out/train-compare).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD=1
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    *) echo "train_compare.sh: unknown option $arg (options: --no-build)" >&2; exit 2 ;;
  esac
done
ROUNDS="${ROUNDS:-6}"
STEPS="${STEPS:-150}"
WARMUP="${WARMUP:-40}"
BATCH="${BATCH:-64}"
THREADS="${THREADS:-1}"
METHODS="${METHODS:-ew mgda}"
OUT="${OUT:-bench/out/train-compare}"
JAR=multigrad-cli/target/multigrad.jar
PY=/usr/bin/python3

if ! "$PY" -c 'import torch' 2>/dev/null; then
  echo "train_compare.sh: $PY cannot import torch; install Debian's python3-torch (apt-get install -y python3-torch)" >&2
  exit 3
fi
if [[ "$BUILD" == 1 || ! -f "$JAR" ]]; then
  mvn -B -q package -DskipTests -pl multigrad-cli -am
fi
mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"
: > "$RESULTS"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "pytorch (python3-torch): $("$PY" -c 'import torch; print(torch.__version__)')"
  echo "settings: rounds $ROUNDS, $STEPS timed steps after $WARMUP warm-up steps, batch $BATCH, $THREADS thread(s)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/machine.txt"

ours() {
  java -cp "$JAR" org.multigrad.djl.StepTiming --method "$1" --batch-size "$BATCH" --steps "$STEPS" \
    --warmup "$WARMUP" --threads "$THREADS" 2>/dev/null | grep '^{' | sed "s/^{/{\"round\": $2, /" >> "$RESULTS"
}
theirs() {
  "$PY" bench/torch_train_compare.py --method "$1" --batch-size "$BATCH" --steps "$STEPS" --warmup "$WARMUP" \
    --threads "$THREADS" | sed "s/^{/{\"round\": $2, /" >> "$RESULTS"
}
for ((round = 0; round < ROUNDS; round++)); do
  for method in $METHODS; do
    if ((round % 2 == 0)); then ours "$method" "$round"; theirs "$method" "$round"
    else theirs "$method" "$round"; ours "$method" "$round"; fi
  done
  echo "round $((round + 1))/$ROUNDS done, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"

"$PY" - "$RESULTS" <<'EOF'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
methods = sorted({r["method"] for r in rows}, key=lambda m: (m != "ew", m))
print("| method | rounds | MultiGrad ms/step (median of runs) | PyTorch ms/step | MultiGrad / PyTorch (median of rounds, min-max) | aggregation share of our step |")
print("|---|---|---|---|---|---|")
for method in methods:
    ours = {r["round"]: r for r in rows if r["method"] == method and r["side"] == "multigrad"}
    theirs = {r["round"]: r for r in rows if r["method"] == method and r["side"] == "pytorch"}
    rounds = sorted(set(ours) & set(theirs))
    ratios = [ours[k]["ms_per_step_median"] / theirs[k]["ms_per_step_median"] for k in rounds]
    share = statistics.median(ours[k]["aggregation_share"] for k in rounds)
    print(f"| {method} | {len(rounds)} | {statistics.median(ours[k]['ms_per_step_median'] for k in rounds):.2f} | "
          f"{statistics.median(theirs[k]['ms_per_step_median'] for k in rounds):.2f} | {statistics.median(ratios):.2f} "
          f"({min(ratios):.2f}-{max(ratios):.2f}) | {100 * share:.2f}% |")
print()
print("Mean parts of a step (ms, median over rounds):")
for method in methods:
    for side in ("multigrad", "pytorch"):
        parts = [r["parts_ms_mean"] for r in rows if r["method"] == method and r["side"] == side]
        text = ", ".join(f"{k} {statistics.median(p[k] for p in parts):.2f}" for k in parts[0])
        print(f"  {method} {side}: {text}")
EOF
