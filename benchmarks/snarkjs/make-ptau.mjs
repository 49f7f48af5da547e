// make-ptau.mjs: writes a *prepared* powers-of-tau file (snarkjs `.ptau`, BN254) of power P directly from a
// secret tau derived from a seed, instead of running `snarkjs powersoftau new` + `contribute` + `prepare phase2`.
//
// ******************************************************************************************************
// *  INSECURE BY CONSTRUCTION. tau, alpha and beta are a deterministic function of the seed, and the     *
// *  seed is printed. Anyone who knows the seed can forge Groth16 and PLONK proofs for every circuit      *
// *  set up on this file. It exists to TIME provers on long circuits on a small machine; never use it    *
// *  to protect anything. (A real setup needs a multi-party ceremony, e.g. the Hermez/Perpetual Powers   *
// *  of Tau files, of which only one honest participant must forget their secret.)                       *
// ******************************************************************************************************
//
//   node make-ptau.mjs --power P --out FILE [--seed HEX] [--iterations-exp 10] [--name TEXT] [--workers N]
//
// What the file holds (format of snarkjs 0.7.x, read from its sources; all points affine, coordinates in
// little-endian Montgomery form: 64 bytes per G1 point, 128 per G2 point; sections in this order):
//    1 header: n8q = 32, q, power P, ceremony power P
//    2 tau^i·G1 for i < 2^(P+1) - 1          3 tau^i·G2 for i < 2^P
//    4 alpha·tau^i·G1 for i < 2^P            5 beta·tau^i·G1 for i < 2^P          6 beta·G2
//    7 the contribution record (one contribution, of the "beacon" kind; see below)
//   12..15 for p = 0..P, the Lagrange basis of the 2^p-point domain evaluated at tau, times G1 (12), G2 (13),
//      alpha·G1 (14), beta·G1 (15): L_i(tau) = (tau^n - 1)/n · w^i/(tau - w^i), n = 2^p, w = ffjavascript's
//      Fr.w[p]. Section 12 has one more block, p = P + 1, which `prepare phase2` computes from the 2^(P+1) - 1
//      powers of section 2 with the missing last power taken as zero; its values are therefore
//      L_i(tau) - tau^(n-1)·w^i/n (the term j = n - 1 of L_i(X) = (1/n)·sum_j (X/w^i)^j removed).
//
// How. `prepare phase2` gets the Lagrange points by an inverse FFT over the group for every power, a scalar
// multiplication per butterfly: O(n log n) of them per power, and 2^16 did not finish in 80 minutes here. Knowing
// tau, every point of every section is s·G for a scalar s we compute in Fr (powers by repeated multiplication,
// Lagrange values by the closed form above with one batched inversion per chunk): a fixed-base multiplication.
// Each worker thread builds, per group, a table T[j][d] = d·2^(16j)·G (16 windows of 16 bits, 65,535 entries
// each: 64 MiB for G1, 128 MiB for G2), and then s·G = sum_j T[j][digit_j(s)] costs at most 16 mixed additions
// (ffjavascript's WebAssembly g1m/g2m_addMixed, called directly), against about 380 group operations for the
// double-and-add of ffjavascript's batchApplyKey (the routine `contribute` uses): about 10x fewer operations
// than contribute and no FFT at all. On this machine a mixed addition costs 0.9 µs in G1 and 3.6 µs in G2, so a
// point costs at most about 15 and 58 µs of one core (the sections of 2^20 hold about 12.6 M G1 and 3.1 M G2
// points); 2^20 took 819 s under nice at load 3-6, less than `snarkjs powersoftau verify` took to check it (1,131 s).
//
// Where tau comes from. To let a test compare this file byte for byte with one snarkjs made, the secrets are
// drawn exactly as `snarkjs powersoftau beacon` draws them: the seed is the beacon hash, hashed with SHA-256
// 2^iterations-exp times; the first 32 bytes of the result, as eight big-endian 32-bit words, seed ffjavascript's
// ChaCha generator; tau, alpha and beta are its first three Fr.fromRng draws, followed by the public key of the
// contribution (per secret x: a random G1 point s, s·x, a G2 point derived from a BLAKE2b hash of them and the
// previous challenge, that point times x). So the file equals what
//   snarkjs powersoftau new bn128 P a.ptau
//   snarkjs powersoftau beacon a.ptau b.ptau SEED ITER -n="NAME"
//   snarkjs powersoftau prepare phase2 b.ptau final.ptau
// writes, and `snarkjs powersoftau verify` checks it like any other (key proofs, the pairing relations of the
// powers, the challenge hash chain, and the Lagrange sections against the powers). check-ptau.sh runs both.
// Contribution record hashes: the "response" BLAKE2b runs over the first challenge hash, the compressed points of
// sections 2-6 and the uncompressed public key; its state before the public key is stored (216 bytes, the layout
// of the blake2b-wasm state: 128-byte block, eight 64-bit chaining words, the compressed byte count, the block
// fill); the next challenge is BLAKE2b(response hash || the uncompressed points of sections 2-6).
//
// Written for this project from the format (snarkjs' powersoftau_*.js and @iden3/binfileutils were read to learn
// it; nothing is copied). Uses ffjavascript (the field and curve arithmetic snarkjs itself uses, same pinned
// version) and @noble/hashes.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { createHash, randomBytes } from "node:crypto";
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { blake2b } from "@noble/hashes/blake2b";

