#!/usr/bin/env bash
# Side by side on this machine (issue 7): snarkjs Groth16 and PLONK (BN254) proving a Poseidon hash chain of
# N hashes, against our STARK proving a MiMC-7 chain of N hashes (N 64-round permutations = 64·N steps of
# mimc7-chain/v1, default parameters). Each system proves its own native algebraic hash; what differs between
# the statements is in docs/benchmarks.md, section STARK.
#
#   snarkjs side: circom2 compiles circuits/poseidon_chain.circom (circomlib Poseidon(1), --O2); a local
#   powers-of-tau file of 2^PTAU_POWER (insecure, fine for timing; see PTAU_SOURCE); Groth16 and PLONK setups;
#   bench.mjs times fullProve (witness + proof) and verify in-process, on all cores and on one thread
#   (snarkjs' singleThread option); the snarkjs CLI's `groth16 fullprove` and `groth16 verify` are also timed
#   end to end (node start-up included).
#   STARK side: dev.proofofcompute.bench.StarkScaling proves 64·N steps on 1 and 2 threads (a child JVM per
#   configuration, JIT warmed up first) and verifies cold and warm; `./poc prove` / `./poc verify` are timed
#   end to end (JVM start-up included).
#
# All tools come from the npm registry (package.json pins snarkjs 0.7.6, circom2 0.2.23 = circom 2.2.3,
# circomlib 2.0.5, and ffjavascript 0.3.1 + @noble/hashes 1.8.0 for make-ptau.mjs) and install into
# benchmarks/snarkjs/node_modules (git-ignored); build products and the ptau file go to benchmarks/snarkjs/build
# (git-ignored, reused by later runs).
#
# Usage: benchmarks/snarkjs-vs-stark.sh [N ...]        (default: 64 256)
# Env:   PTAU_SOURCE=ceremony  where the powers of tau come from:
#                         ceremony   `snarkjs powersoftau new` + `contribute` (one local contribution) +
#                                    `prepare phase2`. Slow: prepare phase2 runs a group FFT per power in JS
#                                    (2^14 took 37 min; 2^16 did not finish in 80 min on the loaded 2-core machine).
#                         generated  snarkjs/make-ptau.mjs writes the prepared file directly from a tau drawn from
#                                    a seed (PTAU_SEED=hex, else random; printed and recorded: INSECURE, anyone
#                                    with the seed knows tau), under `nice -n 19`; 2^20 in minutes. Before, the
#                                    run executes snarkjs/check-ptau.sh (CHECK_POWER=12): make-ptau's file must be
#                                    byte-identical to snarkjs' new + beacon + prepare phase2 with the same seed,
#                                    pass `snarkjs powersoftau verify`, and give Groth16 and PLONK proofs that
#                                    verify (SKIP_PTAU_CHECK=1 skips it). The large file is checked with
#                                    `snarkjs powersoftau verify` once after it is made (VERIFY_PTAU=0 skips).
#        PTAU_POWER=16 (ceremony) or 20 (generated)   which chain lengths fit: Groth16 needs 213 constraints per
#                         hash, so 2^14 fits N <= 76 and 2^16 N <= 307; PLONK needs about 2,070 gates per hash,
#                         so 2^14 fits N <= 7, 2^16 N <= 31, 2^17 N = 32, 2^18 N = 64 and 2^20 N = 256. A setup
#                         that does not fit is reported as such. The file is kept in build/ptau and reused.
#        WAIT_LOAD=2.0    before each timed group, wait until the 1-minute load average is below this (polled
#                         every 15 s, at most WAIT_MAX=600 s; the wait and the load are recorded with the row);
#                         unset: no wait. For a machine shared with other measurements.
#        REPS=3           proofs per configuration (median reported); PLONK_REPS=1
#        SKIP_PLONK=1 SKIP_CLI=1 SKIP_STARK=1 SKIP_SNARKJS=1  leave parts out
#        SKIP_BUILD=1     reuse poc-bench/target/benchmarks.jar (or BENCH_JAR=path)
#        OUT=dir          keep the raw results (results.txt) and proofs there (default: a temporary folder)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
HERE=$ROOT/benchmarks/snarkjs
PTAU_SOURCE=${PTAU_SOURCE:-ceremony}
case "$PTAU_SOURCE" in
  ceremony) PTAU_POWER=${PTAU_POWER:-16} ;;
  generated) PTAU_POWER=${PTAU_POWER:-20} ;;
  *) echo "PTAU_SOURCE must be ceremony or generated, got $PTAU_SOURCE" >&2; exit 2 ;;
