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

# cpu_seconds CMD...: user + sys CPU seconds of the cheapest of three runs (output discarded).
cpu_seconds() {
  local best="" t
  for _ in 1 2 3; do
    t=$( { /usr/bin/time -f "%U %S" "$@" >/dev/null; } 2>&1 | tail -n 1 | awk '{ print $1 + $2 }')
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
  done
  echo "$best"
}

echo "== CPU time, one thread (load-robust; resolution of /usr/bin/time is 10 ms)"
C_OPENSSL=$(cpu_seconds openssl dgst -sha256 "$DATA")
echo "openssl dgst -sha256: ${C_OPENSSL} s user+sys"
"$JAVA" -Xmx1g -cp "$JAR" dev.proofofcompute.bench.MerkleCpuTimeProbe 10 | tee "$WORK/cpu.txt"
awk -v b="$BYTES" -v co="$C_OPENSSL" '
  /^cpu-time/ { t[$2] = $3 }
  END {
    o = b / co / 1e6
    printf "%-30s %10.1f MB per CPU-s\n", "openssl dgst -sha256 (flat)", o
    printf "%-30s %10.1f MB per CPU-s  %5.2fx openssl\n", "JDK SHA-256 (flat)", b / t["flatSha256"] / 1e6, b / t["flatSha256"] / 1e6 / o
    printf "%-30s %10.1f MB per CPU-s  %5.2fx openssl\n", "Merkle root, 1 thread", b / t["merkleRoot1Thread"] / 1e6, b / t["merkleRoot1Thread"] / 1e6 / o
  }' "$WORK/cpu.txt"

echo "== JMH (MerkleThroughputBenchmark)"
# shellcheck disable=SC2086
"$JAVA" -jar "$JAR" MerkleThroughputBenchmark -rf json -rff "$WORK/jmh.json" ${JMH_ARGS:-}
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Mean and best (smallest) iteration of a benchmark method, in ms/op, from the JMH JSON. The best
# iteration is the figure least disturbed by other load, like the best of 3 for the external tools.
mean_ms() {
  jq -r --arg m "$1" '.[] | select(.benchmark | endswith("." + $m)) | .primaryMetric.score' "$WORK/jmh.json"
}
best_ms() {
  jq -r --arg m "$1" '.[] | select(.benchmark | endswith("." + $m)) | [.primaryMetric.rawData[][]] | min' \
    "$WORK/jmh.json"
}

echo "== Merkle commitment throughput ($BYTES bytes, 4 KiB leaves; MB = 10^6 bytes)"
echo "   (ratios use the best run of each: best of 3 for the tools, best JMH iteration for Java)"
{
  echo "openssl $T_OPENSSL $T_OPENSSL"
  echo "sha256sum $T_SHASUM $T_SHASUM"
  for m in flatSha256 merkleRoot1Thread merkleRoot2Threads; do
    echo "$m $(awk -v x="$(best_ms $m)" 'BEGIN { print x / 1000 }') $(awk -v x="$(mean_ms $m)" 'BEGIN { print x / 1000 }')"
  done
} | awk -v b="$BYTES" '
  { best[$1] = $2; mean[$1] = $3; order[NR] = $1 }
  END {
    name["openssl"] = "openssl dgst -sha256 (flat)"
    name["sha256sum"] = "sha256sum (flat)"
    name["flatSha256"] = "JDK SHA-256 (flat, JMH)"
    name["merkleRoot1Thread"] = "Merkle root, 1 thread (JMH)"
    name["merkleRoot2Threads"] = "Merkle root, 2 threads (JMH)"
    target["merkleRoot1Thread"] = 0.8
    target["merkleRoot2Threads"] = 1.5
    o = b / best["openssl"] / 1e6
    printf "%-30s %10s %10s %9s\n", "", "best MB/s", "mean MB/s", "vs openssl"
    for (i = 1; i <= NR; i++) {
      k = order[i]; r = b / best[k] / 1e6; mn = b / mean[k] / 1e6
      line = sprintf("%-30s %10.1f %10.1f %8.2fx", name[k], r, mn, r / o)
      if (k in target) line = line sprintf("  (target >= %.1fx: %s)", target[k], (r / o >= target[k] ? "met" : "NOT met"))
      print line
    }
  }'
if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
  echo "WARNING: the load average ($(cut -d' ' -f1 /proc/loadavg)) exceeds the $(nproc) CPUs: other processes" \
    "shared the cores, so the wall-clock figures and ratios above say little; see the CPU-time section."
fi
