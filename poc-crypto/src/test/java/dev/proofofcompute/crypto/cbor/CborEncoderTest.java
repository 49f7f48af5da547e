package dev.proofofcompute.crypto.cbor;

import static dev.proofofcompute.crypto.cbor.Rfc8949AppendixA.arr;
import static dev.proofofcompute.crypto.cbor.Rfc8949AppendixA.f;
import static dev.proofofcompute.crypto.cbor.Rfc8949AppendixA.i;
import static dev.proofofcompute.crypto.cbor.Rfc8949AppendixA.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CborEncoderTest {

  static Stream<Rfc8949AppendixA.Vector> appendixA() {
    return Rfc8949AppendixA.DETERMINISTIC.stream();
  }

  /** RFC 8949 Appendix A: every example whose listed encoding is deterministic. */
  @ParameterizedTest(name = "RFC 8949 Appendix A: {0}")
  @MethodSource("appendixA")
  void encodesRfc8949AppendixAExamples(Rfc8949AppendixA.Vector vector) {
    assertThat(vector.value().encode().toHex()).isEqualTo(vector.hex());
  }

  /**
   * Map keys come from a bounded cache: a key encodes the same from the cache as without it (ASCII,
   * multi-byte UTF-8, at and over the cacheable length, non-text keys), twice in a row, and after
   * other keys have evicted it.
   */
  @Test
  void cachedKeysEncodeLikeUncachedOnes() {
    List<CborValue> keys =
        List.of(
            t("kind"),
            t(""),
            t("é€😀"),
            t("x".repeat(CborEncoder.KEY_CACHE_MAX_LENGTH)),
            t("y".repeat(CborEncoder.KEY_CACHE_MAX_LENGTH + 1)),
            i(-7),
            arr(i(1)));
    for (CborValue k : keys) {
      Bytes expected = k.encode();
      assertThat(CborEncoder.encodeKey(k)).as("%s", k).isEqualTo(expected);
      assertThat(CborEncoder.encodeKey(k)).as("%s again", k).isEqualTo(expected);
    }
    // A flood of other keys (more than the slots) evicts; every key still encodes correctly,
    // the vocabulary's included, before and after.
    for (int n = 0; n < 4 * CborEncoder.KEY_CACHE_SLOTS; n++) {
      CborText k = t("key-" + n);
      assertThat(CborEncoder.encodeKey(k)).isEqualTo(k.encode());
    }
    for (CborValue k : keys) {
      assertThat(CborEncoder.encodeKey(k)).as("%s after the flood", k).isEqualTo(k.encode());
    }
  }

  /** RFC 8949 §4.2.1: "10, 100, -1, "z", "aa", [100], [-1], false" is the sorted key order. */
  @Test
  void sortsMapKeysAsInRfc8949Section421() {
    List<CborValue> expectedOrder =
        List.of(i(10), i(100), i(-1), t("z"), t("aa"), arr(i(100)), arr(i(-1)), CborSimple.FALSE);
    Random random = new Random(421);
    for (int round = 0; round < 20; round++) {
      List<CborValue> keys = new ArrayList<>(expectedOrder);
      Collections.shuffle(keys, random);
      List<CborMap.Entry> entries = new ArrayList<>();
      for (CborValue key : keys) {
        entries.add(new CborMap.Entry(key, i(0)));
      }
      CborMap map = CborMap.ofEntries(entries);
      assertThat(map.entries().stream().map(CborMap.Entry::key).toList())
          .as("seed 421, round %d, insertion order %s", round, keys)
          .isEqualTo(expectedOrder);
      assertThat(map.encode().toHex())
          .isEqualTo(
              "a8"
                  + "0a00"
                  + "186400"
                  + "2000"
                  + "617a00"
                  + "62616100"
                  + "81186400"
                  + "812000"
                  + "f400");
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 8949})
  void mapsBuiltInShuffledOrdersEncodeIdentically(long seed) {
    RandomCbor random = new RandomCbor(seed);
    for (int k = 0; k < 500; k++) {
      CborValue value = random.value(4);
      CborValue shuffled = random.reshuffled(value);
      assertThat(shuffled.encode())
          .as("seed %d, value %d: %s", seed, k, value)
          .isEqualTo(value.encode());
      assertThat(shuffled).isEqualTo(value).hasSameHashCodeAs(value);
    }
  }

  @Test
  void builderInsertionOrderDoesNotMatter() {
    Digest digest = Digest.sha256(new byte[] {1});
    CborMap a =
        CborMap.builder()
            .put("kind", "result")
            .put("job", 7)
            .put("output", digest)
            .put("ok", true)
            .put("blob", Bytes.fromHex("0102"))
            .build();
    CborMap b =
        CborMap.builder()
            .put("blob", Bytes.fromHex("0102"))
            .put("ok", true)
            .put("output", digest)
            .put("job", 7)
            .put("kind", "result")
            .build();
    assertThat(b.encode()).isEqualTo(a.encode());
    assertThat(b).isEqualTo(a);
  }

  /**
   * Every non-NaN half-precision value is encoded as that half (RFC 8949 §4.2.1: shortest exact
   * width); checked over all 2^16 bit patterns.
   */
  @Test
  void everyHalfPrecisionValueEncodesInThreeBytes() {
    for (int bits = 0; bits < 0x10000; bits++) {
      double value = Float.float16ToFloat((short) bits);
      if (Double.isNaN(value)) {
        continue;
      }
      assertThat(f(value).encode().toHex())
          .as("half 0x%04x", bits)
          .isEqualTo(String.format("f9%04x", bits));
    }
  }

  @Test
  void everyNanEncodesAsTheCanonicalNan() {
    Random random = new Random(7);
    for (int k = 0; k < 1000; k++) {
      long payload = random.nextLong() | 0x7ff0_0000_0000_0001L;
      double nan = Double.longBitsToDouble(payload);
      assertThat(f(nan).encode().toHex()).as("seed 7, bits %x", payload).isEqualTo("f97e00");
    }
  }

  /** Values exact in single but not half precision take five bytes; others take nine. */
  @Test
  void floatsTakeTheShortestExactWidth() {
    assertThat(f(Float.MIN_VALUE).encode().toHex()).isEqualTo("fa00000001");
    assertThat(f(65505.0).encode().toHex()).isEqualTo("fa477fe100");
    assertThat(f(0.1).encode().toHex()).isEqualTo("fb3fb999999999999a");
    assertThat(f(Double.MIN_VALUE).encode().toHex()).isEqualTo("fb0000000000000001");
  }

  /** Shortest-form heads at every boundary of RFC 8949 §4.2.1. */
  @Test
  void integerHeadsAreShortestAtEveryBoundary() {
    assertThat(i(23).encode().toHex()).isEqualTo("17");
    assertThat(i(255).encode().toHex()).isEqualTo("18ff");
    assertThat(i(256).encode().toHex()).isEqualTo("190100");
    assertThat(i(65535).encode().toHex()).isEqualTo("19ffff");
    assertThat(i(65536).encode().toHex()).isEqualTo("1a00010000");
    assertThat(i(0xffff_ffffL).encode().toHex()).isEqualTo("1affffffff");
    assertThat(i(0x1_0000_0000L).encode().toHex()).isEqualTo("1b0000000100000000");
    assertThat(i(-24).encode().toHex()).isEqualTo("37");
    assertThat(i(-25).encode().toHex()).isEqualTo("3818");
    assertThat(i(Long.MIN_VALUE).encode().toHex()).isEqualTo("3b7fffffffffffffff");
    assertThat(new CborTag(0xffff_ffff_ffff_ffffL, i(0)).encode().toHex())
        .isEqualTo("dbffffffffffffffff00");
    assertThat(new CborBytes(Bytes.of(new byte[24])).encode().toHex())
        .startsWith("5818")
        .hasSize(2 * (2 + 24));
  }
}
