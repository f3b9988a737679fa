#!/usr/bin/env bash
# Seed 002 (CR-MOGM, Zhou et al. 2022), Table 2 trend on MultiMNIST: final training losses of MGDA
# and CR-MGDA (cr-mogm(mgda), Corollary 1's schedule) for batch sizes 8, 4, 2. Each run is one
# `multigrad train` (LeNet, SGD with momentum 0.9, the same learning rate for every batch size, as
# the paper tunes it once on vanilla MGDA) with --eval-train, which evaluates the whole training
# split at the final parameters. Resumable: finished runs are skipped, runs with fewer epochs than
# EPOCHS continue from their checkpoint.
# Usage: bench/crmogm_table2.sh
# Environment: BATCHES ("8 4 2"), SEEDS ("0 1 2"), EPOCHS (1), LR (0.003), TRAIN_LIMIT (0: all 8,000),
# OUT (runs/table2), JAR (multigrad-cli/target/multigrad.jar; built by ./multigrad when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
BATCHES="${BATCHES:-8 4 2}"
SEEDS="${SEEDS:-0 1 2}"
EPOCHS="${EPOCHS:-1}"
LR="${LR:-0.003}"
TRAIN_LIMIT="${TRAIN_LIMIT:-0}"
OUT="${OUT:-runs/table2}"
JAR="${JAR:-multigrad-cli/target/multigrad.jar}"
[[ -f "$JAR" ]] || ./multigrad --version > /dev/null

for batch in $BATCHES; do
  for method in mgda 'cr-mogm(mgda)'; do
    for seed in $SEEDS; do
      dir="$OUT/b$batch/$method/seed-$seed"
      resume=()
      if [[ -f "$dir/result.json" ]] && (( $(grep -o '"epochs" : [0-9]*' "$dir/result.json" | grep -o '[0-9]*$') >= EPOCHS )); then
        echo "skip $dir (done)" >&2
        continue
      elif [[ -f "$dir/checkpoint.bin" ]]; then
        resume=(--resume)   # same options, more epochs: continues bit for bit
      else
        rm -rf "$dir"
      fi
      mkdir -p "$(dirname "$dir")"
      echo "$(date -u +%H:%M:%S) batch $batch, $method, seed $seed ${resume[*]} (load $(cut -d' ' -f1 /proc/loadavg))" >&2
      java --add-modules jdk.incubator.vector,jdk.incubator.foreign --enable-native-access=ALL-UNNAMED -jar "$JAR" train --dataset multi-mnist --model lenet --methods "$method" --batch-size "$batch" \
        --epochs "$EPOCHS" --optimizer sgd --lr "$LR" --seeds "$seed..$seed" --threads 1 --train-limit "$TRAIN_LIMIT" \
        --eval-train --quiet --out "$dir" "${resume[@]}" >> "$dir.log" 2>&1 || { echo "failed: see $dir.log" >&2; exit 1; }
    done
  done
done

/usr/bin/python3 - "$OUT" $BATCHES <<'EOF'
import json, statistics, sys
out, batches = sys.argv[1], sys.argv[2:]
print("| batch size | steps | MGDA loss-L | MGDA loss-R | CR-MGDA loss-L | CR-MGDA loss-R |")
print("|---|---|---|---|---|---|")
import glob
for batch in batches:
    cells, steps = [], None
    for method in ("mgda", "cr-mogm(mgda)"):
        results = [json.load(open(f)) for f in sorted(glob.glob(f"{out}/b{batch}/{method}/seed-*/result.json"))]
        steps = results[0]["steps"]
        for task in (0, 1):
            losses = [r["tasks"][task]["train_loss"] for r in results]
            spread = statistics.stdev(losses) if len(losses) > 1 else 0.0
            cells.append(f"{statistics.fmean(losses):.3f} ± {spread:.3f}")
    print(f"| {batch} | {steps} | " + " | ".join(cells) + " |")
print(f"\nTraining-split cross-entropy at the final parameters, mean ± sample std over {len(results)} seeds.")
EOF
