#!/usr/bin/env bash
# Whole task lifecycles per second through a real coordinator (lease -> commit -> challenge ->
# respond -> verify -> settle) with N signed clients over loopback HTTP; Freivalds on a 4x4 int8
# product (trivial workload). Prints a markdown table with p50/p99 of lease, commit and respond.
#
# Usage: benchmarks/lifecycle.sh                       (SQLite on disk, SQLite on tmpfs, and
#                                                       PostgreSQL if POC_TEST_PG_URL is set)
# Env:   CLIENTS (8), TASKS (5000), WARMUP (500), BATCH (1: one task per request, WorkerAgents;
#        B > 1: each client leases up to B tasks per request and commits/responds in batches)
#        JAVA_OPTS  extra JVM flags, e.g. -XX:StartFlightRecording=duration=60s,filename=/tmp/x.jfr
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

if [ -n "${DBS_ONLY:-}" ]; then
  # e.g. DBS_ONLY="sqlite" or DBS_ONLY="sqlite-tmpfs postgresql://..."
  DBS=()
  for d in $DBS_ONLY; do DBS+=(--db "$d"); done
else
  DBS=(--db sqlite)
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    DBS+=(--db sqlite-tmpfs)
  fi
  if [ -n "${POC_TEST_PG_URL:-}" ]; then
    DBS+=(--db "$POC_TEST_PG_URL")
  fi
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
"$JAVA" --enable-native-access=ALL-UNNAMED ${JAVA_OPTS:-} -cp "$JAR" \
  -Dlogback.configurationFile=/dev/null \
  dev.proofofcompute.bench.LifecycleBenchmark "${DBS[@]}" \
  --clients "${CLIENTS:-8}" --tasks "${TASKS:-5000}" --warmup "${WARMUP:-500}" \
  --batch "${BATCH:-1}" 2> >(grep -v '^WARNING' >&2)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
