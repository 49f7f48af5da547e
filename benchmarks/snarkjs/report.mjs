// Turns the results file of ../snarkjs-vs-stark.sh (one "kind k=v ..." line per measurement) into Markdown
// tables: the side-by-side, the ratio of hashes proved per second (STARK / Groth16 and STARK / PLONK), the
// end-to-end CLI timings, and how the powers of tau were made and checked. Usage: node report.mjs results.txt
import { readFileSync } from "node:fs";

const file = process.argv[2];
if (!file) {
  console.error("usage: node report.mjs results.txt");
  process.exit(2);
}
const records = readFileSync(file, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => {
    const [kind, ...kvs] = l.trim().split(/\s+/);
    const r = { kind };
    for (const kv of kvs) {
      const i = kv.indexOf("=");
      if (i > 0) r[kv.slice(0, i)] = kv.slice(i + 1);
    }
    return r;
  });
const of = (kind) => records.filter((r) => r.kind === kind);
const num = (x) => (x === undefined || x === "" || x === "-" ? NaN : Number(x));
const s = (ms, d = 2) => (Number.isFinite(ms) ? (ms / 1000).toFixed(d) : "–");
const ms = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "–");
const rate = (n, msv) => (Number.isFinite(msv) && msv > 0 ? n / (msv / 1000) : NaN);
const r0 = (x) => (!Number.isFinite(x) ? "–" : x < 10 ? x.toPrecision(2) : Math.round(x).toLocaleString("en-US"));
const ld = (r) =>
  `${(r.loadBefore || "?").split("_")[0]} → ${(r.loadAfter || "?").split("_")[0]}` +
  (r.waitedS && r.waitedS !== "0" ? ` (waited ${r.waitedS} s)` : "");

const run = of("run");
const ns = [...new Set((run[0]?.ns || "").split(",").filter(Boolean).map(Number))];
const plonkSize = {};
for (const r of of("snark-setup")) {
  if (r.system === "plonk") plonkSize[r.n] = r.setupOk === "yes" ? r.plonkConstraints : `does not fit 2^${run[0]?.ptauPower}`;
}
const groth16Fail = {};
for (const r of of("snark-setup")) {
  if (r.system === "groth16" && r.setupOk !== "yes") groth16Fail[r.n] = `does not fit 2^${run[0]?.ptauPower}`;
}

console.log(`Run ${run[0]?.start} → ${run[1]?.end}; load average (1 min) ${(run[0]?.load || "?").split("_")[0]} at start,` +
  ` ${(run[1]?.load || "?").split("_")[0]} at end.`);
console.log();
console.log("| N hashes | system | threads | size | prove wall s (median) | prove CPU s | hashes/s (wall) | hashes/s (CPU) |" +
  " verify warm ms (wall / CPU) | verify cold ms (wall / CPU) | proof bytes | peak RSS MB | load 1-min before → after |");
