#!/usr/bin/env bash
# STARK scaling (issue 7): prove time, verify time (cold and warm), proof size and memory of the MiMC-7 chain
# (mimc7-chain/v1, default parameters: blowup 4, 42 queries, 16 grinding bits, 99 conjectured bits) for
# 2^k - 1 steps (2^k rows), k = 12..20, on one and two prover threads. Each configuration runs in a child JVM
# of its own (dev.proofofcompute.bench.StarkScaling); the load average is read before and after each.
#
# Usage: benchmarks/stark-scaling.sh [extra StarkScaling options]
#        e.g. benchmarks/stark-scaling.sh --logs 12-16 --reps 5
# Env:   SKIP_BUILD=1  reuse poc-bench/target/benchmarks.jar (or BENCH_JAR=path, e.g. a copy)
#        OUT=dir       keep the proof bundles and the results file there (default: a temporary folder)
#        MVN_FLAGS     extra Maven flags, e.g. MVN_FLAGS=-o to build offline
set -euo pipefail

cd "$(dirname "$0")/.."
. bin/jdk-env.sh
poc_select_jdk
JAVA="$JAVA_HOME/bin/java"

if [ "${SKIP_BUILD:-0}" != 1 ] && [ -z "${BENCH_JAR:-}" ]; then
  # shellcheck disable=SC2086
  ./mvnw -B -ntp -q ${MVN_FLAGS:-} -pl poc-bench -am package -DskipTests -Dspotless.check.skip=true
fi
JAR=${BENCH_JAR:-poc-bench/target/benchmarks.jar}
[ -f "$JAR" ] || { echo "missing $JAR" >&2; exit 1; }
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"

echo "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine:  $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) CPUs, $(free -g | awk '/^Mem:/ {print $2}') GiB"
echo "jdk:      $("$JAVA" -version 2>&1 | head -n 2 | tail -n 1)"
echo "commit:   $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "uptime:   $(uptime)"
if awk -v n="$(nproc)" '{ exit !($1 > n) }' /proc/loadavg; then
  echo "warning:  the load average exceeds the CPU count: wall times will be inflated; read the CPU columns" >&2
fi
echo
"$JAVA" -cp "$JAR" dev.proofofcompute.bench.StarkScaling --logs 12-20 --threads 1,2 --reps 3 --verifies 2000 \
  --dir "$OUT" --results "$OUT/results.txt" "$@"
echo
echo "uptime:   $(uptime)"
echo "results:  $OUT/results.txt"