esac
REPS=${REPS:-3}
PLONK_REPS=${PLONK_REPS:-1}
if [ $# -gt 0 ]; then NS=("$@"); else NS=(64 256); fi
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
RESULTS=$OUT/results.txt
: > "$RESULTS"

load() { cut -d' ' -f1-3 /proc/loadavg | tr ' ' '_'; }
record() { echo "$*" | tee -a "$RESULTS"; }
# Waits (at most WAIT_MAX s) until the 1-minute load average is below WAIT_LOAD; sets WAITED to the seconds
# waited (with "+" when it gave up). A no-op when WAIT_LOAD is unset.
WAITED=0
wait_quiet() {
  WAITED=0
  [ -n "${WAIT_LOAD:-}" ] || return 0
  local start now
  start=$(date +%s)
  while awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v m="$WAIT_LOAD" 'BEGIN { exit !(l >= m) }'; do
    now=$(date +%s)
    if [ $((now - start)) -ge "${WAIT_MAX:-600}" ]; then
      WAITED="$((now - start))+"
      echo "load $(load) still >= $WAIT_LOAD after ${WAITED%+} s: measuring anyway" >&2
      return 0
    fi
    sleep 15
  done
  WAITED=$(($(date +%s) - start))
}
# Wall milliseconds of a command, its output to $OUT/cmd.log; fails the script if the command fails.
timed_ms() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" > "$OUT/cmd.log" 2>&1 || { cat "$OUT/cmd.log" >&2; return 1; }
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}

. bin/jdk-env.sh
poc_select_jdk
JAVA="$JAVA_HOME/bin/java"

echo "== environment"
echo "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine:  $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) CPUs, $(free -g | awk '/^Mem:/ {print $2}') GiB"
echo "node:     $(node --version)"
echo "jdk:      $("$JAVA" -version 2>&1 | head -n 2 | tail -n 1)"
echo "uptime:   $(uptime)"
record "run start=$(date -u +%Y-%m-%dT%H:%M:%SZ) load=$(load) ns=$(IFS=,; echo "${NS[*]}") ptauPower=$PTAU_POWER ptauSource=$PTAU_SOURCE waitLoad=${WAIT_LOAD:-none}"

SNARKJS=$HERE/node_modules/.bin/snarkjs
CIRCOM=$HERE/node_modules/.bin/circom2

