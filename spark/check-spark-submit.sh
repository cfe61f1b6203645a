#!/usr/bin/env bash
# Runs the README's spark-submit form ("At scale") as written, with Spark's own SparkSubmit class:
# the application jar, every jar of spark/target/lib as --jars, and Spark itself only on the
# submitting JVM's class path (as a cluster's installation provides it). A Maven-only install has
# no bin/spark-submit script (Spark's launcher scripts come only in its binary distribution), so
# this starts the class that script ends in, with the --add-opens flags the script adds on
# Java 17. The master defaults to local[2]; pass a spark:// URL to submit to a real cluster.
#
# Usage: spark/check-spark-submit.sh RUNDIR INPUT OUT [MASTER]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN="$1" INPUT="$2" OUT="$3" MASTER="${4:-local[2]}"
cd "$ROOT"
mvn -B -q -pl spark -am package -DskipTests
OPENS=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  OPENS+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
# Embedded masters bind to loopback (as the launcher does); a cluster needs the host's address.
[[ "$MASTER" == local* ]] && export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# Spark's class path: spark/target/spark-lib, plus the libraries Spark shares with the toolkit,
# which Maven copies to lib/ only (a Spark distribution's jars/ folder has its own copies).
SPARK_CP="spark/target/spark-lib/*"
for j in spark/target/lib/{slf4j-api,jackson-,commons-}*.jar; do SPARK_CP="$SPARK_CP:$j"; done
# What `spark-submit --master ... --class ... --jars ... APP.jar ARGS` runs, minus the script.
exec java "${OPENS[@]}" -Dio.netty.tryReflectionSetAccessible=true -cp "$SPARK_CP" \
  org.apache.spark.deploy.SparkSubmit --master "$MASTER" --class art.empathic.spark.SparkMain \
  --jars "$(ls spark/target/lib/*.jar | paste -sd, -)" \
  spark/target/empathic-art-spark.jar score "$INPUT" --model "$RUN" --out "$OUT"
