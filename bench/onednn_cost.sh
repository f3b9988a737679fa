#!/usr/bin/env bash
# The cost of switching libtorch's oneDNN kernels off (docs/onednn-conv-nan): a LeNet training step
# (two 10-class heads, batch 256) timed by org.multigrad.djl.StepTiming with oneDNN off (the default)
# and on (-Dmultigrad.onednn=true), in alternating rounds so that both see the same machine load.
# Usage: bench/onednn_cost.sh [rounds=4] [method=mgda] [threads=1]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-4}; method=${2:-mgda}; threads=${3:-1}
jar=multigrad-cli/target/multigrad.jar
[[ -f $jar ]] || mvn -B -q -Dstyle.color=never -DskipTests package -pl multigrad-cli -am
java_opts=(--add-modules jdk.incubator.vector,jdk.incubator.foreign --enable-native-access=ALL-UNNAMED -cp "$jar")
echo "# $(date -u +%FT%TZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), method $method, threads $threads"
for round in $(seq 1 "$rounds"); do
  for onednn in false true; do
    printf 'round=%s onednn=%s load=%s ' "$round" "$onednn" "$(cut -d' ' -f1 /proc/loadavg)"
    java "${java_opts[@]}" -Dmultigrad.onednn=$onednn org.multigrad.djl.StepTiming --method "$method" --batch-size 256 \
      --steps 30 --warmup 5 --threads "$threads" 2>/dev/null
  done
done