const WINDOW_BITS = 16;
const WINDOWS = 16; // 16 x 16 bits cover the 254-bit scalars
const DIGITS = (1 << WINDOW_BITS) - 1; // table entries per window (digit 0 needs none)
const N8 = 32; // bytes of an Fq or Fr element
const SIZES = {
  G1: { affine: 2 * N8, jacobian: 3 * N8, compressed: N8, prefix: "g1m" },
  G2: { affine: 4 * N8, jacobian: 6 * N8, compressed: 2 * N8, prefix: "g2m" },
};

// ------------------------------------------------------------------------------------------------------------
// Worker: fixed-base scalar multiplications of the generators of G1 and G2.

// ffjavascript is not imported here: its web-worker dependency takes over any worker thread that imports it. The
// worker instantiates the same WebAssembly code (sent by the main thread) with a memory of its own.
async function workerMain() {
  const memory = new WebAssembly.Memory({ initial: 32, maximum: 32768 });
  const { instance } = await WebAssembly.instantiate(workerData.code, { env: { memory } });
  const ex = instance.exports;
  const generators = { G1: workerData.g1, G2: workerData.g2 };
  // The wasm code keeps its free-memory pointer in the first word and takes scratch space above it, so every
  // buffer of ours is claimed by moving that pointer (and growing the memory), with headroom kept above.
  const HEADROOM = 64 << 20;
  const claim = (bytes) => {
    const u32 = new Uint32Array(memory.buffer, 0, 1);
    const p = (u32[0] + 63) & ~63;
    const need = p + bytes + HEADROOM;
    if (need > memory.buffer.byteLength) {
      memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
    }
    new Uint32Array(memory.buffer, 0, 1)[0] = p + bytes;
    return p;
  };
  const mem = () => new Uint8Array(memory.buffer);
  const tables = {};
  let scratch = { capacity: 0 };

  function table(group) {
    if (tables[group]) return tables[group];
    const { affine, jacobian, prefix } = SIZES[group];
    const addMixed = ex[`${prefix}_addMixed`];
    const t = claim(WINDOWS * DIGITS * affine);
    const run = claim(DIGITS * jacobian);
    const base = claim(affine);
    const next = claim(jacobian);
    mem().set(generators[group], base);
    for (let j = 0; j < WINDOWS; j++) {
      // run[d - 1] = d·B_j in Jacobian coordinates, then all of them to affine with one batched inversion.
      ex[`${prefix}_toJacobian`](base, run);
      for (let d = 2; d <= DIGITS; d++) addMixed(run + (d - 2) * jacobian, base, run + (d - 1) * jacobian);
      ex[`${prefix}_batchToAffine`](run, DIGITS, t + j * DIGITS * affine);
      // B_{j+1} = 2^16·B_j = 65535·B_j + B_j
      addMixed(run + (DIGITS - 1) * jacobian, base, next);
      ex[`${prefix}_batchToAffine`](next, 1, base);
    }
    tables[group] = t;
    return t;
  }

  function buffers(count) {
    if (scratch.capacity >= count) return scratch;
    scratch = {
      capacity: count,
      scalars: claim(count * N8),
      inverses: claim(count * N8),
      acc: claim(count * SIZES.G2.jacobian),
      out: claim(count * SIZES.G2.affine),
      outC: claim(count * SIZES.G2.compressed),
      outU: claim(count * SIZES.G2.affine),
      t0: claim(N8),
      t1: claim(N8),
      t2: claim(N8),
      exp: claim(8),
    };
    return scratch;
  }

  // Writes the count scalars of the job into b.scalars (Montgomery form).
  function scalars(job, b) {
    const { scalars: s, inverses: inv, t0, t1, t2, exp } = b;
    const m = mem();
    const set = (p, bytes) => m.set(bytes, p);
    new DataView(m.buffer).setUint32(exp, job.start, true);
    if (job.kind === "powers") {
      // s_i = factor·tau^(start + i)
      set(t0, job.tau);
      ex.frm_exp(t0, exp, 4, t1);
      set(t2, job.factor);
      ex.frm_mul(t1, t2, s);
      for (let i = 1; i < job.count; i++) ex.frm_mul(s + (i - 1) * N8, t0, s + i * N8);
      return;
    }
    // Lagrange: x_i = w^(start + i); s_i = factor·x_i·(c/(tau - x_i) - e), with c = (tau^n - 1)/n and
    // e = tau^(n-1)/n for the truncated block (else 0).
    set(t0, job.omega);
    ex.frm_exp(t0, exp, 4, t1); // t1 = x_start
    set(t2, job.tau);
    for (let i = 0; i < job.count; i++) {
      ex.frm_sub(t2, t1, inv + i * N8); // tau - x_i
      m.copyWithin(s + i * N8, t1, t1 + N8); // keep x_i
      ex.frm_mul(t1, t0, t1);
    }
    ex.frm_batchInverse(inv, N8, job.count, inv, N8);
    set(t0, job.c);
    set(t1, job.e);
    set(t2, job.factor);
    for (let i = 0; i < job.count; i++) {
      const si = s + i * N8;
      const ii = inv + i * N8;
      ex.frm_mul(ii, t0, ii);
      ex.frm_sub(ii, t1, ii);
      ex.frm_mul(si, ii, si);
      ex.frm_mul(si, t2, si);
    }
  }

  parentPort.on("message", (job) => {
    try {
      const { affine, jacobian, compressed, prefix } = SIZES[job.group];
      const t = table(job.group);
      const b = buffers(job.count);
      scalars(job, b);
      ex.frm_batchFromMontgomery(b.scalars, job.count, b.scalars);
      const addMixed = ex[`${prefix}_addMixed`];
      const zero = ex[`${prefix}_zero`];
      const digits = new DataView(memory.buffer, b.scalars, job.count * N8); // 16-bit little-endian windows
      for (let i = 0; i < job.count; i++) {
        const acc = b.acc + i * jacobian;
        zero(acc);
        for (let j = 0; j < WINDOWS; j++) {
          const d = digits.getUint16(2 * (i * WINDOWS + j), true);
          if (d !== 0) addMixed(acc, t + (j * DIGITS + d - 1) * affine, acc);
        }
      }
      ex[`${prefix}_batchToAffine`](b.acc, job.count, b.out);
      const m = mem();
      const reply = { id: job.id, points: m.slice(b.out, b.out + job.count * affine) };
      if (job.hashForms) {
        ex[`${prefix}_batchLEMtoC`](b.out, job.count, b.outC);
        ex[`${prefix}_batchLEMtoU`](b.out, job.count, b.outU);
        const m2 = mem();
        reply.compressed = m2.slice(b.outC, b.outC + job.count * compressed);
        reply.uncompressed = m2.slice(b.outU, b.outU + job.count * affine);
      }
      const transfer = [reply.points.buffer];
      if (reply.compressed) transfer.push(reply.compressed.buffer, reply.uncompressed.buffer);
      parentPort.postMessage(reply, transfer);
    } catch (e) {
      parentPort.postMessage({ id: job.id, error: String(e && e.stack ? e.stack : e) });
    }
  });
  parentPort.postMessage({ ready: true });
}

