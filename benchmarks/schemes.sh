#!/usr/bin/env bash
# Verification cost of the schemes against the work they check, as ratios measured in the same run (issue 3):
#   freivalds   FreivaldsBenchmark   validate / product and verifyProduct / product for int8 n x n (target <= 1%
#                                    at n = 1024)
#   spot-check  SpotCheckBenchmark   (verify + canaryAnswers) / execute for mlp-infer (target <= 3%, at >= 99.9%
#                                    detection of >= 10% faked items); prepare shown separately
#   bisection   BisectionBenchmark   referee / (oneStep + hashing) (target: one step plus hashing, ~1x) and
#                                    referee / fullRun, for heat-sim and mlp-train
# Two measurements: JMH (wall clock, mean and best iteration) and SchemeCostProbe (CPU time of the JVM process,
# GC included, operations interleaved, best and median of the rounds), which a loaded machine disturbs much less.
#
# Usage: benchmarks/schemes.sh            (from anywhere inside the repository)
# Env:   JMH_ARGS      JMH options, default "-f 1 -wi 2 -i 3"
#        PROBE_ROUNDS  rounds of the CPU-time probe, default 3
#        KEEP=dir      keep the raw results (jmh.json, probe.txt) in dir
#        MVN_FLAGS     extra Maven flags, e.g. MVN_FLAGS=-o to build offline
#        SKIP_BUILD=1  reuse poc-bench/target/benchmarks.jar (or BENCH_JAR=path, e.g. a copy)
#        SKIP_JMH=1 / SKIP_PROBE=1  run only one of the two measurements
#        JMH_IGNORE_LOCK=1  run even if another JMH run holds /tmp/jmh.lock (shared machine)
set -euo pipefail

cd "$(dirname "$0")/.."
. bin/jdk-env.sh
poc_select_jdk
JAVA="$JAVA_HOME/bin/java"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # shellcheck disable=SC2086
  ./mvnw -B -ntp ${MVN_FLAGS:-} -pl poc-bench -am package -DskipTests -Dspotless.check.skip=true
fi
JAR=${BENCH_JAR:-poc-bench/target/benchmarks.jar}
[ -f "$JAR" ] || { echo "missing $JAR" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
: > "$WORK/records.txt"

echo "== environment"
echo "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "cpu:      $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) CPUs"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg)"
echo "jdk:      $("$JAVA" -version 2>&1 | head -n 2 | tail -n 1)"

if [ "${SKIP_JMH:-0}" != 1 ]; then
  echo "== JMH (wall clock)"
  LOCK_FLAG=()
  if [ "${JMH_IGNORE_LOCK:-0}" = 1 ]; then LOCK_FLAG=(-Djmh.ignoreLock=true); fi
  # shellcheck disable=SC2086
  "$JAVA" ${LOCK_FLAG[@]+"${LOCK_FLAG[@]}"} -jar "$JAR" 'dev\.proofofcompute\.bench\.(Freivalds|SpotCheck|Bisection)Benchmark' \
    ${JMH_ARGS:--f 1 -wi 2 -i 3} -rf json -rff "$WORK/jmh.json"
  echo "load after JMH: $(cut -d' ' -f1-3 /proc/loadavg)"
  # One record per benchmark: <source> <scheme> <parameter> <operation> <value in ms>, for the mean and for the
  # best (fastest) iteration.
  jq -r '
    .[]
    | (.benchmark | split(".")) as $name
    | ($name[-2] | if . == "FreivaldsBenchmark" then "freivalds"
                   elif . == "SpotCheckBenchmark" then "spot-check" else "bisection" end) as $scheme
    | (if $scheme == "freivalds" then "n=" + .params.n
       elif $scheme == "spot-check" then "items=" + .params.items
       else .params.workload end) as $param
    | (if .primaryMetric.scoreUnit == "us/op" then 0.001 else 1 end) as $f
    | "jmh-mean \($scheme) \($param) \($name[-1]) \(.primaryMetric.score * $f)",
      "jmh-best \($scheme) \($param) \($name[-1]) \(([.primaryMetric.rawData[][]] | min) * $f)"
  ' "$WORK/jmh.json" >> "$WORK/records.txt"
fi

