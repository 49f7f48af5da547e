package dev.proofofcompute.crypto.transcript;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * A Fiat–Shamir transcript: a running hash of every public message of a protocol, from which
 * challenges are derived. Prover and verifier perform the same sequence of operations and obtain
 * the same challenges; a challenge depends on the protocol label and on every message absorbed
 * before it, in order, with its label.
 *
 * <p>A transcript is mutable and <b>not thread-safe</b>: each protocol run owns its own instance
 * (use {@link #fork} to hand a sub-protocol an independent child).
 *
 * <h2>Construction</h2>
 *
 * <p>The state is a 32-byte chaining value {@code S}. Every operation is encoded as one unambiguous
 * frame and hashed together with the previous state:
 *
 * <pre>
 *   frame(op, label, data) = u8(op) || u32be(len(label)) || label || u64be(len(data)) || data
 *   S'                     = H_state( S || frame(op, label, data) )
 *   H_t(m)                 = SHA-256( u8(len(t)) || t || m )          (as in {@link Hashes})
 *   state tag              = "poc/transcript/state/v1"
 *   output tag             = "poc/transcript/output/v1"
 * </pre>
 *
 * Labels are UTF-8. Creation starts from 32 zero bytes and applies {@code frame(0x00,
 * protocolLabel, empty)}. Absorbing bytes (also a {@link Bytes} or a {@link Digest}) uses op {@code
 * 0x01}; absorbing a {@code long} uses op {@code 0x02} with the 8 big-endian bytes as data, so a
 * number never collides with the same 8 bytes absorbed as a string. Each squeeze first applies its
 * own frame, whose data are the request parameters (op {@code 0x10} bytes: {@code u64be(n)}; {@code
 * 0x11} uniform long: {@code u64be(n)}; {@code 0x12} uniform big integer: {@code n.toByteArray()},
 * the minimal big-endian two's-complement encoding; {@code 0x13} field element: {@code u64be(p)};
 * {@code 0x14} indices: {@code u32be(count) || u64be(n) || u8(distinct)}; {@code 0x15} digest:
 * empty). The new state {@code S'} is then expanded in counter mode into the output stream
 *
 * <pre>
 *   block_i = H_output( S' || u64be(i) ),   i = 0, 1, 2, ...
 * </pre>
 *
 * and the transcript keeps {@code S'}. So every squeeze ratchets the state (two identical squeezes
 * in a row give different outputs), the output of one squeeze says nothing about the state (the
 * output tag differs from the state tag), and a squeeze that consumes extra blocks through
 * rejection sampling does not change what follows. {@link #fork} derives the child from {@code
 * frame(0x20, label, empty)} and moves the parent on with {@code frame(0x21, label, empty)}.
 *
 * <h2>Why this shape</h2>
 *
 * <p>The framing follows the idea of Merlin (merlin.cool, built on STROBE): every message carries
 * its label and its length, so distinct operation sequences never hash the same bytes — {@code
 * absorb("a", "bc")} and {@code absorb("ab", "c")} differ — and a protocol label separates
 * protocols. Unlike Merlin we use a plain SHA-256 hash chain rather than a Keccak duplex, which
 * needs nothing beyond the JDK.
 *
 * <p>Dao, Miller, Wright, Grubbs, "Weak Fiat-Shamir Attacks on Modern Proof Systems" (IEEE S&amp;P
 * 2023, ePrint 2023/691) show that real provers were broken because the transcript left out some
 * public input (the statement, parameters, or commitments), letting a cheater choose them after
 * seeing the challenge. The rule for callers is therefore: absorb the protocol parameters, the full
 * public statement, and every prover message before squeezing any challenge that depends on them.
 * (The pitfall was first named by Bernhard, Pereira and Warinschi, "How Not to Prove Yourself",
 * ASIACRYPT 2012.) This class cannot check that; each protocol's design comment must list what it
 * absorbs.
 *
 * <p>Sampling is exact: uniform integers use rejection sampling on the smallest power-of-two mask
 * covering the range, never a reduction modulo {@code n}, so there is no modulo bias. For a bound
 * {@code n} with {@code 2^(k-1) < n <= 2^k} each candidate is accepted with probability {@code n /
 * 2^k > 1/2}; the expected number of 64-bit draws is below 2 and the chance of needing more than
 * {@code t} draws is below {@code 2^-t}.
 */
public final class Transcript {
  static final String STATE_TAG = "poc/transcript/state/v1";
  static final String OUTPUT_TAG = "poc/transcript/output/v1";

  private static final byte OP_INIT = 0x00;
  private static final byte OP_ABSORB_BYTES = 0x01;
  private static final byte OP_ABSORB_LONG = 0x02;
  private static final byte OP_SQUEEZE_BYTES = 0x10;
  private static final byte OP_SQUEEZE_UNIFORM = 0x11;
  private static final byte OP_SQUEEZE_BIG_INTEGER = 0x12;
  private static final byte OP_SQUEEZE_FIELD = 0x13;
  private static final byte OP_SQUEEZE_INDICES = 0x14;
  private static final byte OP_SQUEEZE_DIGEST = 0x15;
  private static final byte OP_FORK_CHILD = 0x20;
  private static final byte OP_FORK_PARENT = 0x21;

  private static final byte[] EMPTY = new byte[0];

  private byte[] state;

  private Transcript(byte[] state) {
    this.state = state;
  }

  /**
   * A new transcript for the protocol named by {@code protocolLabel}, e.g. {@code "poc/stark/v1"}.
   *
   * @throws IllegalArgumentException if the label is empty
   */
  public static Transcript create(String protocolLabel) {
    return new Transcript(step(new byte[Digest.LENGTH], OP_INIT, protocolLabel, EMPTY));
  }

  /** Absorbs {@code data} under {@code label}. */
  public Transcript absorb(String label, byte[] data) {
    state = step(state, OP_ABSORB_BYTES, label, data);
    return this;
  }

  /** Absorbs {@code data} under {@code label}. */
  public Transcript absorb(String label, Bytes data) {
    return absorb(label, data.toByteArray());
  }

  /**
   * Absorbs the 32 bytes of {@code digest} under {@code label} (same as absorbing them as bytes).
   */
  public Transcript absorb(String label, Digest digest) {
    return absorb(label, digest.toByteArray());
  }

  /** Absorbs {@code value} as a number (framed differently from its 8 bytes absorbed as data). */
  public Transcript absorb(String label, long value) {
    state = step(state, OP_ABSORB_LONG, label, u64(value));
    return this;
  }

  /**
   * {@code n} challenge bytes.
   *
   * @throws IllegalArgumentException if {@code n < 0}
   */
  public Bytes squeezeBytes(String label, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("cannot squeeze a negative number of bytes: " + n);
    }
    byte[] out = new byte[n];
    begin(OP_SQUEEZE_BYTES, label, u64(n)).next(out);
    return Bytes.of(out);
  }

  /** A 32-byte challenge, e.g. a seed for a sub-protocol. */
  public Digest squeezeDigest(String label) {
    byte[] out = new byte[Digest.LENGTH];
    begin(OP_SQUEEZE_DIGEST, label, EMPTY).next(out);
    return Digest.of(out);
  }

  /**
   * A uniform value in {@code [0, n)}, by rejection sampling (expected fewer than 2 draws).
   *
   * @throws IllegalArgumentException if {@code n <= 0}
   */
  public long squeezeUniform(String label, long n) {
    checkBound(n);
    return begin(OP_SQUEEZE_UNIFORM, label, u64(n)).uniform(n);
  }

  /**
   * A uniform value in {@code [0, n)} for an arbitrary positive bound, by rejection sampling on
   * {@code bitLength(n - 1)} bits (expected fewer than 2 draws).
   *
   * @throws IllegalArgumentException if {@code n <= 0}
   */
  public BigInteger squeezeUniformBigInteger(String label, BigInteger n) {
    if (n.signum() <= 0) {
      throw new IllegalArgumentException("the bound must be positive, got " + n);
    }
    OutputStream out = begin(OP_SQUEEZE_BIG_INTEGER, label, n.toByteArray());
    int bits = n.subtract(BigInteger.ONE).bitLength();
    if (bits == 0) {
      return BigInteger.ZERO;
    }
    byte[] buf = new byte[(bits + 7) / 8];
    int topMask = 0xff >>> (8 * buf.length - bits);
    while (true) {
      out.next(buf);
      buf[0] = (byte) (buf[0] & topMask);
      BigInteger candidate = new BigInteger(1, buf);
      if (candidate.compareTo(n) < 0) {
        return candidate;
      }
    }
  }

  /**
   * A uniform element of the prime field of order {@code p}, as its canonical representative in
   * {@code [0, p)}. Both {@code p} and the result are <b>unsigned</b> 64-bit values, so moduli
   * above {@code 2^63} such as Goldilocks {@code 2^64 - 2^32 + 1 = 0xFFFFFFFF00000001L} work.
   * Rejection sampling on the smallest mask covering {@code p - 1}; for Goldilocks a draw is
   * rejected with probability below {@code 2^-32}. Primality is the caller's business and is not
   * checked; the result is uniform in {@code [0, p)} for every modulus.
   *
   * @throws IllegalArgumentException if {@code p}, read as unsigned, is below 2
   */
  public long squeezeFieldElement(String label, long p) {
    if (Long.compareUnsigned(p, 2) < 0) {
      throw new IllegalArgumentException("a field modulus is at least 2, got " + p);
    }
    OutputStream out = begin(OP_SQUEEZE_FIELD, label, u64(p));
    long mask = -1L >>> Long.numberOfLeadingZeros(p - 1);
    while (true) {
      long candidate = out.nextLong() & mask;
      if (Long.compareUnsigned(candidate, p) < 0) {
        return candidate;
      }
    }
  }

  /**
   * {@code count} indices in {@code [0, n)}, e.g. the items a spot-check opens. With {@code
   * distinct} the indices are sampled without replacement by a partial Fisher–Yates shuffle of
   * {@code [0, n)} (kept sparse, so memory is {@code O(count)} whatever {@code n}); otherwise each
   * is an independent {@link #squeezeUniform}-style draw. The order is the draw order.
   *
   * @return a fresh array owned by the caller
   * @throws IllegalArgumentException if {@code n <= 0}, {@code count < 0}, or {@code distinct} and
   *     {@code count > n}
   */
  public long[] squeezeIndices(String label, int count, long n, boolean distinct) {
    checkBound(n);
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, got " + count);
    }
    if (distinct && count > n) {
      throw new IllegalArgumentException(
          "cannot draw " + count + " distinct indices from a range of " + n);
    }
    byte[] params = new byte[4 + 8 + 1];
    params[0] = (byte) (count >>> 24);
    params[1] = (byte) (count >>> 16);
    params[2] = (byte) (count >>> 8);
    params[3] = (byte) count;
    System.arraycopy(u64(n), 0, params, 4, 8);
    params[12] = (byte) (distinct ? 1 : 0);
    OutputStream out = begin(OP_SQUEEZE_INDICES, label, params);
    long[] result = new long[count];
    if (!distinct) {
      for (int i = 0; i < count; i++) {
        result[i] = out.uniform(n);
      }
      return result;
    }
    // Partial Fisher–Yates over the virtual array a[x] = x; only swapped slots are stored.
    Map<Long, Long> swapped = new HashMap<>();
    for (int i = 0; i < count; i++) {
      long j = i + out.uniform(n - i);
      long atJ = swapped.getOrDefault(j, j);
      long atI = swapped.getOrDefault((long) i, (long) i);
      result[i] = atJ;
      swapped.put(j, atI);
    }
    return result;
  }

  /**
   * An independent child transcript for a sub-protocol. The child starts from the current state (so
   * it is bound to everything absorbed so far) and {@code label}; the parent moves on, so neither
   * can reproduce the other's challenges.
   */
  public Transcript fork(String label) {
    Transcript child = new Transcript(step(state, OP_FORK_CHILD, label, EMPTY));
    state = step(state, OP_FORK_PARENT, label, EMPTY);
    return child;
  }

  @Override
  public String toString() {
    // The state is derived from public data only, but printing it invites comparing by eye.
    return "Transcript";
  }

  private OutputStream begin(byte op, String label, byte[] params) {
    state = step(state, op, label, params);
    return new OutputStream(state.clone());
  }

  private static void checkBound(long n) {
    if (n <= 0) {
      throw new IllegalArgumentException("the bound must be positive, got " + n);
    }
  }

  private static byte[] step(byte[] state, byte op, String label, byte[] data) {
    byte[] l = label.getBytes(StandardCharsets.UTF_8);
    if (l.length == 0) {
      throw new IllegalArgumentException("a transcript label must not be empty");
    }
    MessageDigest md = Hashes.tagged(STATE_TAG);
    md.update(state);
    md.update(op);
    md.update((byte) (l.length >>> 24));
    md.update((byte) (l.length >>> 16));
    md.update((byte) (l.length >>> 8));
    md.update((byte) l.length);
    md.update(l);
    md.update(u64(data.length));
    md.update(data);
    return md.digest();
  }

  private static byte[] u64(long v) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    return b;
  }

  /** The counter-mode expansion of one squeeze: block_i = H_output(seed || u64be(i)). */
  private static final class OutputStream {
    private final byte[] seed;
    private long counter;
    private byte[] block = EMPTY;
    private int pos;

    OutputStream(byte[] seed) {
      this.seed = seed;
    }

    void next(byte[] out) {
      int filled = 0;
      while (filled < out.length) {
        if (pos == block.length) {
          MessageDigest md = Hashes.tagged(OUTPUT_TAG);
          md.update(seed);
          md.update(u64(counter++));
          block = md.digest();
          pos = 0;
        }
        int take = Math.min(block.length - pos, out.length - filled);
        System.arraycopy(block, pos, out, filled, take);
        pos += take;
        filled += take;
      }
    }

    long nextLong() {
      byte[] b = new byte[8];
      next(b);
      long v = 0;
      for (byte x : b) {
        v = (v << 8) | (x & 0xff);
      }
      return v;
    }

    /** Uniform in [0, n) for n > 0, by rejection on the smallest mask covering n - 1. */
    long uniform(long n) {
      // For n == 1 the shift would be by 64, which Java reduces to 0; the mask must be 0.
      long mask = n == 1 ? 0 : -1L >>> Long.numberOfLeadingZeros(n - 1);
      while (true) {
        long candidate = nextLong() & mask;
        if (candidate < n) {
          return candidate;
        }
      }
    }
  }
}
