#!/usr/bin/env bash
# Merkle commitment throughput (RFC 9162 root over 256 MiB of 4 KiB leaves) against `openssl dgst -sha256`
# and `sha256sum` on the same bytes. Prints MB/s (10^6 bytes per second) and the ratios to openssl.
#
# Usage: benchmarks/merkle-vs-openssl.sh            (from anywhere inside the repository)
# Env:   JMH_ARGS   extra JMH options, e.g. JMH_ARGS="-wi 1 -i 3" for a quick run
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
  ./mvnw -B -ntp ${MVN_FLAGS:-} -pl poc-bench -am package -DskipTests -Dspotless.check.skip=true
fi
JAR=poc-bench/target/benchmarks.jar
[ -f "$JAR" ] || { echo "missing $JAR" >&2; exit 1; }

if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  WORK=$(mktemp -d /dev/shm/merkle-bench.XXXXXX)
else
  WORK=$(mktemp -d)
fi
trap 'rm -rf "$WORK"' EXIT
DATA="$WORK/data.bin"
"$JAVA" -cp "$JAR" dev.proofofcompute.bench.MerkleBenchData "$DATA"
BYTES=$(stat -c %s "$DATA")

# best_of_3 CMD...: prints the smallest wall time in seconds of three runs (output discarded).
best_of_3() {
  local best="" t0 t1 dt
  for _ in 1 2 3; do
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    dt=$(( t1 - t0 ))
    if [ -z "$best" ] || [ "$dt" -lt "$best" ]; then best=$dt; fi
  done
  awk -v ns="$best" 'BEGIN { printf "%.4f\n", ns / 1e9 }'
}

echo "== environment"
echo "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "cpu:      $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) CPUs; sha_ni: $(grep -qw sha_ni /proc/cpuinfo && echo yes || echo no)"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg)"
echo "jdk:      $("$JAVA" -version 2>&1 | head -n 2 | tail -n 1)"
echo "jdk sha:  $("$JAVA" -XX:+UnlockDiagnosticVMOptions -XX:+PrintFlagsFinal -version 2>/dev/null \
  | awk '/ UseSHA | UseSHA256Intrinsics / { printf "%s=%s ", $2, $4 }')"
echo "openssl:  $(openssl version)"
echo "data:     $BYTES bytes in $DATA"

echo "== external tools (best of 3, wall clock)"
T_OPENSSL=$(best_of_3 openssl dgst -sha256 "$DATA")
T_SHASUM=$(best_of_3 sha256sum "$DATA")
echo "openssl dgst -sha256: ${T_OPENSSL} s"
echo "sha256sum:            ${T_SHASUM} s"

echo "== JMH (MerkleThroughputBenchmark)"
# shellcheck disable=SC2086
"$JAVA" -jar "$JAR" MerkleThroughputBenchmark -rf csv -rff "$WORK/jmh.csv" ${JMH_ARGS:-}
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Score of a benchmark method in ms/op from the CSV.
score() {
  awk -F, -v m="$1" '$1 ~ "\\." m "\"$" { gsub(/"/, "", $5); print $5 }' "$WORK/jmh.csv"
}
MS_1=$(score merkleRoot1Thread)
MS_2=$(score merkleRoot2Threads)
MS_FLAT=$(score flatSha256)

echo "== Merkle commitment throughput ($BYTES bytes, 4 KiB leaves; MB = 10^6 bytes)"
awk -v b="$BYTES" -v to="$T_OPENSSL" -v ts="$T_SHASUM" -v m1="$MS_1" -v m2="$MS_2" -v mf="$MS_FLAT" 'BEGIN {
  o = b / to / 1e6; s = b / ts / 1e6; r1 = b / (m1 / 1000) / 1e6; r2 = b / (m2 / 1000) / 1e6; f = b / (mf / 1000) / 1e6
  printf "%-34s %9.1f MB/s  %5.2fx openssl\n", "openssl dgst -sha256 (flat)", o, 1
  printf "%-34s %9.1f MB/s  %5.2fx openssl\n", "sha256sum (flat)", s, s / o
  printf "%-34s %9.1f MB/s  %5.2fx openssl\n", "JDK SHA-256 (flat, JMH)", f, f / o
  printf "%-34s %9.1f MB/s  %5.2fx openssl  (target >= 0.8x: %s)\n", "Merkle root, 1 thread (JMH)", r1, r1 / o, (r1 / o >= 0.8 ? "met" : "NOT met")
  printf "%-34s %9.1f MB/s  %5.2fx openssl  (target >= 1.5x: %s)\n", "Merkle root, 2 threads (JMH)", r2, r2 / o, (r2 / o >= 1.5 ? "met" : "NOT met")
}'
