#!/usr/bin/env bash
# multigrad-spark's benchmark (issue 19): synthetic-logistic rows x 784 features, 10 classes, m = 10
# per-label objectives, mgda + Adam, full batch; seconds per iteration and rows/s for each master and
# partition count, against the single-JVM path on the same rows; a Markdown table on stdout, with
# the machine's load before and after. Usage: bench/spark.sh [ROWS] [ITERATIONS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-1000000}"
iterations="${2:-3}"
(cd "$here" && mvn -B -q -Dstyle.color=never -DskipTests -Dmaven.source.skip -Dmaven.javadoc.skip package -pl multigrad-spark -am) 2>&1 \
  | sed -u 's/\x1b\[[0-9;]*[A-Za-z]//g' >&2
echo "load before: $(uptime)"
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(java -version 2>&1 | head -1)"
echo
# the launcher's JVM flags (multigrad-spark.sh); -Xmx: the driver and, in local mode, the executors
opens="$(sed -n '/^opens=(/,/)$/p' "$here/multigrad-spark.sh" | tr -d '()' | sed 's/^opens=//')"
# shellcheck disable=SC2086
java $opens -Xmx6g "-Dlog4j2.configurationFile=$here/multigrad-spark/conf/log4j2.properties" \
  -cp "$here/multigrad-spark/target/multigrad-spark.jar:$(cat "$here/multigrad-spark/target/classpath.txt")" \
  org.multigrad.spark.SparkBenchmark "$rows" 784 10 "$iterations" 'local[1],local[2]' 1,2,4,8,16
echo
echo "load after: $(uptime)"
