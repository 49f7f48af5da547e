package dev.proofofcompute.crypto.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TranscriptTest {
  private static final long GOLDILOCKS = 0xFFFFFFFF00000001L;

  private static Transcript sample(Consumer<Transcript> ops) {
    Transcript t = Transcript.create("poc/test/v1");
    ops.accept(t);
    return t;
  }

  @Test
  void sameOperationsGiveSameOutputs() {
    Consumer<Transcript> ops =
        t ->
            t.absorb("root", Digest.sha256(new byte[] {1}))
                .absorb("n", 1000L)
                .absorb("params", Bytes.of(new byte[] {9, 9}))
                .absorb("raw", new byte[] {7});
    Transcript a = sample(ops);
    Transcript b = sample(ops);
    assertThat(a.squeezeBytes("c", 100)).isEqualTo(b.squeezeBytes("c", 100));
    assertThat(a.squeezeUniform("u", 12345)).isEqualTo(b.squeezeUniform("u", 12345));
    assertThat(a.squeezeFieldElement("f", GOLDILOCKS))
        .isEqualTo(b.squeezeFieldElement("f", GOLDILOCKS));
    assertThat(a.squeezeIndices("i", 20, 50, true)).isEqualTo(b.squeezeIndices("i", 20, 50, true));
    assertThat(a.fork("sub").squeezeDigest("d")).isEqualTo(b.fork("sub").squeezeDigest("d"));
    assertThat(a.squeezeDigest("d")).isEqualTo(b.squeezeDigest("d"));
  }

  // ---- Known answer, computed here from the construction documented on Transcript. ----

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] taggedHash(String tag, byte[]... parts) {
    MessageDigest md = sha256();
    byte[] t = tag.getBytes(StandardCharsets.US_ASCII);
    md.update((byte) t.length);
    md.update(t);
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }

  private static byte[] frame(int op, String label, byte[] data) {
    byte[] l = label.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + 4 + l.length + 8 + data.length)
        .put((byte) op)
        .putInt(l.length)
        .put(l)
        .putLong(data.length)
        .put(data)
        .array();
  }

  private static byte[] next(byte[] state, int op, String label, byte[] data) {
    return taggedHash("poc/transcript/state/v1", state, frame(op, label, data));
  }

  private static byte[] expand(byte[] seed, int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long i = 0; out.size() < n; i++) {
      out.writeBytes(
          taggedHash("poc/transcript/output/v1", seed, ByteBuffer.allocate(8).putLong(i).array()));
    }
    return Arrays.copyOf(out.toByteArray(), n);
  }

  @Test
  void outputMatchesIndependentComputationOfDocumentedConstruction() {
    byte[] payload = "commitment".getBytes(StandardCharsets.UTF_8);
    byte[] s = next(new byte[32], 0x00, "poc/kat/v1", new byte[0]);
    s = next(s, 0x01, "root", payload);
    s = next(s, 0x02, "count", ByteBuffer.allocate(8).putLong(-2L).array());
    byte[] s1 = next(s, 0x10, "challenge", ByteBuffer.allocate(8).putLong(70).array());
    byte[] expectedFirst = expand(s1, 70);
    byte[] s2 = next(s1, 0x10, "challenge", ByteBuffer.allocate(8).putLong(70).array());
    byte[] expectedSecond = expand(s2, 70);
    byte[] s3 = next(s2, 0x15, "seed", new byte[0]);
    byte[] expectedDigest = expand(s3, 32);

    Transcript t = Transcript.create("poc/kat/v1").absorb("root", payload).absorb("count", -2L);
    assertThat(t.squeezeBytes("challenge", 70).toByteArray()).isEqualTo(expectedFirst);
    assertThat(t.squeezeBytes("challenge", 70).toByteArray()).isEqualTo(expectedSecond);
    assertThat(t.squeezeDigest("seed").toByteArray()).isEqualTo(expectedDigest);
  }

  @Test
  void uniformMatchesIndependentRejectionSampling() {
    // n = 2^62 + 1: mask 2^63 - 1, so almost half the candidates are rejected; the expected value
    // is the first 64-bit big-endian word of the stream that, masked, falls below n.
    long n = (1L << 62) + 1;
    for (int k = 0; k < 20; k++) {
      String label = "draw-" + k;
      byte[] s = next(new byte[32], 0x00, "poc/kat/v1", new byte[0]);
      s = next(s, 0x11, label, ByteBuffer.allocate(8).putLong(n).array());
      ByteBuffer stream = ByteBuffer.wrap(expand(s, 32 * 64));
      long expected;
      do {
        expected = stream.getLong() & Long.MAX_VALUE;
      } while (expected >= n);
      assertThat(Transcript.create("poc/kat/v1").squeezeUniform(label, n))
          .as("draw %d", k)
          .isEqualTo(expected);
    }
  }

  // ---- Separation ----

  @Test
  void protocolLabelsSeparate() {
    assertThat(Transcript.create("poc/stark/v1").squeezeDigest("c"))
        .isNotEqualTo(Transcript.create("poc/spot-check/v1").squeezeDigest("c"));
  }

  @Test
  void absorbLabelsSeparate() {
    Digest a = sample(t -> t.absorb("x", new byte[] {1})).squeezeDigest("c");
    Digest b = sample(t -> t.absorb("y", new byte[] {1})).squeezeDigest("c");
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void squeezeLabelsSeparate() {
    assertThat(sample(t -> {}).squeezeDigest("c")).isNotEqualTo(sample(t -> {}).squeezeDigest("d"));
  }

  @Test
  void framingSeparatesSameConcatenatedBytes() {
    Set<Digest> outputs = new HashSet<>();
    outputs.add(sample(t -> t.absorb("a", utf8("bc"))).squeezeDigest("c"));
    outputs.add(sample(t -> t.absorb("ab", utf8("c"))).squeezeDigest("c"));
    outputs.add(sample(t -> t.absorb("a", utf8("b")).absorb("a", utf8("c"))).squeezeDigest("c"));
    outputs.add(sample(t -> t.absorb("a", utf8("bc")).absorb("a", new byte[0])).squeezeDigest("c"));
    assertThat(outputs).hasSize(4);
  }

  @Test
  void longIsFramedDifferentlyFromItsBytes() {
    Digest asLong = sample(t -> t.absorb("v", 42L)).squeezeDigest("c");
    Digest asBytes =
        sample(t -> t.absorb("v", ByteBuffer.allocate(8).putLong(42L).array())).squeezeDigest("c");
    assertThat(asLong).isNotEqualTo(asBytes);
  }

  @Test
  void digestBytesAndArrayAbsorbAlike() {
    Digest d = Digest.sha256(new byte[] {5});
    Digest viaDigest = sample(t -> t.absorb("r", d)).squeezeDigest("c");
    Digest viaBytes = sample(t -> t.absorb("r", d.toBytes())).squeezeDigest("c");
    Digest viaArray = sample(t -> t.absorb("r", d.toByteArray())).squeezeDigest("c");
    assertThat(viaDigest).isEqualTo(viaBytes).isEqualTo(viaArray);
  }

  @Test
  void squeezingRatchetsTheState() {
    Transcript t = sample(x -> {});
    Bytes first = t.squeezeBytes("c", 32);
    Bytes second = t.squeezeBytes("c", 32);
    assertThat(first).isNotEqualTo(second);
    // A longer squeeze is not a prefix-extension of a shorter one with the same label.
    assertThat(sample(x -> {}).squeezeBytes("c", 64).slice(0, 32))
        .isNotEqualTo(sample(x -> {}).squeezeBytes("c", 32));
  }

  @Test
  void forkedChildIsIndependentOfParentAndOfOtherChildren() {
    Transcript parent = sample(t -> t.absorb("x", 1L));
    Transcript childA = parent.fork("a");
    Transcript childB = sample(t -> t.absorb("x", 1L)).fork("b");
    Digest fromParent = parent.squeezeDigest("c");
    Digest fromA = childA.squeezeDigest("c");
    Digest fromB = childB.squeezeDigest("c");
    Digest unforked = sample(t -> t.absorb("x", 1L)).squeezeDigest("c");
    assertThat(Set.of(fromParent, fromA, fromB, unforked)).hasSize(4);
  }

  @Test
  void childDependsOnWhatParentAbsorbed() {
    Digest a = sample(t -> t.absorb("x", 1L)).fork("sub").squeezeDigest("c");
    Digest b = sample(t -> t.absorb("x", 2L)).fork("sub").squeezeDigest("c");
    assertThat(a).isNotEqualTo(b);
  }

  // ---- Ranges and distribution ----

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 6, (1L << 62) + 1, Long.MAX_VALUE})
  void uniformIsAlwaysBelowBound(long n) {
    Transcript t = Transcript.create("poc/test/range/v1").absorb("n", n);
    for (int i = 0; i < 5_000; i++) {
      assertThat(t.squeezeUniform("u", n)).isBetween(0L, n - 1);
    }
  }

  @Test
  void uniformForHalfRangePlusOneReachesUpperHalf() {
    // n = 2^62 + 1 needs a 63-bit mask; about 1/4 of the outputs should exceed 2^61 * 3.
    long n = (1L << 62) + 1;
    Transcript t = Transcript.create("poc/test/upper/v1");
    int high = 0;
    for (int i = 0; i < 2_000; i++) {
      if (t.squeezeUniform("u", n) >= 3L << 60) {
        high++;
      }
    }
    assertThat(high).isBetween(350, 650);
  }

  /** Fixed labels make this deterministic; the threshold is the p = 1e-6 critical value. */
  @ParameterizedTest
  @ValueSource(longs = {6, 1000})
  void uniformPassesChiSquare(long n) {
    int draws = (int) Math.max(60_000, 200 * n);
    long[] counts = new long[(int) n];
    Transcript t = Transcript.create("poc/test/chi-square/v1").absorb("n", n);
    for (int i = 0; i < draws; i++) {
      counts[(int) t.squeezeUniform("u", n)]++;
    }
    assertThat(chiSquare(counts, draws))
        .as("chi-square for n=%d over %d draws", n, draws)
        .isLessThan(criticalValueAtOneInAMillion(n - 1));
  }

  @Test
  void indicesWithRepetitionPassChiSquare() {
    int n = 10;
    int draws = 50_000;
    long[] counts = new long[n];
    for (long i :
        Transcript.create("poc/test/chi-square/v1").squeezeIndices("i", draws, n, false)) {
      counts[(int) i]++;
    }
    assertThat(chiSquare(counts, draws)).isLessThan(criticalValueAtOneInAMillion(n - 1));
  }

  private static double chiSquare(long[] counts, int draws) {
    double expected = (double) draws / counts.length;
    double chi = 0;
    for (long c : counts) {
      chi += (c - expected) * (c - expected) / expected;
    }
    return chi;
  }

  /**
   * Wilson–Hilferty approximation of the chi-square quantile at upper tail 1e-6 (z = 4.753); it
   * overestimates the exact value slightly for small degrees of freedom (37.5 vs 35.9 at 5), which
   * only makes the test more lenient.
   */
  private static double criticalValueAtOneInAMillion(long degreesOfFreedom) {
    double k = degreesOfFreedom;
    double z = 4.753;
    double c = 1 - 2 / (9 * k) + z * Math.sqrt(2 / (9 * k));
    return k * c * c * c;
  }

  @Test
  void fieldElementsAreCanonical() {
    Transcript t = Transcript.create("poc/test/field/v1");
    boolean aboveSignBit = false;
    for (int i = 0; i < 5_000; i++) {
      long x = t.squeezeFieldElement("f", GOLDILOCKS);
      assertThat(Long.compareUnsigned(x, GOLDILOCKS)).isNegative();
      aboveSignBit |= x < 0;
    }
    // Half of Goldilocks lies above 2^63: the unsigned range is really used.
    assertThat(aboveSignBit).isTrue();
    for (long p : new long[] {2, 3, 17, 2_147_483_647L, -59L /* 2^64 - 59, a prime */}) {
      for (int i = 0; i < 1_000; i++) {
        assertThat(Long.compareUnsigned(t.squeezeFieldElement("f", p), p)).isNegative();
      }
    }
  }

  @Test
  void bigIntegerIsBelowBound() {
    Transcript t = Transcript.create("poc/test/big/v1");
    BigInteger n = BigInteger.ONE.shiftLeft(200).add(BigInteger.ONE);
    for (BigInteger bound : new BigInteger[] {BigInteger.ONE, BigInteger.TWO, n}) {
      for (int i = 0; i < 500; i++) {
        BigInteger x = t.squeezeUniformBigInteger("b", bound);
        assertThat(x.signum()).isNotNegative();
        assertThat(x).isLessThan(bound);
      }
    }
  }

  @Test
  void distinctIndicesAreDistinctAndInRange() {
    Transcript t = Transcript.create("poc/test/indices/v1");
    long[] all = t.squeezeIndices("i", 100, 100, true);
    assertThat(all).hasSize(100);
    assertThat(Arrays.stream(all).sorted().toArray())
        .isEqualTo(java.util.stream.LongStream.range(0, 100).toArray());
    long[] some = t.squeezeIndices("i", 1_000, Long.MAX_VALUE, true);
    assertThat(Arrays.stream(some).distinct().count()).isEqualTo(1_000);
    assertThat(Arrays.stream(some).boxed().toList())
        .isNotEmpty()
        .allSatisfy(x -> assertThat(x).isBetween(0L, Long.MAX_VALUE - 1));
    long[] dense = t.squeezeIndices("i", 40, 50, true);
    assertThat(Arrays.stream(dense).distinct().count()).isEqualTo(40);
    assertThat(Arrays.stream(dense).boxed().toList())
        .isNotEmpty()
        .allSatisfy(x -> assertThat(x).isBetween(0L, 49L));
    assertThat(t.squeezeIndices("i", 0, 5, true)).isEmpty();
  }

  @Test
  void indicesWithRepetitionStayInRange() {
    long[] xs = Transcript.create("poc/test/indices/v1").squeezeIndices("i", 1_000, 3, false);
    assertThat(Arrays.stream(xs).boxed().toList())
        .isNotEmpty()
        .allSatisfy(x -> assertThat(x).isBetween(0L, 2L));
    assertThat(Arrays.stream(xs).distinct().count()).isEqualTo(3);
  }

  @Test
  void distinctSamplingIsUnbiasedOverPositions() {
    // Draw 3 of 10 distinct, many times: each element must appear equally often.
    int n = 10;
    int rounds = 20_000;
    long[] counts = new long[n];
    Transcript t = Transcript.create("poc/test/fisher-yates/v1");
    for (int r = 0; r < rounds; r++) {
      for (long x : t.squeezeIndices("i", 3, n, true)) {
        counts[(int) x]++;
      }
    }
    assertThat(chiSquare(counts, 3 * rounds)).isLessThan(criticalValueAtOneInAMillion(n - 1));
  }

  // ---- Argument checks ----

  @Test
  void rejectsInvalidArguments() {
    Transcript t = Transcript.create("poc/test/v1");
    assertThatThrownBy(() -> t.squeezeUniform("u", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.squeezeUniform("u", -5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.squeezeUniformBigInteger("u", BigInteger.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.squeezeIndices("i", 5, 0, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.squeezeIndices("i", 6, 5, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("6 distinct");
    assertThatThrownBy(() -> t.squeezeIndices("i", -1, 5, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.squeezeFieldElement("f", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.squeezeFieldElement("f", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.squeezeBytes("b", -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.absorb("", 1L)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Transcript.create("")).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
