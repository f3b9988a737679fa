#!/usr/bin/env bash
# NORMAL (Ye's thesis, Ch. 5) beside hard parameter sharing: the benches behind docs/results/normal-*.md.
# Every bench resumes (finished runs are skipped), so an interrupted script continues where it stopped.
#   bench/normal_benches.sh [RUNS]     (default runs/normal; about 40 min on 2 cores with two copies of
#                                       this script's loop body in parallel, one core per bench)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-runs/normal}"
mg="$root/multigrad"
hps=mean,uw,gradnorm,mgda,pcgrad,imtl-g,cagrad,nash-mtl
for spec in multi-mnist:10 multi-fashion:2 fashion-ovr:1; do
  ds=${spec%:*}; epochs=${spec#*:}
  common=(--dataset "$ds" --seeds 3 --epochs "$epochs" --batch-size 64 --optimizer adam --lr 0.001 --threads 1 --quiet)
  # HPS LeNet with the weightings, and the single-task baselines every row is compared with
  "$mg" bench "${common[@]}" --model lenet --methods "$hps" --out "$runs/$ds-lenet"
  variant() { "$mg" bench "${common[@]}" --methods mean --baselines "$runs/$ds-lenet" "$@"; }
  variant --model normal-lenet --out "$runs/$ds-normal"
  variant --model normal-lenet -p positions=exp --out "$runs/$ds-normal-exp"
  variant --model normal-lenet -p ode=first-order --out "$runs/$ds-normal-first-order"
  variant --model normal-lenet -p positions=shared:1 --out "$runs/$ds-normal-shared-p1"
  variant --model lenet-shared-layers --out "$runs/$ds-lenet-shared-layers"
  variant --model lenet-task-layers --out "$runs/$ds-lenet-task-layers"
done
MULTIGRAD="$mg" python3 "$root/bench/normal_tables.py" --runs "$runs" --out "$root/docs/results"
