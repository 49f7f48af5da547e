// In-process timing of snarkjs (Groth16 and PLONK over BN254) on the Poseidon hash chain circuit
// (circuits/poseidon_chain.circom). Driven by ../snarkjs-vs-stark.sh; prints one "result k=v ..." line
// that the driver collects.
//
//   node bench.mjs setup --system groth16|plonk --r1cs F --ptau F --zkey F --vkey F
//   node bench.mjs prove --system groth16|plonk --n N --wasm F --zkey F --vkey F
//                        [--reps 3] [--verifies 10] [--single-thread]
//
// prove: fullProve (witness generation + proof) --reps times: median and best wall time and the median
// process CPU time (process.cpuUsage: user + system of every thread, so snarkjs' worker threads count).
// verify: the first call in this process (cold: it builds the curve) and the median of --verifies more
// (warm), wall and CPU. Every proof must verify and the proof must be rejected for a wrong x_0, or the
// run fails. Proof size: the bytes of snarkjs' JSON, and of the raw points and scalars (uncompressed
// affine BN254 points: 64 bytes per G1, 128 per G2; 32 per scalar). maxRssMb: the process's peak resident set
// (process.resourceUsage().maxRSS; snarkjs' worker threads share the process, so it covers them).
//
// Setups use a single local contribution: insecure, fine for timing.
import * as snarkjs from "snarkjs";
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

function options(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new Error(`unexpected argument ${a}`);
    const name = a.slice(2);
    if (name === "single-thread") {
      o[name] = true;
    } else {
      if (i + 1 >= argv.length) throw new Error(`--${name} needs a value`);
      o[name] = argv[++i];
    }
  }
  return o;
}

function need(o, name) {
  if (o[name] === undefined) throw new Error(`missing --${name}`);
  return o[name];
}

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const cpuMs = (c) => (c.user + c.system) / 1000;
const f = (x, d = 1) => x.toFixed(d);
const maxRssMb = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

/** Bytes of the proof's raw points and scalars (uncompressed affine BN254). */
function rawProofBytes(proof) {
  let n = 0;
  for (const [k, v] of Object.entries(proof)) {
    if (k === "protocol" || k === "curve") continue;
    if (Array.isArray(v) && v.length === 3 && Array.isArray(v[0])) n += 128; // G2, projective [x, y, z]
    else if (Array.isArray(v) && v.length === 3) n += 64; // G1, projective [x, y, z]
    else if (typeof v === "string") n += 32; // a scalar (PLONK evaluations)
    else throw new Error(`unknown proof field ${k}`);
  }
  return n;
}

async function setup(o) {
  const system = need(o, "system");
  const lines = [];
  const logger = {
    debug: () => {},
    info: (m) => lines.push(String(m)),
    warn: (m) => lines.push(String(m)),
    error: (m) => lines.push("ERROR " + String(m)),
  };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let r;
  if (system === "groth16") {
    r = await snarkjs.zKey.newZKey(need(o, "r1cs"), need(o, "ptau"), need(o, "zkey"), logger);
  } else if (system === "plonk") {
    r = await snarkjs.plonk.setup(need(o, "r1cs"), need(o, "ptau"), need(o, "zkey"), logger);
  } else {
    throw new Error(`--system must be groth16 or plonk, got ${system}`);
  }
  const wall = performance.now() - t0;
  const cpu = cpuMs(process.cpuUsage(c0));
  const plonkLine = lines.find((l) => l.startsWith("Plonk constraints:"));
  const errors = lines.filter((l) => l.startsWith("ERROR"));
  if (r === -1 || errors.length > 0) {
    const reason = (errors[0] || "setup failed").replace(/^ERROR /, "").replace(/\s+/g, "_");
    console.log(`result system=${system} setupOk=no reason=${reason}`);
    return;
  }
  const vkey = await snarkjs.zKey.exportVerificationKey(need(o, "zkey"));
  writeFileSync(need(o, "vkey"), JSON.stringify(vkey));
  const plonkConstraints = plonkLine ? plonkLine.split(":")[1].trim() : "-";
  console.log(
    `result system=${system} setupOk=yes setupWallMs=${f(wall, 0)} setupCpuMs=${f(cpu, 0)}` +
      ` plonkConstraints=${plonkConstraints} maxRssMb=${maxRssMb()}`,
  );
}

async function prove(o) {
  const system = need(o, "system");
  const n = Number(need(o, "n"));
  const reps = Number(o.reps ?? 3);
  const verifies = Number(o.verifies ?? 10);
  const impl = system === "groth16" ? snarkjs.groth16 : system === "plonk" ? snarkjs.plonk : null;
  if (!impl) throw new Error(`--system must be groth16 or plonk, got ${system}`);
  const proverOptions = o["single-thread"] ? { singleThread: true } : {};
  const vkey = JSON.parse(readFileSync(need(o, "vkey"), "utf8"));
  const input = { x0: "7" };

  const walls = [];
  const cpus = [];
  let out;
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    out = await impl.fullProve(input, need(o, "wasm"), need(o, "zkey"), undefined, undefined, proverOptions);
    walls.push(performance.now() - t0);
    cpus.push(cpuMs(process.cpuUsage(c0)));
  }
  const { proof, publicSignals } = out;

  let c0 = process.cpuUsage();
  let t0 = performance.now();
  const ok = await impl.verify(vkey, publicSignals, proof);
  const coldWall = performance.now() - t0;
  const coldCpu = cpuMs(process.cpuUsage(c0));
  if (!ok) throw new Error("the proof does not verify");
  const vw = [];
  const vc = [];
  for (let i = 0; i < verifies; i++) {
    c0 = process.cpuUsage();
    t0 = performance.now();
    if (!(await impl.verify(vkey, publicSignals, proof))) throw new Error("the proof does not verify");
    vw.push(performance.now() - t0);
    vc.push(cpuMs(process.cpuUsage(c0)));
  }
  // publicSignals = [x_n, x_0]: a wrong x_0 must be rejected.
  const wrong = [publicSignals[0], String(BigInt(publicSignals[1]) + 1n)];
  if (await impl.verify(vkey, wrong, proof)) throw new Error("a wrong x_0 was accepted");

  console.log(
    `result system=${system} n=${n} threads=${o["single-thread"] ? 1 : "all"} reps=${reps}` +
      ` proveWallMs=${f(median(walls), 0)} proveWallBestMs=${f(Math.min(...walls), 0)}` +
      ` proveCpuMs=${f(median(cpus), 0)} walls=${walls.map((w) => f(w, 0)).join(",")}` +
      ` verifyColdWallMs=${f(coldWall)} verifyColdCpuMs=${f(coldCpu)}` +
      ` verifyWarmWallMs=${f(median(vw))} verifyWarmCpuMs=${f(median(vc))}` +
      ` proofJsonBytes=${JSON.stringify(proof).length} proofRawBytes=${rawProofBytes(proof)}` +
      ` maxRssMb=${maxRssMb()} xn=${publicSignals[0]}`,
  );
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === "setup") await setup(options(rest));
  else if (command === "prove") await prove(options(rest));
  else throw new Error("usage: node bench.mjs setup|prove --system groth16|plonk ...");
  process.exit(0);
} catch (e) {
  console.error(e);
  process.exit(1);
}