// ------------------------------------------------------------------------------------------------------------
// Main thread: secrets, hashes, the job pipeline and the file.

function options(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new Error(`unexpected argument ${a}`);
    if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
    o[a.slice(2)] = argv[++i];
  }
  for (const k of Object.keys(o)) {
    if (!["power", "out", "seed", "iterations-exp", "name", "workers"].includes(k)) throw new Error(`unknown option --${k}`);
  }
  return o;
}

function integer(text, name, lo, hi) {
  if (!/^[0-9]+$/.test(String(text))) throw new Error(`--${name} must be an integer, got ${text}`);
  const v = Number(text);
  if (v < lo || v > hi) throw new Error(`--${name} must be in ${lo}..${hi}, got ${v}`);
  return v;
}

function hexBytes(text) {
  if (!/^([0-9a-fA-F]{2})+$/.test(text)) throw new Error(`--seed must be an even number of hex digits, got ${text}`);
  const bytes = Uint8Array.from(text.match(/../g).map((h) => parseInt(h, 16)));
  if (bytes.length > 255) throw new Error("--seed must be at most 255 bytes (the beacon hash field holds a length byte)");
  return bytes;
}

let ff; // ffjavascript, imported by the main thread only

const log = (m) => process.stderr.write(`make-ptau: ${m}\n`);

