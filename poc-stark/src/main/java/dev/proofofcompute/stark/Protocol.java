package dev.proofofcompute.stark;

import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.transcript.Transcript;
import dev.proofofcompute.stark.air.Air;
import dev.proofofcompute.stark.field.Ext2;
import dev.proofofcompute.stark.field.Goldilocks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The parts of the protocol the prover and the verifier share: the evaluation-domain offset, the
 * transcript set-up, challenge sampling, the proof-of-work predicate and FRI folding.
 */
final class Protocol {
  /** The coset offset of the evaluation domain: the group generator, never in a 2-adic subgroup. */
  static final long DOMAIN_OFFSET = Goldilocks.GENERATOR;

  private static final long[] ROOT_INVERSES = new long[4];
  private static final long[] SIZE_INVERSES = new long[4];

  /** {@code IDFT[log m][i][t] = ζ_m^{-it} / m}: the size-m inverse DFT matrix, scaled. */
  private static final long[][][] IDFT = new long[4][][];

  static {
    for (int k = 0; k < 4; k++) {
      ROOT_INVERSES[k] = Goldilocks.inv(Goldilocks.rootOfUnity(k));
      SIZE_INVERSES[k] = Goldilocks.inv(1L << k);
      int m = 1 << k;
      IDFT[k] = new long[m][m];
      for (int i = 0; i < m; i++) {
        for (int t = 0; t < m; t++) {
          IDFT[k][i][t] =
              Goldilocks.mul(Goldilocks.pow(ROOT_INVERSES[k], (long) i * t), SIZE_INVERSES[k]);
        }
      }
    }
  }

  private static final String POW_TAG = "poc/stark/grinding/v1";

  private Protocol() {}

  /** The number of composition-polynomial segments: {@code max(1, maxDegree - 1)}. */
  static int compositionSegments(Air air) {
    int max = 1;
    for (int i = 0; i < air.transitionConstraintCount(); i++) {
      max = Math.max(max, air.transitionDegree(i));
    }
    return Math.max(1, max - 1);
  }

  /**
   * A transcript bound to the protocol version, the parameters and the statement. Absorbed in
   * order, before any challenge: the parameters, the trace shape and AIR name, the public inputs;
   * then the prover messages as the protocol goes (trace root, composition root, out-of-domain
   * values, each FRI root, the remainder, the grinding nonce).
   */
  static Transcript transcript(StarkParameters p, Air air) {
    Transcript fs = Transcript.create("poc/stark/v1");
    byte[] name = air.name().getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(32 + name.length);
    b.putInt(p.blowupFactor())
        .putInt(p.queries())
        .putInt(p.grindingBits())
        .putInt(p.foldingFactor())
        .putInt(p.extensionDegree())
        .putInt(p.maxRemainderLength())
        .putInt(air.traceLength())
        .putInt(air.traceWidth())
        .put(name);
    fs.absorb("statement", b.array());
    fs.absorb("public-inputs", air.publicInputs());
    return fs;
  }

  /** A uniform element of the extension field. */
  static Ext2 drawExt(Transcript fs, String label) {
    long c0 = fs.squeezeFieldElement(label + "/c0", Goldilocks.P);
    long c1 = fs.squeezeFieldElement(label + "/c1", Goldilocks.P);
    return Ext2.of(c0, c1);
  }

  static Ext2[] drawExts(Transcript fs, String label, int count) {
    Ext2[] out = new Ext2[count];
    for (int i = 0; i < count; i++) {
      out[i] = drawExt(fs, label);
    }
    return out;
  }

  /**
   * The out-of-domain point: an extension element outside the base field, hence outside the trace
   * domain and the evaluation domain.
   */
  static Ext2 drawOodPoint(Transcript fs) {
    Ext2 z;
    do {
      z = drawExt(fs, "ood-point");
    } while (z.isBase());
    return z;
  }

  /**
   * {@code queries} independent uniform positions in {@code [0, domainSize)}, then sorted with
   * repeats removed (sampling with replacement, as the conjectured-security formula assumes).
   */
  static int[] drawPositions(Transcript fs, int queries, int domainSize) {
    long[] drawn = fs.squeezeIndices("query-positions", queries, domainSize, false);
    return Arrays.stream(drawn).mapToInt(Math::toIntExact).sorted().distinct().toArray();
  }

  /**
   * The proof-of-work challenge: {@code H_tag(seed)} for a 32-byte seed squeezed from the
   * transcript, tag {@code poc/stark/grinding/v1}. A nonce is valid when {@code SHA-256(challenge
   * || u64be(nonce))} starts with {@code grindingBits} zero bits; that input is 40 bytes, one
   * SHA-256 compression per try.
   */
  static byte[] powChallenge(Transcript fs) {
    return Hashes.hash(POW_TAG, fs.squeezeDigest("grinding-seed").toByteArray()).toByteArray();
  }

  /** A 40-byte buffer holding the challenge, with room for the nonce at offset 32. */
  static byte[] powBuffer(byte[] challenge) {
    return Arrays.copyOf(challenge, 40);
  }

