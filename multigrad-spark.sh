#!/usr/bin/env bash
# The multigrad-spark command in Spark's local mode (the module's directory has the name
# multigrad-spark, hence the .sh), with Spark's jars from the Maven class path; builds the module
# first when its jar is missing or older than the sources (needs JDK 17 and Maven on the PATH).
# On a cluster: spark-submit --class org.multigrad.spark.Main multigrad-spark/target/multigrad-spark.jar
# with the same options (docs/spark.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/multigrad-spark/target/multigrad-spark.jar"
classpath="$here/multigrad-spark/target/classpath.txt"
if [[ ! -f "$jar" || ! -f "$classpath" ]] || [[ -n "$(find "$here/multigrad-spark/src/main" "$here/multigrad-core/src/main" -newer "$jar" -print -quit 2>/dev/null)" ]]; then
  echo "multigrad-spark: building the module (mvn -q -DskipTests package) ..." >&2
  # Debian's Maven 3.8.7 writes ANSI reset codes even in batch mode with colours off: strip them.
  (cd "$here" && mvn -B -q -Dstyle.color=never -DskipTests -Dmaven.source.skip -Dmaven.javadoc.skip package -pl multigrad-spark -am) 2>&1 \
    | sed -u 's/\x1b\[[0-9;]*[A-Za-z]//g' >&2
fi
# the JDK 17 flags of Spark's own launcher (org.apache.spark.launcher.JavaModuleOptions); the same
# list is the module's test argLine (property spark.add-opens of multigrad-spark/pom.xml)
opens=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)
# MULTIGRAD_SPARK_JAVA_OPTS: e.g. -Xmx8g for the driver, which holds P partition results of m x n doubles
exec java "${opens[@]}" "-Dlog4j2.configurationFile=$here/multigrad-spark/conf/log4j2.properties" \
  -Dspark.ui.enabled=false ${MULTIGRAD_SPARK_JAVA_OPTS:-} \
  -cp "$jar:$(cat "$classpath")" org.multigrad.spark.Main "$@"