/** ChaCha seeded with the first 32 bytes of h read as eight big-endian 32-bit words. */
function chachaFrom(h) {
  const v = new DataView(h.buffer, h.byteOffset, h.byteLength);
  return new ff.ChaCha(Array.from({ length: 8 }, (_, i) => v.getUint32(4 * i, false)));
}

/** The beacon's generator: SHA-256 applied 2^exp times to the seed. */
function beaconRng(seed, exp) {
  let h = Buffer.from(seed);
  const rounds = 2 ** exp;
  for (let i = 0; i < rounds; i++) h = createHash("sha256").update(h).digest();
  return chachaFrom(new Uint8Array(h));
}

/** BLAKE2b-512 of the file a fresh `powersoftau new` of this power would hold (the first challenge). */
function firstChallenge(curve, power) {
  const h = blake2b.create({ dkLen: 64 });
  h.update(blake2b.create({ dkLen: 64 }).digest());
  const repeat = (point, n) => {
    const block = 4096;
    const buf = new Uint8Array(point.length * block);
    for (let i = 0; i < block; i++) buf.set(point, i * point.length);
    for (let left = n; left > 0; left -= block) {
      const k = Math.min(left, block);
      h.update(k === block ? buf : buf.subarray(0, k * point.length));
    }
  };
  const g1 = curve.G1.toUncompressed(curve.G1.g);
  const g2 = curve.G2.toUncompressed(curve.G2.g);
  repeat(g1, 2 ** (power + 1) - 1);
  repeat(g2, 2 ** power);
  repeat(g1, 2 ** power);
  repeat(g1, 2 ** power);
  repeat(g2, 1);
  return h.digest();
}

/**
 * The 216-byte BLAKE2b state stored in a ptau contribution record, from @noble/hashes' BLAKE2b object (its
 * internal fields: the 128-byte block buffer, the chaining words v0l/v0h .. v7l/v7h, pos and length).
 */