  /**
   * True when {@code SHA-256(challenge || nonce)} starts with {@code bits} zero bits; {@code
   * buffer} comes from {@link #powBuffer} and is overwritten with the nonce.
   */
  static boolean powValid(byte[] buffer, long nonce, int bits, MessageDigest md) {
    if (bits == 0) {
      return true;
    }
    long v = nonce;
    for (int i = 39; i >= 32; i--) {
      buffer[i] = (byte) v;
      v >>>= 8;
    }
    md.reset();
    byte[] h = md.digest(buffer);
    long head =
        ((h[0] & 0xffL) << 56)
            | ((h[1] & 0xffL) << 48)
            | ((h[2] & 0xffL) << 40)
            | ((h[3] & 0xffL) << 32)
            | ((h[4] & 0xffL) << 24)
            | ((h[5] & 0xffL) << 16)
            | ((h[6] & 0xffL) << 8)
            | (h[7] & 0xffL);
    return Long.numberOfLeadingZeros(head) >= bits;
  }

  static MessageDigest powDigest() {
    return Hashes.sha256();
  }

  static byte[] encodeExts(Ext2[]... groups) {
    int count = 0;
    for (Ext2[] g : groups) {
      count += g.length;
    }
    ByteBuffer b = ByteBuffer.allocate(16 * count);
    for (Ext2[] g : groups) {
      for (Ext2 e : g) {
        b.putLong(e.c0()).putLong(e.c1());
      }
    }
    return b.array();
  }

  /**
   * One FRI folding step (Ben-Sasson, Bentov, Horesh, Riabzev, "Fast Reed–Solomon Interactive
   * Oracle Proofs of Proximity", ICALP 2018; folding factor {@code m} as in Winterfell's {@code
   * fri} crate): writing {@code f(x) = Σ_{i<m} x^i f_i(x^m)}, the folded function at {@code y =
   * x0^m} is {@code Σ_i α^i f_i(y)}. Given {@code f} on the coset {@code x0·<ζ>}, {@code ζ} a
   * primitive {@code m}-th root, {@code x0^i f_i(y) = (1/m) Σ_t ζ^{-it} f(x0 ζ^t)} (a size-m
   * inverse DFT), and the result is {@code Σ_i c_i (α/x0)^i}: the degree-below-m interpolant of the
   * coset values, evaluated at {@code α}.
   *
   * @param values {@code f(x0·ζ^t)} for {@code t < m}
   * @param x0Inverse {@code 1/x0}
   */
  static Ext2 fold(Ext2[] values, long x0Inverse, Ext2 alpha) {
    int m = values.length;
    int logM = Integer.numberOfTrailingZeros(m);
    long zetaInv = ROOT_INVERSES[logM];
    long mInv = SIZE_INVERSES[logM];
    Ext2 point = alpha.mul(x0Inverse);
    Ext2 acc = Ext2.ZERO;
    for (int i = m - 1; i >= 0; i--) {
      long w = Goldilocks.pow(zetaInv, i);
      long wt = 1;
      Ext2 ci = Ext2.ZERO;
      for (int t = 0; t < m; t++) {
        ci = ci.add(values[t].mul(wt));
        wt = Goldilocks.mul(wt, w);
      }
      acc = acc.mul(point).add(ci.mul(mInv));
    }
    return acc;
  }

  /**
   * {@link #fold} on split coordinates without allocation, for the prover: the coset values are
   * {@code (v0[k + t·stride], v1[k + t·stride])} for {@code t < m}; the result goes to index {@code
   * k} of {@code out0} and {@code out1}.
   */
  static void foldInto(
      long[] v0,
      long[] v1,
      int k,
      int stride,
      int m,
      long x0Inverse,
      Ext2 alpha,
      long[] out0,
      long[] out1) {
    long[][] idft = IDFT[Integer.numberOfTrailingZeros(m)];
    // point = alpha / x0
    long p0 = Goldilocks.mul(alpha.c0(), x0Inverse);
    long p1 = Goldilocks.mul(alpha.c1(), x0Inverse);
    long a0 = 0;
    long a1 = 0;
    for (int i = m - 1; i >= 0; i--) {
      long[] row = idft[i];
      long c0 = 0;
      long c1 = 0;
      for (int t = 0; t < m; t++) {
        int at = k + t * stride;
        c0 = Goldilocks.add(c0, Goldilocks.mul(v0[at], row[t]));
        c1 = Goldilocks.add(c1, Goldilocks.mul(v1[at], row[t]));
      }
      // acc = acc * point + c
      long q0 = Goldilocks.mul(a0, p0);
      long q1 = Goldilocks.mul(a1, p1);
      long cross = Goldilocks.add(Goldilocks.mul(a0, p1), Goldilocks.mul(a1, p0));
      a0 = Goldilocks.add(Goldilocks.add(q0, Goldilocks.mul(Ext2.W, q1)), c0);
      a1 = Goldilocks.add(cross, c1);
    }
    out0[k] = a0;
    out1[k] = a1;
  }
}
