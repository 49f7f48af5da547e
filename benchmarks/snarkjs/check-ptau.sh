#!/usr/bin/env bash
# Shows that make-ptau.mjs writes the powers-of-tau file snarkjs itself would write, and that the file works.
# Run by ../snarkjs-vs-stark.sh before it generates a large file (PTAU_SOURCE=generated); runs alone too:
#
#   benchmarks/snarkjs/check-ptau.sh [POWER]        (default 12; 12 is the smallest that fits PLONK at N = 1)
#
# For a random seed (printed; CHECK_SEED=hex to repeat a run), at 2^POWER:
#   1. the reference: `snarkjs powersoftau new`, `beacon` with the seed as beacon hash, `prepare phase2`;
#   2. make-ptau.mjs with the same seed; the two files must be byte-identical (same tau, alpha, beta, and
#      the same points, contribution record and hashes);
#   3. `snarkjs powersoftau verify` must accept make-ptau's file (pairing checks of the powers and of the
#      Lagrange sections 12-15 against them, the contribution's key and hash chain), and must reject a copy in
#      which two points of the Lagrange section 12 are swapped (the check can fail);
#   4. a Poseidon chain of 1 hash (circuits/poseidon_chain.circom) is set up for Groth16 and for PLONK on
#      make-ptau's file; bench.mjs proves, verifies, and checks that a wrong x_0 is rejected, for both.
# Prints one "result ptau-check ..." line; exits non-zero when any step fails.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
P=${1:-12}
SEED=${CHECK_SEED:-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}
NAME=check-ptau
D=$HERE/build/ptau-check
SNARKJS=$HERE/node_modules/.bin/snarkjs
CIRCOM=$HERE/node_modules/.bin/circom2
rm -rf "$D"
mkdir -p "$D"
ms() { echo $(($(date +%s%N) / 1000000)); }
fail() { echo "check-ptau: FAILED: $*" >&2; echo "result ptau-check power=$P seed=$SEED ok=no reason=$(echo "$*" | tr ' ' _)"; exit 1; }

echo "check-ptau: power $P, seed $SEED" >&2
t0=$(ms)
"$SNARKJS" powersoftau new bn128 "$P" "$D/ref_0.ptau" > "$D/ref.log" 2>&1 || fail "snarkjs powersoftau new"
"$SNARKJS" powersoftau beacon "$D/ref_0.ptau" "$D/ref_1.ptau" "$SEED" 10 -n="$NAME" >> "$D/ref.log" 2>&1 ||
  fail "snarkjs powersoftau beacon"
"$SNARKJS" powersoftau prepare phase2 "$D/ref_1.ptau" "$D/ref.ptau" >> "$D/ref.log" 2>&1 || fail "snarkjs prepare phase2"
refMs=$(($(ms) - t0))

t0=$(ms)
node "$HERE/make-ptau.mjs" --power "$P" --seed "$SEED" --iterations-exp 10 --name "$NAME" --out "$D/gen.ptau" \
  > "$D/gen.log" 2>&1 || { cat "$D/gen.log" >&2; fail "make-ptau.mjs"; }
genMs=$(($(ms) - t0))

cmp "$D/ref.ptau" "$D/gen.ptau" > /dev/null || fail "make-ptau's file differs from snarkjs' (cmp $D/ref.ptau $D/gen.ptau)"
echo "check-ptau: byte-identical to snarkjs new + beacon + prepare phase2 ($(stat -c %s "$D/gen.ptau") bytes)" >&2

"$SNARKJS" powersoftau verify "$D/gen.ptau" > "$D/verify.log" 2>&1 || { tail -n 5 "$D/verify.log" >&2; fail "snarkjs powersoftau verify"; }
grep -q "Powers of Tau Ok" "$D/verify.log" || fail "snarkjs powersoftau verify did not say Ok"

# Swap points 1 and 2 of the block p = P of section 12 (valid points, wrong places).
node --input-type=module - "$D/gen.ptau" "$D/tampered.ptau" "$P" <<'EOF'
import { readFileSync, writeFileSync } from "node:fs";
const [from, to, power] = process.argv.slice(2);
const b = readFileSync(from);
let pos = 12;
let s12 = -1;
for (let i = 0; i < b.readUInt32LE(8); i++) {
  const id = b.readUInt32LE(pos);
  const size = Number(b.readBigUInt64LE(pos + 4));
  if (id === 12) s12 = pos + 12;
  pos += 12 + size;
}
if (s12 < 0) throw new Error("no section 12");
const at = (i) => s12 + (2 ** Number(power) - 1 + i) * 64;
const p1 = Buffer.from(b.subarray(at(1), at(2)));
b.copy(b, at(1), at(2), at(3));
p1.copy(b, at(2));
writeFileSync(to, b);
EOF
if "$SNARKJS" powersoftau verify "$D/tampered.ptau" > "$D/verify-tampered.log" 2>&1; then
  fail "snarkjs powersoftau verify accepted a file with two Lagrange points swapped"
fi
grep -q "Phase2 caclutation does not match" "$D/verify-tampered.log" ||
  fail "the tampered file was rejected for another reason than the Lagrange check (see $D/verify-tampered.log)"
echo "check-ptau: snarkjs powersoftau verify accepts it, and rejects it with two Lagrange points swapped" >&2

printf 'pragma circom 2.0.0;\ninclude "poseidon_chain.circom";\ncomponent main {public [x0]} = PoseidonChain(1);\n' \
  > "$D/chain_1.circom"
(cd "$HERE" && "$CIRCOM" build/ptau-check/chain_1.circom --r1cs --wasm --O2 -l circuits -l node_modules/circomlib/circuits \
  -o build/ptau-check > "$D/circom.log" 2>&1) || { cat "$D/circom.log" >&2; fail "circom"; }
proofs=""
for S in groth16 plonk; do
  line=$(cd "$HERE" && node bench.mjs setup --system "$S" --r1cs "$D/chain_1.r1cs" --ptau "$D/gen.ptau" \
    --zkey "$D/$S.zkey" --vkey "$D/$S.vkey.json" | grep '^result ') || fail "$S setup"
  case "$line" in *setupOk=yes*) ;; *) fail "$S setup: $line" ;; esac
  # bench.mjs fails unless every proof verifies and the proof is rejected for a wrong x_0.
  line=$(cd "$HERE" && node bench.mjs prove --system "$S" --n 1 --wasm "$D/chain_1_js/chain_1.wasm" --zkey "$D/$S.zkey" \
    --vkey "$D/$S.vkey.json" --reps 1 --verifies 2 | grep '^result ') || fail "$S proof, verification or wrong-input check"
  proofs="$proofs $S=ok"
  echo "check-ptau: $S proof on make-ptau's file verifies; a wrong x_0 is rejected" >&2
done
rm -f "$D"/ref_0.ptau "$D"/ref_1.ptau "$D/tampered.ptau"
echo "result ptau-check power=$P seed=$SEED ok=yes identical=yes verify=ok tamperedRejected=yes$proofs snarkjsMs=$refMs makePtauMs=$genMs"