console.log("|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
const rows = {};
for (const n of ns) {
  for (const r of of("snark-prove").filter((x) => Number(x.n) === n)) {
    const wall = num(r.proveWallMs);
    const cpu = num(r.proveCpuMs);
    const size = r.system === "groth16" ? `${r0(num(r.constraints))} constraints` : `${r0(num(plonkSize[n]))} PLONK gates`;
    const threads = r.threads === "all" ? "all (2)" : "1";
    rows[`${r.system}/${r.threads}/${n}`] = { wall, cpu };
    console.log(`| ${n} | snarkjs ${r.system === "groth16" ? "Groth16" : "PLONK"} | ${threads} | ${size} | ${s(wall)} | ${s(cpu)} |` +
      ` ${r0(rate(n, wall))} | ${r0(rate(n, cpu))} | ${ms(num(r.verifyWarmWallMs))} / ${ms(num(r.verifyWarmCpuMs))} |` +
      ` ${ms(num(r.verifyColdWallMs))} / ${ms(num(r.verifyColdCpuMs))} | ${r.proofJsonBytes} JSON, ${r.proofRawBytes} raw |` +
      ` ${r.maxRssMb ?? "–"} | ${ld(r)} |`);
  }
  if (groth16Fail[n]) console.log(`| ${n} | snarkjs Groth16 | | ${groth16Fail[n]} | | | | | | | | | |`);
  if (plonkSize[n] && !of("snark-prove").some((x) => Number(x.n) === n && x.system === "plonk")) {
    console.log(`| ${n} | snarkjs PLONK | | ${plonkSize[n]} | | | | | | | | | |`);
  }
  const v = of("stark-verify").find((x) => Number(x.steps) === 64 * n);
  for (const r of of("stark-prove").filter((x) => Number(x.steps) === 64 * n)) {
    if (r.error) {
      console.log(`| ${n} | STARK MiMC-7 | ${r.threads} | failed: ${r.error} | | | | | | | | | ${ld(r)} |`);
      continue;
    }
    // Trace generation counts as part of proving, as witness generation does in snarkjs' fullProve.
    const wall = num(r.proveWallMs) + num(r.traceMs);
    const cpu = num(r.proveCpuMs) + num(r.traceMs);
    rows[`stark/${r.threads}/${n}`] = { wall, cpu };
    console.log(`| ${n} | STARK MiMC-7 | ${r.threads} | ${r0(num(r.steps))} steps, 2^${Math.log2(num(r.rows))} rows |` +
      ` ${s(wall, 3)} | ${s(cpu, 3)} | ${r0(rate(n, wall))} | ${r0(rate(n, cpu))} |` +
      ` ${v ? `${ms(num(v.warmWallMs), 2)} / ${ms(num(v.warmCpuMs), 2)}` : "–"} |` +
      ` ${v ? `${ms(num(v.coldWallMs))} / ${ms(num(v.coldCpuMs))}` : "–"} | ${r.proofBytes} | ${r.rssPeakMb ?? "–"} | ${ld(r)} |`);
  }
}

console.log();
console.log("Hashes proved per second, STARK / snarkjs, same N, same machine, same run (hashes/s ratio = snarkjs time / STARK time):");
console.log();
console.log("| N hashes | vs Groth16: 2 threads vs all (2) cores, wall | 1 thread vs singleThread, wall |" +
  " per CPU-second, 1 thread vs singleThread | per CPU-second, 2 threads vs all cores |" +
  " vs PLONK: 2 threads vs all (2) cores, wall | per CPU-second, 2 threads vs all cores |");
console.log("|---:|---:|---:|---:|---:|---:|---:|");
const ratio = (a, b) => (a && b && Number.isFinite(a) && Number.isFinite(b) ? `${(b / a).toFixed(1)}x` : "–");
for (const n of ns) {
  const g2 = rows[`groth16/all/${n}`];
  const g1 = rows[`groth16/1/${n}`];
  const p2 = rows[`plonk/all/${n}`];
  const t2 = rows[`stark/2/${n}`];
  const t1 = rows[`stark/1/${n}`];
  console.log(`| ${n} | ${ratio(t2?.wall, g2?.wall)} | ${ratio(t1?.wall, g1?.wall)} | ${ratio(t1?.cpu, g1?.cpu)} |` +
    ` ${ratio(t2?.cpu, g2?.cpu)} | ${ratio(t2?.wall, p2?.wall)} | ${ratio(t2?.cpu, p2?.cpu)} |`);
}

const cli = [...of("snark-cli"), ...of("stark-cli")];
if (cli.length > 0) {
  console.log();
  console.log("End to end from the command line (process start-up and file I/O included):");
  console.log();
  console.log("| N hashes | command | prove s | verify ms | load 1-min before → after |");
  console.log("|---:|---|---:|---:|---|");
  for (const n of ns) {
    for (const r of cli.filter((x) => Number(x.n) === n)) {
      const what = r.kind === "snark-cli"
        ? "`snarkjs groth16 fullprove` / `snarkjs groth16 verify`"
        : `\`./poc prove --air mimc --steps ${r.steps} --threads 2\` / \`./poc verify\``;
      console.log(`| ${n} | ${what} | ${s(num(r.proveMs))} | ${r0(num(r.verifyMs))} | ${ld(r)} |`);
    }
  }
}
for (const r of of("ptau")) {
  console.log();
  if (r.source === "generated") {
    console.log(`Powers of tau 2^${r.power}: written by make-ptau.mjs in ${s(num(r.ms), 1)} s (${r.workers} workers, nice 19,` +
      ` load ${ld(r)}), ${r.bytes} bytes, seed ${r.seed} (INSECURE: tau follows from the seed)` +
      `${r.reused ? `; made ${r.made}, reused by this run` : ""}.`);
  } else {
    console.log(`Powers of tau 2^${r.power}: new ${s(num(r.newMs), 1)} s, contribute ${s(num(r.contributeMs), 1)} s,` +
      ` prepare phase2 ${s(num(r.preparePhase2Ms), 1)} s (load ${ld(r)}).`);
  }
}
for (const r of of("ptau-verify")) {
  console.log();
  console.log(`\`snarkjs powersoftau verify\` on it: ${r.ok === "yes" ? "Ok" : "FAILED"} in ${s(num(r.ms), 1)} s (nice 19, load ${ld(r)}).`);
}
for (const r of of("ptau-check")) {
  console.log();
  console.log(`check-ptau.sh at 2^${r.power} (seed ${r.seed}): ${r.ok === "yes"
    ? "make-ptau's file byte-identical to snarkjs new + beacon + prepare phase2 with the same seed; snarkjs verify Ok," +
      " and it rejects a copy with two Lagrange points swapped; Groth16 and PLONK proofs on it verify, a wrong x_0 is rejected." +
      ` snarkjs took ${s(num(r.snarkjsMs), 1)} s, make-ptau ${s(num(r.makePtauMs), 1)} s (load ${ld(r)}).`
    : `FAILED (${r.reason})`}`);
}
