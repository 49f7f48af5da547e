package dev.proofofcompute.crypto.cbor;

import static dev.proofofcompute.crypto.cbor.Rfc8949AppendixA.i;
import static dev.proofofcompute.crypto.cbor.Rfc8949AppendixA.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CborMapTest {
  private static final Digest DIGEST = Digest.sha256(new byte[] {42});

  private static CborMap message() {
    return CborMap.builder()
        .put("kind", "result")
        .put("job", 7)
        .put("neg", -3)
        .put("output", DIGEST)
        .put("blob", Bytes.fromHex("0102"))
        .put("ok", true)
        .put("parts", CborArray.of(i(1), i(2)))
        .put("inner", CborMap.builder().put("a", 1).build())
        .put("absent", CborSimple.NULL)
        .put("huge", CborInteger.of(new BigInteger("18446744073709551615")))
        .build();
  }

  @Test
  void typedGettersReadEachField() throws Exception {
    CborMap m = CborDecoder.decodeCanonicalMap(message().encode());
    assertThat(m.getText("kind")).isEqualTo("result");
    assertThat(m.getLong("job")).isEqualTo(7);
    assertThat(m.getLong("neg")).isEqualTo(-3);
    assertThat(m.getDigest("output")).isEqualTo(DIGEST);
    assertThat(m.getBytes("output")).isEqualTo(DIGEST.toBytes());
    assertThat(m.getBytes("blob")).isEqualTo(Bytes.fromHex("0102"));
    assertThat(m.getBoolean("ok")).isTrue();
    assertThat(m.getArray("parts").items()).containsExactly(i(1), i(2));
    assertThat(m.getMap("inner").getLong("a")).isEqualTo(1);
    assertThat(m.size()).isEqualTo(10);
    assertThat(m.get("kind")).contains(t("result"));
    assertThat(m.containsKey(t("absent"))).isTrue();
  }

  @Test
  void optionalGettersTreatAbsentAndNullAlike() throws Exception {
    CborMap m = message();
    assertThat(m.getOptionalText("absent")).isEmpty();
    assertThat(m.getOptionalText("missing")).isEmpty();
    assertThat(m.getOptionalBytes("absent")).isEmpty();
    assertThat(m.getOptionalDigest("missing")).isEmpty();
    assertThat(m.getOptionalLong("absent")).isEmpty();
    assertThat(m.getOptionalArray("absent")).isEmpty();
    assertThat(m.getOptionalMap("absent")).isEmpty();
    assertThat(m.getOptional("absent")).isEmpty();
    assertThat(m.getOptionalText("kind")).contains("result");
    assertThat(m.getOptionalLong("job")).contains(7L);
    assertThat(m.getOptionalDigest("output")).contains(DIGEST);
    assertThat(m.getOptionalMap("inner")).isPresent();
    assertThatThrownBy(() -> m.getOptionalText("job"))
        .isInstanceOf(DecodingException.class)
        .hasMessage("field 'job' must be text, got an integer");
  }

  @Test
  void gettersNameTheMissingOrMistypedField() {
    CborMap m = message();
    assertThatThrownBy(() -> m.getText("nope"))
        .isInstanceOf(DecodingException.class)
        .hasMessage("field 'nope' is missing");
    assertThatThrownBy(() -> m.getText("job"))
        .isInstanceOf(DecodingException.class)
        .hasMessage("field 'job' must be text, got an integer");
    assertThatThrownBy(() -> m.getLong("kind"))
        .isInstanceOf(DecodingException.class)
        .hasMessage("field 'kind' must be an integer, got text");
    assertThatThrownBy(() -> m.getLong("huge"))
        .isInstanceOf(DecodingException.class)
        .hasMessage("field 'huge' is out of the range of a 64-bit integer");
    assertThatThrownBy(() -> m.getDigest("blob"))
        .isInstanceOf(DecodingException.class)
        .hasMessage("field 'blob' must be a 32-byte digest, got 2 bytes");
    assertThatThrownBy(() -> m.getBytes("ok"))
        .isInstanceOf(DecodingException.class)
        .hasMessage("field 'ok' must be a byte string, got true");
    assertThatThrownBy(() -> m.getBoolean("absent"))
        .isInstanceOf(DecodingException.class)
        .hasMessage("field 'absent' must be a boolean, got null");
    assertThatThrownBy(() -> m.getArray("inner"))
        .isInstanceOf(DecodingException.class)
        .hasMessage("field 'inner' must be an array, got a map");
    assertThatThrownBy(() -> m.getMap("parts"))
        .isInstanceOf(DecodingException.class)
        .hasMessage("field 'parts' must be a map, got an array");
  }

  @Test
  void requireOnlyKeysRejectsUnknownFields() throws Exception {
    CborMap m = CborMap.builder().put("a", 1).put("b", 2).build();
    m.requireOnlyKeys("a", "b", "c");
    assertThatThrownBy(() -> m.requireOnlyKeys("a"))
        .isInstanceOf(DecodingException.class)
        .hasMessage("unexpected field \"b\"");
    CborMap intKeyed = CborMap.of(Map.of(i(1), i(2)));
    assertThatThrownBy(() -> intKeyed.requireOnlyKeys("1"))
        .isInstanceOf(DecodingException.class)
        .hasMessage("unexpected field 1");
  }

  @Test
  void duplicateKeysAreRejectedAtConstruction() {
    assertThatThrownBy(() -> CborMap.builder().put("a", 1).put("a", 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duplicate map key \"a\"");
    assertThatThrownBy(() ->
            CborMap.ofEntries(
                List.of(new CborMap.Entry(i(5), i(1)), new CborMap.Entry(i(5), i(2)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duplicate map key 5");
    assertThatThrownBy(() ->
            CborMap.ofEntries(
                List.of(
                    new CborMap.Entry(new CborFloat(Double.NaN), i(1)),
                    new CborMap.Entry(
                        new CborFloat(Double.longBitsToDouble(0x7ff0_0000_0000_0001L)), i(2)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duplicate map key NaN");
  }

  /**
   * Small maps are looked up by a scan, larger ones through an index built on first use; the
   * builder finds duplicates either way. Every size across the boundary, every key found, others
   * not, and the same encoding as a map built from a java.util.Map.
   */
  @Test
  void lookupsAndDuplicatesOnEitherSideOfTheScanLimit() throws DecodingException {
    for (int n = 0; n <= 2 * CborMap.SCANNED + 2; n++) {
      CborMap.Builder b = CborMap.builder();
      java.util.Map<CborValue, CborValue> plain = new java.util.HashMap<>();
      for (int k = n - 1; k >= 0; k--) {
        b.put("k" + k, k * 10L);
        plain.put(t("k" + k), i(k * 10L));
      }
      CborMap m = b.build();
      assertThat(m.encode()).as("n=%d", n).isEqualTo(CborMap.of(plain).encode());
      // The strict decoder checks the canonical key order independently of the builder.
      assertThat(CborDecoder.decodeCanonicalMap(m.encode())).isEqualTo(m);
      for (int k = 0; k < n; k++) {
        assertThat(m.get("k" + k)).as("n=%d k=%d", n, k).contains(i(k * 10L));
        assertThat(m.containsKey(t("k" + k))).isTrue();
      }
      assertThat(m.get("k" + n)).as("n=%d", n).isEmpty();
      assertThat(m.containsKey(i(0))).isFalse();
      for (int k = 0; k < n; k++) {
        String dup = "k" + k;
        assertThatThrownBy(() -> b.put(dup, 1))
            .as("n=%d duplicate k%d", n, k)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("duplicate map key \"" + dup + "\"");
      }
    }
  }

  @Test
  void entriesAreImmutable() {
    CborMap m = message();
    assertThatThrownBy(() -> m.entries().set(0, new CborMap.Entry(i(0), i(0))))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(CborMap.EMPTY.isEmpty()).isTrue();
    assertThat(CborMap.EMPTY.encode().toHex()).isEqualTo("a0");
  }

  @Test
  void zeroAndNegativeZeroAreDistinctKeys() {
    CborMap m =
        CborMap.ofEntries(
            List.of(
                new CborMap.Entry(new CborFloat(-0.0), i(1)),
                new CborMap.Entry(new CborFloat(0.0), i(2))));
    assertThat(m.encode().toHex()).isEqualTo("a2f9000002f9800001");
  }

  /**
   * A map keeps the encoding {@code encode()} computed and writes it again inside other values: the
   * bytes are those of a map built afresh, alone and nested; a map above the cache bound is encoded
   * each time and still correctly.
   */
  @Test
  void aKeptEncodingIsTheEncodingWhereverTheMapIsWritten() throws Exception {
    CborMap cached = message();
    CborMap fresh = message();
    assertThat(cached.cachedEncoding()).isNull();
    Bytes alone = cached.encode();
    assertThat(cached.cachedEncoding()).isSameAs(alone);
    assertThat(cached.encode()).isSameAs(alone);
    assertThat(fresh.cachedEncoding()).isNull();
    assertThat(CborArray.of(t("x"), cached, i(3)).encode())
        .isEqualTo(CborArray.of(t("x"), fresh, i(3)).encode());
    assertThat(CborMap.builder().put("m", cached).build().encode())
        .isEqualTo(CborMap.builder().put("m", fresh).build().encode());
    assertThat(CborDecoder.decodeCanonicalMap(alone)).isEqualTo(fresh);

    CborMap big =
        CborMap.builder().put("blob", Bytes.of(new byte[CborMap.MAX_CACHED_ENCODING + 1])).build();
    Bytes bigEncoding = big.encode();
    assertThat(big.cachedEncoding()).isNull();
    assertThat(CborDecoder.decodeCanonicalMap(bigEncoding)).isEqualTo(big);
    assertThat(big.encode()).isEqualTo(bigEncoding);
  }
}