if [ "${SKIP_SNARKJS:-0}" != 1 ]; then
  echo "== npm install (benchmarks/snarkjs)"
  if [ ! -x "$SNARKJS" ] || [ ! -x "$CIRCOM" ]; then
    (cd "$HERE" && npm ci --no-audit --no-fund)
  fi
  echo "snarkjs:  $(node -p "require('$HERE/node_modules/snarkjs/package.json').version")"
  echo "circom2:  $("$CIRCOM" --version | tr '\n' ' ')"
  echo "circomlib: $(node -p "require('$HERE/node_modules/circomlib/package.json').version")"

  if [ "$PTAU_SOURCE" = ceremony ]; then
    PTAU=$HERE/build/ptau/pot${PTAU_POWER}_final.ptau
  else
    PTAU=$HERE/build/ptau/gen${PTAU_POWER}.ptau
  fi
  if [ "$PTAU_SOURCE" = generated ] && [ "${SKIP_PTAU_CHECK:-0}" != 1 ]; then
    echo "== make-ptau.mjs against snarkjs at 2^${CHECK_POWER:-12} (check-ptau.sh, nice -n 19)"
    l0=$(load)
    line=$(nice -n 19 "$HERE/check-ptau.sh" "${CHECK_POWER:-12}" | grep '^result ') || { echo "check-ptau.sh failed" >&2; exit 1; }
    record "${line#result } loadBefore=$l0 loadAfter=$(load)"
  fi
  if [ ! -f "$PTAU" ] && [ "$PTAU_SOURCE" = generated ]; then
    echo "== powers of tau 2^$PTAU_POWER (make-ptau.mjs, nice -n 19; INSECURE: tau from a printed seed)"
    mkdir -p "$HERE/build/ptau"
    l0=$(load)
    seedArg=()
    [ -n "${PTAU_SEED:-}" ] && seedArg=(--seed "$PTAU_SEED")
    line=$(nice -n 19 node "$HERE/make-ptau.mjs" --power "$PTAU_POWER" --out "$PTAU" ${seedArg[@]+"${seedArg[@]}"} |
      grep '^result ')
    # The generation record is kept next to the file, so that a run reusing the file still reports it.
    echo "ptau source=generated ${line#result } nice=19 loadBefore=$l0 loadAfter=$(load) made=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
      > "$PTAU.info"
    if [ "${VERIFY_PTAU:-1}" = 1 ]; then
      echo "== snarkjs powersoftau verify (nice -n 19)"
      l0=$(load)
      ms=$(timed_ms nice -n 19 "$SNARKJS" powersoftau verify "$PTAU") || { echo "snarkjs powersoftau verify failed on $PTAU" >&2; rm -f "$PTAU" "$PTAU.info"; exit 1; }
      grep -q "Powers of Tau Ok" "$OUT/cmd.log" || { echo "verify did not say Ok" >&2; rm -f "$PTAU" "$PTAU.info"; exit 1; }
      echo "ptau-verify power=$PTAU_POWER ok=yes ms=$ms nice=19 loadBefore=$l0 loadAfter=$(load)" >> "$PTAU.info"
    fi
    cat "$PTAU.info" >> "$RESULTS"
    cat "$PTAU.info"
  elif [ -f "$PTAU.info" ]; then
    sed 's/$/ reused=yes/' "$PTAU.info" | tee -a "$RESULTS"
  fi
  if [ ! -f "$PTAU" ]; then
    echo "== powers of tau 2^$PTAU_POWER (local, one contribution)"
    mkdir -p "$HERE/build/ptau"
    p0=$HERE/build/ptau/pot${PTAU_POWER}_0000.ptau
    p1=$HERE/build/ptau/pot${PTAU_POWER}_0001.ptau
    l0=$(load)
    ms=$(timed_ms "$SNARKJS" powersoftau new bn128 "$PTAU_POWER" "$p0")
    ms2=$(timed_ms "$SNARKJS" powersoftau contribute "$p0" "$p1" --name=poc-bench -e="poc-bench $(date +%s%N)")
    ms3=$(timed_ms "$SNARKJS" powersoftau prepare phase2 "$p1" "$PTAU.tmp")
    mv "$PTAU.tmp" "$PTAU"
    rm -f "$p0" "$p1"
    record "ptau source=ceremony power=$PTAU_POWER newMs=$ms contributeMs=$ms2 preparePhase2Ms=$ms3 loadBefore=$l0 loadAfter=$(load)"
  fi

  for N in "${NS[@]}"; do
    echo "== snarkjs, Poseidon chain of $N hashes"
    D=$HERE/build/chain_$N
    mkdir -p "$D"
    if [ ! -f "$D/chain_$N.r1cs" ] || [ "$HERE/circuits/poseidon_chain.circom" -nt "$D/chain_$N.r1cs" ]; then
      printf 'pragma circom 2.0.0;\ninclude "poseidon_chain.circom";\ncomponent main {public [x0]} = PoseidonChain(%d);\n' \
        "$N" > "$D/chain_$N.circom"
      l0=$(load)
      # circom2 runs under WASI and sees paths relative to the current folder only.
      ms=$(cd "$HERE" && timed_ms "$CIRCOM" "build/chain_$N/chain_$N.circom" --r1cs --wasm --O2 \
        -l circuits -l node_modules/circomlib/circuits -o "build/chain_$N")
      rm -f "$D/groth16.zkey" "$D/plonk.zkey"
      record "compile n=$N ms=$ms loadBefore=$l0 loadAfter=$(load)"
    fi
    constraints=$("$SNARKJS" r1cs info "$D/chain_$N.r1cs" 2>&1 | grep -o 'Constraints: [0-9]*' | grep -o '[0-9]*')
    record "r1cs n=$N constraints=$constraints"
    WASM=$D/chain_${N}_js/chain_$N.wasm

    SYSTEMS=(groth16)
    [ "${SKIP_PLONK:-0}" = 1 ] || SYSTEMS+=(plonk)
    for S in "${SYSTEMS[@]}"; do
      Z=$D/$S.zkey
      V=$D/$S.vkey.json
      if [ ! -f "$Z" ] || [ ! -f "$V" ] || [ "$PTAU" -nt "$Z" ]; then
        l0=$(load)
        line=$(cd "$HERE" && nice -n "${NICE_SETUP:-19}" node bench.mjs setup --system "$S" --r1cs "$D/chain_$N.r1cs" --ptau "$PTAU" \
          --zkey "$Z" --vkey "$V" | grep '^result ')
        record "snark-setup n=$N ${line#result } nice=${NICE_SETUP:-19} loadBefore=$l0 loadAfter=$(load)"
        case "$line" in *setupOk=no*) rm -f "$Z" "$V" "$Z.info"; continue ;; esac
        tail -n 1 "$RESULTS" > "$Z.info"
      elif [ -f "$Z.info" ]; then
        # A setup made by an earlier run: its record (the PLONK gate count among others) still belongs here.
        sed 's/$/ reused=yes/' "$Z.info" | tee -a "$RESULTS"
      fi
      reps=$REPS
      [ "$S" = plonk ] && reps=$PLONK_REPS
      for T in all 1; do
        flag=()
        [ "$T" = 1 ] && flag=(--single-thread)
        wait_quiet
        l0=$(load)
        line=$(cd "$HERE" && node bench.mjs prove --system "$S" --n "$N" --wasm "$WASM" --zkey "$Z" --vkey "$V" \
          --reps "$reps" --verifies 10 ${flag[@]+"${flag[@]}"} | grep '^result ')
        record "snark-prove constraints=$constraints ${line#result } waitedS=$WAITED loadBefore=$l0 loadAfter=$(load)"
        # PLONK on one thread takes about twice as long again; measured only with SINGLE_PLONK=1.
        [ "$S" = plonk ] && [ "${SINGLE_PLONK:-0}" != 1 ] && break
      done
      if [ "$S" = groth16 ] && [ "${SKIP_CLI:-0}" != 1 ]; then
        echo '{"x0": "7"}' > "$OUT/input.json"
        wait_quiet
        l0=$(load)
        pms=$(timed_ms "$SNARKJS" groth16 fullprove "$OUT/input.json" "$WASM" "$Z" "$OUT/proof.json" "$OUT/public.json")
        vms=$(timed_ms "$SNARKJS" groth16 verify "$V" "$OUT/public.json" "$OUT/proof.json")
        grep -q 'OK' "$OUT/cmd.log" || { echo "snarkjs CLI verify did not say OK" >&2; cat "$OUT/cmd.log" >&2; exit 1; }
        record "snark-cli system=groth16 n=$N proveMs=$pms verifyMs=$vms waitedS=$WAITED loadBefore=$l0 loadAfter=$(load)"
      fi
    done
  done