function blake2bState(h) {
  const names = [];
  for (let i = 0; i < 8; i++) names.push(`v${i}l`, `v${i}h`);
  if (!(h.buffer instanceof Uint8Array) || h.buffer.length !== 128 || names.some((n) => typeof h[n] !== "number")) {
    throw new Error("unexpected @noble/hashes BLAKE2b internals (package.json pins the version this was written for)");
  }
  const out = new Uint8Array(216);
  const v = new DataView(out.buffer);
  out.set(h.buffer, 0);
  names.forEach((n, i) => v.setUint32(128 + 4 * i, h[n] >>> 0, true));
  const compressed = h.length - h.pos;
  v.setUint32(192, compressed % 2 ** 32, true);
  v.setUint32(196, Math.floor(compressed / 2 ** 32), true);
  v.setUint32(200, h.pos, true);
  return out;
}

/** The secrets and the contribution's public key, drawn as the snarkjs beacon draws them. */
function beaconKey(curve, challenge, seed, exp) {
  const { Fr, G1, G2 } = curve;
  const rng = beaconRng(seed, exp);
  const prv = { tau: Fr.fromRng(rng), alpha: Fr.fromRng(rng), beta: Fr.fromRng(rng) };
  const pub = {};
  ["tau", "alpha", "beta"].forEach((k, personalization) => {
    const s = G1.toAffine(G1.fromRng(rng));
    const sx = G1.toAffine(G1.timesFr(s, prv[k]));
    const h = blake2b.create({ dkLen: 64 });
    h.update(new Uint8Array([personalization]));
    h.update(challenge);
    h.update(G1.toUncompressed(s));
    h.update(G1.toUncompressed(sx));
    const sp = G2.toAffine(G2.fromRng(chachaFrom(h.digest())));
    pub[k] = { s, sx, spx: G2.toAffine(G2.timesFr(sp, prv[k])) };
  });
  return { prv, pub };
}

/** The public key as the record and the response hash lay it out: six G1 points, then three G2 points. */
function pubKeyBytes(curve, pub, montgomery) {
  const { G1, G2 } = curve;
  const out = new Uint8Array(6 * SIZES.G1.affine + 3 * SIZES.G2.affine);
  let pos = 0;
  const put = (G, p) => {
    if (montgomery) G.toRprLEM(out, pos, p);
    else G.toRprUncompressed(out, pos, p);
    pos += G === G1 ? SIZES.G1.affine : SIZES.G2.affine;
  };
  for (const k of ["tau", "alpha", "beta"]) {
    put(G1, pub[k].s);
    put(G1, pub[k].sx);
  }
  for (const k of ["tau", "alpha", "beta"]) put(G2, pub[k].spx);
  return out;
}

class Pool {
  constructor(n, data) {
    this.n = n;
    this.data = data;
    this.workers = [];
    this.idle = [];
    this.pending = new Map();
    this.nextId = 0;
  }

