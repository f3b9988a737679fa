#!/usr/bin/env bash
# Reruns every black-box study of docs/reproductions-asmg.md into runs/asmg/ and copies each
# summary.json to docs/data/asmg-<dir>-summary.json. A study whose directory already holds a
# summary.json is skipped, so an interrupted run resumes at the next study. About 30 minutes of CPU
# (CMA-ES at d = 200 takes a third of it); `./multigrad` builds the jar when needed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=runs/asmg
mkdir -p "$out"
# a private copy of the jar: a rebuild during the ~30 minutes must not change it under the runs
./multigrad --version > /dev/null
export MULTIGRAD_JAR="$out/multigrad.jar"
cp multigrad-cli/target/multigrad.jar "$MULTIGRAD_JAR"
study() { # NAME ARGS...
  local name=$1; shift
  if [[ -f "$out/$name/summary.json" ]]; then echo "asmg: $name done, skipped"; return; fi
  rm -rf "$out/$name"
  ./multigrad blackbox "$@" --quiet --no-plot --out "$out/$name"
  cp "$out/$name/summary.json" "docs/data/asmg-$name-summary.json"
}
three=asmg-l1-ellipsoid,asmg-lhalf-ellipsoid,asmg-ellipsoid-rastrigin
for N in 10 50 100; do
  study d100-N$N --problem $three --method asmg,asmg-ew,es,cma-es --dim 100 --samples $N --seeds 0,1,2
done
for D in 200 500 1000; do
  study d$D-N100 --method asmg,es --dim $D --samples 100 --budget 808000 --seeds 0,1,2
done
study d200-N100-cma --problem asmg-l1-ellipsoid,asmg-lhalf-ellipsoid --method cma-es --dim 200 --samples 100 \
  --budget 808000 --seeds 0,1,2
study d1000-N100-long --problem asmg-ellipsoid-rastrigin --method asmg --dim 1000 --samples 100 --budget 1616000 \
  --seeds 0,1,2
study printed-N50 --method asmg --update printed --dim 100 --samples 50 --seeds 0,1,2
study printed-N50-b0.01 --method asmg --update printed --beta 0.01 --dim 100 --samples 50 --seeds 0,1,2
study printed-N50-b0.001 --method asmg --update printed --beta 0.001 --dim 100 --samples 50 --seeds 0,1,2