if [ "${SKIP_PROBE:-0}" != 1 ]; then
  echo "== CPU time (SchemeCostProbe, ${PROBE_ROUNDS:-3} rounds after 1 warm-up round)"
  "$JAVA" -Xms1g -Xmx1g -cp "$JAR" dev.proofofcompute.bench.SchemeCostProbe "${PROBE_ROUNDS:-3}" \
    | tee "$WORK/probe.txt" || echo "the probe failed; ratios below without it" >&2
  awk '/^cpu / { print "cpu-best", $2, $3, $4, $5; print "cpu-median", $2, $3, $4, $6 }
       /^thread / { print "thread-best", $2, $3, $4, $5; print "thread-median", $2, $3, $4, $6 }' \
    "$WORK/probe.txt" >> "$WORK/records.txt"
  awk '/^detection / { print "detection", $2, $3, $4, $5, $6 }' "$WORK/probe.txt" >> "$WORK/records.txt"
fi

if [ -n "${KEEP:-}" ]; then
  mkdir -p "$KEEP"
  cp "$WORK"/*.json "$WORK"/*.txt "$KEEP"/ 2>/dev/null || true
fi

echo "== ratios (verification cost / the work it checks, same run)"
awk '
  $1 == "detection" { det[$3] = $4; samples[$3] = $5; canaries[$3] = $6; next }
  {
    v[$1 SUBSEP $2 SUBSEP $3 SUBSEP $4] = $5
    if (!(($1) in seen)) { seen[$1] = 1; sources[++ns] = $1 }
    key = $2 SUBSEP $3
    if (!(key in seenp)) { seenp[key] = 1; params[$2, ++np[$2]] = $3 }
  }
  function get(src, scheme, p, op) { return v[src SUBSEP scheme SUBSEP p SUBSEP op] + 0 }
  function has(src, scheme, p, op) { return (src SUBSEP scheme SUBSEP p SUBSEP op) in v }
  function pct(x) { return sprintf("%.2f%%", 100 * x) }
  END {
    title["jmh-mean"] = "JMH mean (wall clock)"; title["jmh-best"] = "JMH best iteration (wall clock)"
    title["cpu-best"] = "process CPU time (GC included), best round"
    title["cpu-median"] = "process CPU time (GC included), median round"
    title["thread-best"] = "thread CPU time (GC excluded), best round"
    title["thread-median"] = "thread CPU time (GC excluded), median round"
    for (s = 1; s <= ns; s++) {
      src = sources[s]
      print "-- " title[src] " (ms per operation)"
      for (i = 1; i <= np["freivalds"]; i++) {
        p = params["freivalds", i]
        if (!has(src, "freivalds", p, "product")) continue
        b = get(src, "freivalds", p, "product"); a = get(src, "freivalds", p, "validate")
        c = get(src, "freivalds", p, "verifyProduct"); o = get(src, "freivalds", p, "encodeOutput")
        line = sprintf("freivalds  %-12s product %10.3f  validate %8.3f (%s)  verifyProduct %8.3f (%s)  encodeOutput %7.3f",
                       p, b, a, pct(a / b), c, pct(c / b), o)
        if (p == "n=1024") line = line "  target validate <= 1%: " (a / b <= 0.01 ? "met" : "NOT met")
        print line
      }
      for (i = 1; i <= np["spot-check"]; i++) {
        p = params["spot-check", i]
        if (!has(src, "spot-check", p, "execute")) continue
        e = get(src, "spot-check", p, "execute"); ver = get(src, "spot-check", p, "verify")
        can = get(src, "spot-check", p, "canaryAnswers"); pre = get(src, "spot-check", p, "prepare")
        r = (ver + can) / e
        d = (p in det) ? sprintf("detection %s (%s, %s)", det[p], samples[p], canaries[p]) : "detection: see the probe"
        printf "spot-check %-12s execute %9.3f  verify %7.3f  canaries %6.3f  prepare %6.3f  (verify+canaries)/execute %s  +prepare %s  %s  target <= 3%%: %s\n",
               p, e, ver, can, pre, pct(r), pct((ver + can + pre) / e), d, (r <= 0.03 ? "met" : "NOT met")
      }
      for (i = 1; i <= np["bisection"]; i++) {
        p = params["bisection", i]
        if (!has(src, "bisection", p, "fullRun")) continue
        f = get(src, "bisection", p, "fullRun"); ref = get(src, "bisection", p, "referee")
        st = get(src, "bisection", p, "oneStep"); h = get(src, "bisection", p, "hashing")
        printf "bisection  %-12s fullRun %9.3f  referee %7.3f  oneStep %7.3f  hashing %7.3f  referee/(oneStep+hashing) %.2fx  referee/fullRun %s\n",
               p, f, ref, st, h, ref / (st + h), pct(ref / f)
      }
    }
  }' "$WORK/records.txt"