  async start() {
    const ready = [];
    for (let i = 0; i < this.n; i++) {
      const w = new Worker(new URL(import.meta.url), { workerData: this.data });
      ready.push(
        new Promise((resolve, reject) => {
          w.once("message", (m) => (m.ready ? resolve() : reject(new Error("worker did not start"))));
          w.once("error", reject);
        }),
      );
      w.on("message", (m) => {
        if (m.ready) return;
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        this.idle.push(w);
        this.dispatch();
        if (m.error) p.reject(new Error(m.error));
        else p.resolve(m);
      });
      w.on("error", (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(w);
      this.idle.push(w);
    }
    await Promise.all(ready);
    this.queue = [];
  }

  run(job) {
    return new Promise((resolve, reject) => {
      job.id = this.nextId++;
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  dispatch() {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const { job, resolve, reject } = this.queue.shift();
      this.pending.set(job.id, { resolve, reject });
      this.idle.shift().postMessage(job);
    }
  }

  async stop() {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

async function main() {
  const o = options(process.argv.slice(2));
  if (o.power === undefined || o.out === undefined) {
    throw new Error("usage: node make-ptau.mjs --power P --out FILE [--seed HEX] [--iterations-exp 10] [--name TEXT] [--workers N]");
  }
  const power = integer(o.power, "power", 1, 27); // the last Lagrange block has 2^(P+1) points; Fr has 2^28-th roots
  const exp = integer(o["iterations-exp"] ?? "10", "iterations-exp", 10, 40); // snarkjs' beacon takes 10..63
  const workers = integer(o.workers ?? String(availableParallelism()), "workers", 1, 64);
  const seedHex = o.seed ?? randomBytes(32).toString("hex");
  const seed = hexBytes(seedHex);
  const name = o.name ?? "make-ptau (INSECURE: tau derived from a public seed)";
  const nameBytes = new TextEncoder().encode(name);
  if (name.length > 64 || nameBytes.length > 255 || name.length === 0) throw new Error("--name must be 1..64 characters");

  const t0 = performance.now();
  ff = await import("ffjavascript");
  const curve = await ff.buildBn128(true);
  const { Fr } = curve;
  log(`INSECURE powers of tau 2^${power}: seed ${seedHex}, 2^${exp} SHA-256 iterations (anyone with the seed knows tau)`);
  const challenge = firstChallenge(curve, power);
  const key = beaconKey(curve, challenge, seed, exp);
  const { tau, alpha, beta } = key.prv;
  log(`tau = ${Fr.toObject(tau).toString(16)}`);
  const nMax = 2 ** (power + 1);
  if (Fr.eq(Fr.exp(tau, nMax), Fr.one)) throw new Error("tau is a root of unity of a domain in use: pick another seed");

  const pool = new Pool(workers, { code: curve.tm.code, g1: curve.G1.oneAffine, g2: curve.G2.oneAffine });
  await pool.start();
  const tmp = `${o.out}.tmp`;
  const fd = openSync(tmp, "w");
  let written = 0;
  const write = (bytes) => {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    written += bytes.length;
  };
  const u32 = (v) => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v, true);
    return b;
  };
  const u64 = (v) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(v), true);
    return b;
  };
  const sectionHeader = (id, size) => {
    write(u32(id));
    write(u64(size));
  };
  const mont = (x) => Uint8Array.from(x);
  const responseHasher = blake2b.create({ dkLen: 64 });
  responseHasher.update(challenge);
  const uncompressed = [];
  const firstPoints = {};

  // Runs the jobs of one section in order (a few in flight per worker) and writes their points in order.
  async function section(id, group, jobsOf, totalPoints, hashForms) {
    const ts = performance.now();
    const size = totalPoints * SIZES[group].affine;
    sectionHeader(id, size);
    const start = written;
    const chunk = group === "G1" ? 4096 : 2048;
    const jobs = [];
    for (const spec of jobsOf) {
      for (let s = 0; s < spec.count; s += chunk) {
        jobs.push({ ...spec, group, hashForms, start: spec.start + s, count: Math.min(chunk, spec.count - s) });
      }
    }
    const inFlight = [];
    let next = 0;
    const ahead = 4 * workers;
    while (next < jobs.length || inFlight.length > 0) {
      while (next < jobs.length && inFlight.length < ahead) inFlight.push(pool.run(jobs[next++]));
      const r = await inFlight.shift();
      if (firstPoints[id] === undefined) firstPoints[id] = r.points.slice(0, 2 * SIZES[group].affine);
      write(r.points);
      if (hashForms) {
        responseHasher.update(r.compressed);
        uncompressed.push(r.uncompressed);
      }
    }
    if (written - start !== size) throw new Error(`section ${id}: wrote ${written - start} bytes, expected ${size}`);
    log(`section ${id} (${group}, ${totalPoints} points): ${((performance.now() - ts) / 1000).toFixed(1)} s`);
  }

  const powers = (factor, count) => [{ kind: "powers", tau: mont(tau), factor: mont(factor), start: 0, count }];
  // One job spec per domain size p = 0..last; the block p = P + 1 of section 12 is the truncated one.
  const lagrange = (factor, last) => {
    const specs = [];
    for (let p = 0; p <= last; p++) {
      const n = 2 ** p;
      const nInv = Fr.inv(Fr.e(n));
      const c = Fr.mul(Fr.sub(Fr.exp(tau, n), Fr.one), nInv);
      const e = p === power + 1 ? Fr.mul(Fr.exp(tau, n - 1), nInv) : Fr.zero;
      specs.push({ kind: "lagrange", tau: mont(tau), omega: mont(Fr.w[p]), c: mont(c), e: mont(e), factor: mont(factor), start: 0, count: n });
    }
    return specs;
  };
  const blockPoints = (last) => 2 ** (last + 1) - 1;

  const sections = [1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 15];
  write(new TextEncoder().encode("ptau"));
  write(u32(1));
  write(u32(sections.length));
  const q = new Uint8Array(N8);
  let qv = curve.q;
  for (let i = 0; i < N8; i++, qv >>= 8n) q[i] = Number(qv & 0xffn);
  sectionHeader(1, 4 + N8 + 4 + 4);
  write(u32(N8));
  write(q);
  write(u32(power));
  write(u32(power));

  try {
    const n = 2 ** power;
    await section(2, "G1", powers(Fr.one, 2 * n - 1), 2 * n - 1, true);
    await section(3, "G2", powers(Fr.one, n), n, true);
    await section(4, "G1", powers(alpha, n), n, true);
    await section(5, "G1", powers(beta, n), n, true);
    await section(6, "G2", powers(beta, 1), 1, true);

    // Contribution record.
    const partial = blake2bState(responseHasher);
    responseHasher.update(pubKeyBytes(curve, key.pub, false));
    const response = responseHasher.digest();
    const nextHasher = blake2b.create({ dkLen: 64 });
    nextHasher.update(response);
    for (const u of uncompressed) nextHasher.update(u);
    uncompressed.length = 0;
    const nextChallenge = nextHasher.digest();
    const params = [1, nameBytes.length, ...nameBytes, 2, exp, 3, seed.length, ...seed];
    const record = [
      firstPoints[2].subarray(SIZES.G1.affine, 2 * SIZES.G1.affine), // tau·G1
      firstPoints[3].subarray(SIZES.G2.affine, 2 * SIZES.G2.affine), // tau·G2
      firstPoints[4].subarray(0, SIZES.G1.affine), // alpha·G1
      firstPoints[5].subarray(0, SIZES.G1.affine), // beta·G1
      firstPoints[6].subarray(0, SIZES.G2.affine), // beta·G2
      pubKeyBytes(curve, key.pub, true),
      partial,
      nextChallenge,
      u32(1), // contribution type: beacon
      u32(params.length),
      Uint8Array.from(params),
    ];
    sectionHeader(7, 4 + record.reduce((a, b) => a + b.length, 0));
    write(u32(1)); // one contribution
    for (const r of record) write(r);

    await section(12, "G1", lagrange(Fr.one, power + 1), blockPoints(power + 1), false);
    await section(13, "G2", lagrange(Fr.one, power), blockPoints(power), false);
    await section(14, "G1", lagrange(alpha, power), blockPoints(power), false);
    await section(15, "G1", lagrange(beta, power), blockPoints(power), false);
    closeSync(fd);
    renameSync(tmp, o.out);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  } finally {
    await pool.stop();
  }
  const ms = performance.now() - t0;
  log(`wrote ${o.out}: ${written} bytes in ${(ms / 1000).toFixed(1)} s`);
  console.log(`result power=${power} seed=${seedHex} iterationsExp=${exp} workers=${workers} bytes=${written} ms=${ms.toFixed(0)}`);
}

if (isMainThread) {
  try {
    await main();
  } catch (e) {
    console.error(`make-ptau: ${e.message}`);
    process.exit(1);
  }
} else {
  await workerMain();
}