fi

if [ "${SKIP_STARK:-0}" != 1 ]; then
  echo "== STARK, MiMC-7 chain of N hashes = 64·N steps"
  if [ "${SKIP_BUILD:-0}" != 1 ] && [ -z "${BENCH_JAR:-}" ]; then
    ./mvnw -B -ntp -q -pl poc-bench -am package -DskipTests -Dspotless.check.skip=true
  fi
  JAR=${BENCH_JAR:-poc-bench/target/benchmarks.jar}
  steps=""
  for N in "${NS[@]}"; do steps="$steps${steps:+,}$((64 * N))"; done
  wait_quiet
  record "stark-wait waitedS=$WAITED load=$(load)"
  "$JAVA" -cp "$JAR" dev.proofofcompute.bench.StarkScaling --logs "" --steps "$steps" --threads 1,2 \
    --reps "$REPS" --verifies 2000 --dir "$OUT/stark" --results "$OUT/stark.txt"
  cat "$OUT/stark.txt" >> "$RESULTS"
  if [ "${SKIP_CLI:-0}" != 1 ]; then
    ./poc --version > /dev/null 2>&1 || true   # builds the CLI if needed, outside the timing
    for N in "${NS[@]}"; do
      wait_quiet
      l0=$(load)
      pms=$(timed_ms ./poc prove --air mimc --seed 7 --steps $((64 * N)) --threads 2 --out "$OUT/mimc-$N.poc")
      vms=$(timed_ms ./poc verify "$OUT/mimc-$N.poc")
      grep -Eq 'verdict: +VALID' "$OUT/cmd.log" || { echo "poc verify did not say VALID" >&2; exit 1; }
      record "stark-cli n=$N steps=$((64 * N)) threads=2 proveMs=$pms verifyMs=$vms waitedS=$WAITED loadBefore=$l0 loadAfter=$(load)"
    done
  fi
fi

record "run end=$(date -u +%Y-%m-%dT%H:%M:%SZ) load=$(load)"
echo "uptime:   $(uptime)"
echo
node "$HERE/report.mjs" "$RESULTS"
echo
echo "raw results: $RESULTS"
