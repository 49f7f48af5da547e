#!/usr/bin/env bash
# Whole task lifecycles per second through a real coordinator (lease -> commit -> challenge ->
# respond -> verify -> settle) with N signed clients over loopback HTTP; Freivalds on a 4x4 int8
# product (trivial workload). Prints a markdown table with p50/p99 of lease, commit and respond.
#
# Usage: benchmarks/lifecycle.sh                       (SQLite on disk, SQLite on tmpfs, and
#                                                       PostgreSQL if POC_TEST_PG_URL is set)
# Env:   CLIENTS (8), TASKS (5000), WARMUP (500)
#        MVN_FLAGS  extra Maven flags, e.g. MVN_FLAGS=-o to build offline
#        SKIP_BUILD=1 to reuse poc-bench/target/benchmarks.jar
# Results are wall-clock: on a shared machine, run it when the load average is low (it is printed).
set -euo pipefail

cd "$(dirname "$0")/.."
. bin/jdk-env.sh
poc_select_jdk
JAVA="$JAVA_HOME/bin/java"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # shellcheck disable=SC2086
  ./mvnw -B -ntp -q ${MVN_FLAGS:-} -pl poc-bench -am package -DskipTests -DskipITs \
    -Dspotless.check.skip=true
fi
JAR=poc-bench/target/benchmarks.jar
[ -f "$JAR" ] || { echo "missing $JAR" >&2; exit 1; }

DBS=(--db sqlite)
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  DBS+=(--db sqlite-tmpfs)
fi
if [ -n "${POC_TEST_PG_URL:-}" ]; then
  DBS+=(--db "$POC_TEST_PG_URL")
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$JAR" \
  -Dlogback.configurationFile=/dev/null \
  dev.proofofcompute.bench.LifecycleBenchmark "${DBS[@]}" \
  --clients "${CLIENTS:-8}" --tasks "${TASKS:-5000}" --warmup "${WARMUP:-500}" 2> >(grep -v '^WARNING' >&2)
