package dev.proofofcompute.crypto.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CborDecoderTest {

  private static byte[] hex(String hex) {
    return Bytes.fromHex(hex).toByteArray();
  }

  static Stream<Rfc8949AppendixA.Vector> deterministic() {
    return Rfc8949AppendixA.DETERMINISTIC.stream();
  }

  static Stream<Rfc8949AppendixA.Vector> notDeterministic() {
    return Stream.concat(
        Rfc8949AppendixA.NON_PREFERRED_FLOATS.stream(), Rfc8949AppendixA.INDEFINITE.stream());
  }

  /** RFC 8949 Appendix A: every deterministic example decodes, strictly and leniently. */
  @ParameterizedTest(name = "RFC 8949 Appendix A: {0}")
  @MethodSource("deterministic")
  void decodesRfc8949AppendixAExamples(Rfc8949AppendixA.Vector vector) throws Exception {
    assertThat(CborDecoder.decodeCanonical(hex(vector.hex()))).isEqualTo(vector.value());
    assertThat(CborDecoder.decodeLenient(Bytes.fromHex(vector.hex()))).isEqualTo(vector.value());
  }

  /**
   * RFC 8949 Appendix A: the non-preferred float and indefinite-length examples are well-formed
   * (accepted leniently, with the listed value) but not deterministic (rejected strictly).
   */
  @ParameterizedTest(name = "RFC 8949 Appendix A: {0}")
  @MethodSource("notDeterministic")
  void acceptsNonDeterministicAppendixAExamplesOnlyLeniently(Rfc8949AppendixA.Vector vector)
      throws Exception {
    assertThat(CborDecoder.decodeLenient(hex(vector.hex()))).isEqualTo(vector.value());
    assertThatThrownBy(() -> CborDecoder.decodeCanonical(hex(vector.hex())))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("non-canonical encoding");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13, 14, 15, 16})
  void canonicalDecodingInvertsEncoding(long seed) throws Exception {
    RandomCbor random = new RandomCbor(seed);
    for (int k = 0; k < 1000; k++) {
      CborValue value = random.value(4);
      Bytes encoded = value.encode();
      CborValue decoded = CborDecoder.decodeCanonical(encoded);
      assertThat(decoded).as("seed %d, value %d: %s", seed, k, value).isEqualTo(value);
      assertThat(decoded.encode()).isEqualTo(encoded);
      assertThat(CborDecoder.decodeLenient(encoded)).isEqualTo(value);
    }
  }

  @Test
  void everyProperPrefixIsTruncated() {
    String[] encodings = {
      "a26161016162820203",
      "1b000000e8d4a51000",
      "fb3ff199999999999a",
      "64f0908591",
      "d82076687474703a2f2f7777772e6578616d706c652e636f6d",
      "83018202039f0405ff",
      "bf61610161629f0203ffff",
      "5f42010243030405ff",
      "7f657374726561646d696e67ff"
    };
    for (String encoding : encodings) {
      byte[] full = hex(encoding);
      for (int n = 0; n < full.length; n++) {
        byte[] prefix = java.util.Arrays.copyOf(full, n);
        assertThatThrownBy(() -> CborDecoder.decodeLenient(prefix))
            .as("%s cut to %d bytes", encoding, n)
            .isInstanceOf(DecodingException.class)
            .hasMessageContaining("truncated input");
        assertThatThrownBy(() -> CborDecoder.decodeCanonical(prefix))
            .as("%s cut to %d bytes", encoding, n)
            .isInstanceOf(DecodingException.class)
            .hasMessageMatching(".*(truncated input|non-canonical encoding).*");
      }
    }
  }

  /** Malformed in both modes (RFC 8949 §3, §3.3, Appendix F) or duplicate/invalid content. */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0000               | trailing bytes: 1 after the data item at offset 1
          1c                 | reserved additional information 28 at offset 0
          3d                 | reserved additional information 29 at offset 0
          5e                 | reserved additional information 30 at offset 0
          ff                 | unexpected break (0xff) outside an indefinite-length item at offset 0
          8201ff             | unexpected break (0xff) outside an indefinite-length item at offset 2
          1f                 | additional information 31 is not valid for major type 0 at offset 0
          3f                 | additional information 31 is not valid for major type 1 at offset 0
          df00               | additional information 31 is not valid for major type 6 at offset 0
          f818               | invalid simple value 24 in two-byte form at offset 0
          f800               | invalid simple value 0 in two-byte form at offset 0
          a201000100         | duplicate map key 1 at offset 3
          5b4000000000000000 | byte string claims 4611686018427387904 bytes, only 0 remain at offset 0
          7b4000000000000000 | text string claims 4611686018427387904 bytes, only 0 remain at offset 0
          9b400000000000000001 | array claims 4611686018427387904 entries, only 1 bytes remain at offset 0
          bb40000000000000000102 | map claims 4611686018427387904 entries, only 2 bytes remain at offset 0
          5bffffffffffffffff | byte string claims 18446744073709551615 bytes, only 0 remain at offset 0
          62c328             | invalid UTF-8 in text string at offset 0
          63eda080           | invalid UTF-8 in text string at offset 0
          62c0af             | invalid UTF-8 in text string at offset 0
          8161ff             | invalid UTF-8 in text string at offset 1
          64f4908080         | invalid UTF-8 in text string at offset 0
          """)
  void rejectsMalformedInputInBothModes(String input, String message) {
    assertThatThrownBy(() -> CborDecoder.decodeLenient(hex(input)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining(message);
    assertThatThrownBy(() -> CborDecoder.decodeCanonical(hex(input)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining(message);
  }

  /** Well-formed but not deterministic (RFC 8949 §4.2.1, §4.2.2): strict rejects, lenient reads. */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1817                 | argument 23 not in shortest form at offset 0
          1900ff               | argument 255 not in shortest form at offset 0
          1a0000ffff           | argument 65535 not in shortest form at offset 0
          1b00000000ffffffff   | argument 4294967295 not in shortest form at offset 0
          3800                 | argument 0 not in shortest form at offset 0
          580100               | argument 1 not in shortest form at offset 0
          780161               | argument 1 not in shortest form at offset 0
          980100               | argument 1 not in shortest form at offset 0
          8119000a             | argument 10 not in shortest form at offset 1
          b8010000             | argument 1 not in shortest form at offset 0
          d81700               | argument 23 not in shortest form at offset 0
          9fff                 | indefinite length at offset 0
          5f4101ff             | indefinite length at offset 0
          7f6161ff             | indefinite length at offset 0
          bf0000ff             | indefinite length at offset 0
          a202000100           | map keys not in sorted order at offset 3
          a262616100617a00     | map keys not in sorted order at offset 5
          a220000a00           | map keys not in sorted order at offset 3
          fa3f800000           | float 1.0 not in shortest form at offset 0
          fb3ff0000000000000   | float 1.0 not in shortest form at offset 0
          fb3ff8000000000000   | float 1.5 not in shortest form at offset 0
          fb47efffffe0000000   | float 3.4028234663852886E38 not in shortest form at offset 0
          fa80000000           | float -0.0 not in shortest form at offset 0
          f97e01               | NaN must be encoded as 0xf97e00 at offset 0
          f9fe00               | NaN must be encoded as 0xf97e00 at offset 0
          fa7fc00000           | NaN must be encoded as 0xf97e00 at offset 0
          """)
  void rejectsNonDeterministicFormsOnlyWhenStrict(String input, String message) throws Exception {
    assertThatThrownBy(() -> CborDecoder.decodeCanonical(hex(input)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("non-canonical encoding: " + message);
    CborValue lenient = CborDecoder.decodeLenient(hex(input));
    assertThat(CborDecoder.decodeCanonical(lenient.encode())).isEqualTo(lenient);
  }

  @Test
  void rejectsKeysThatAreEqualOnlyAfterCanonicalisationLeniently() {
    assertThatThrownBy(() -> CborDecoder.decodeLenient(hex("a20100180100")))
        .isInstanceOf(DecodingException.class)
        .hasMessage("duplicate map key 1 at offset 3");
    assertThatThrownBy(() -> CborDecoder.decodeLenient(hex("bf616101616102ff")))
        .isInstanceOf(DecodingException.class)
        .hasMessage("duplicate map key \"a\" at offset 4");
  }

  @Test
  void rejectsMalformedIndefiniteLengthItemsLeniently() {
    assertThatThrownBy(() -> CborDecoder.decodeLenient(hex("5f6161ff")))
        .isInstanceOf(DecodingException.class)
        .hasMessage(
            "chunk of an indefinite-length byte string must be a definite-length byte string"
                + " at offset 1");
    assertThatThrownBy(() -> CborDecoder.decodeLenient(hex("7f7f6161ffff")))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("must be a definite-length text string at offset 1");
    assertThatThrownBy(() -> CborDecoder.decodeLenient(hex("bf6161ff")))
        .isInstanceOf(DecodingException.class)
        .hasMessage("break between a map key and its value at offset 3");
    assertThatThrownBy(() -> CborDecoder.decodeLenient(hex("9f0102")))
        .isInstanceOf(DecodingException.class)
        .hasMessage("truncated input: indefinite-length array has no break at offset 0");
    assertThatThrownBy(() -> CborDecoder.decodeLenient(hex("7f62c3ff")))
        .isInstanceOf(DecodingException.class)
        .hasMessage("invalid UTF-8 in text string at offset 1");
  }

  /** A huge claimed length with a tiny input fails on the length check, before any allocation. */
  @Test
  void hugeLengthClaimFailsFast() {
    byte[] input = hex("5b4000000000000000");
    assertThatThrownBy(() -> CborDecoder.decodeCanonical(input))
        .isInstanceOf(DecodingException.class)
        .hasMessage(
            "truncated input: byte string claims 4611686018427387904 bytes, only 0 remain at"
                + " offset 0");
    byte[] nested = hex("819b7fffffffffffffff00");
    assertThatThrownBy(() -> CborDecoder.decodeLenient(nested))
        .isInstanceOf(DecodingException.class)
        .hasMessage(
            "truncated input: array claims 9223372036854775807 entries, only 1 bytes remain at"
                + " offset 1");
  }

  @Test
  void nestingDepthIsLimited() throws Exception {
    int limit = CborLimits.DEFAULT.maxDepth();
    assertThat(CborDecoder.decodeCanonical(nestedArrays(limit))).isInstanceOf(CborArray.class);
    assertThatThrownBy(() -> CborDecoder.decodeCanonical(nestedArrays(limit + 1)))
        .isInstanceOf(DecodingException.class)
        .hasMessage("nesting deeper than the limit of 64 at offset 64");
    assertThatThrownBy(() -> CborDecoder.decodeLenient(nestedArrays(100_000)))
        .isInstanceOf(DecodingException.class)
        .hasMessage("nesting deeper than the limit of 64 at offset 64");
    byte[] tags = new byte[limit + 2];
    java.util.Arrays.fill(tags, (byte) 0xc1);
    tags[limit + 1] = 0;
    assertThatThrownBy(() -> CborDecoder.decodeLenient(tags))
        .isInstanceOf(DecodingException.class)
        .hasMessage("nesting deeper than the limit of 64 at offset 64");
    byte[] maps = hex("a100a100a10000");
    CborLimits shallow = new CborLimits(1024, 2, 1024);
    assertThatThrownBy(() -> CborDecoder.decodeCanonical(maps, shallow))
        .isInstanceOf(DecodingException.class)
        .hasMessage("nesting deeper than the limit of 2 at offset 4");
  }

  /** {@code depth} arrays, each the only element of the one around it. */
  private static byte[] nestedArrays(int depth) {
    byte[] out = new byte[depth];
    java.util.Arrays.fill(out, (byte) 0x81);
    out[depth - 1] = (byte) 0x80;
    return out;
  }

  @Test
  void inputSizeAndItemCountAreLimited() throws Exception {
    CborLimits limits = new CborLimits(8, 4, 4);
    assertThat(CborDecoder.decodeCanonical(hex("83010203"), limits)).isInstanceOf(CborArray.class);
    assertThatThrownBy(() -> CborDecoder.decodeCanonical(hex("8401020304"), limits))
        .isInstanceOf(DecodingException.class)
        .hasMessage("too many data items (limit 4) at offset 0");
    assertThatThrownBy(() -> CborDecoder.decodeLenient(hex("9f01020304ff"), limits))
        .isInstanceOf(DecodingException.class)
        .hasMessage("too many data items (limit 4) at offset 4");
    assertThatThrownBy(() -> CborDecoder.decodeLenient(Bytes.fromHex("4800000000000000ff"), limits))
        .isInstanceOf(DecodingException.class)
        .hasMessage("CBOR input of 9 bytes exceeds the limit of 8");
  }

  @Test
  void emptyInputIsTruncated() {
    assertThatThrownBy(() -> CborDecoder.decodeCanonical(new byte[0]))
        .isInstanceOf(DecodingException.class)
        .hasMessage("truncated input: expected a data item at offset 0");
  }

  @Test
  void decodeCanonicalMapRequiresAMap() throws Exception {
    CborMap map = CborMap.builder().put("kind", "x").build();
    assertThat(CborDecoder.decodeCanonicalMap(map.encode())).isEqualTo(map);
    assertThatThrownBy(() -> CborDecoder.decodeCanonicalMap(Bytes.fromHex("80")))
        .isInstanceOf(DecodingException.class)
        .hasMessage("expected a CBOR map, got an array");
  }

  /**
   * RFC 8949 §4.2.1/§4.2.2: of all 2^16 half-precision encodings, exactly the non-NaN ones and the
   * one canonical NaN 0xf97e00 are deterministic.
   */
  @Test
  void everyHalfPrecisionEncodingExceptOtherNansIsCanonical() throws Exception {
    for (int bits = 0; bits < 0x10000; bits++) {
      byte[] input = {(byte) 0xf9, (byte) (bits >>> 8), (byte) bits};
      double value = Float.float16ToFloat((short) bits);
      if (Double.isNaN(value) && bits != 0x7e00) {
        assertThatThrownBy(() -> CborDecoder.decodeCanonical(input))
            .as("half 0x%04x", bits)
            .hasMessageContaining("NaN must be encoded as 0xf97e00");
        assertThat(CborDecoder.decodeLenient(input)).isEqualTo(new CborFloat(Double.NaN));
      } else {
        assertThat(CborDecoder.decodeCanonical(input))
            .as("half 0x%04x", bits)
            .isEqualTo(new CborFloat(value));
      }
    }
  }

  /**
   * A synthetic document in the shape of an AWS Nitro Enclaves attestation (COSE_Sign1, RFC 9052
   * §4.2, tag 18): unsorted text keys, a CBOR null for an absent optional field, a
   * wider-than-needed integer head. Lenient decoding reads it; strict decoding refuses it.
   */
  @Test
  void readsANitroShapedCoseSign1Leniently() throws Exception {
    String payload =
        "a5"
            + "696d6f64756c655f6964"
            + "63616263" // "module_id": "abc"
            + "66646967657374"
            + "66534841333834" // "digest": "SHA384"
            + "6974696d657374616d70"
            + "1b0000018bcfe56800" // "timestamp": 1700000000000
            + "6a7075626c69635f6b6579"
            + "f6" // "public_key": null
            + "6b6365727469666963617465"
            + "5900020102"; // "certificate": h'0102' (2-byte length)
    String document =
        "d2"
            + "84"
            + "44a1013822" // protected header {1: -35} (ES384)
            + "a0"
            + "58"
            + String.format("%02x", payload.length() / 2)
            + payload
            + "4401020304";
    CborValue decoded = CborDecoder.decodeLenient(hex(document));
    assertThat(decoded).isInstanceOf(CborTag.class);
    CborTag tag = (CborTag) decoded;
    assertThat(tag.number()).isEqualTo(18);
    CborArray sign1 = (CborArray) tag.content();
    assertThat(sign1.size()).isEqualTo(4);
    assertThat(sign1.get(0)).isEqualTo(new CborBytes(Bytes.fromHex("a1013822")));
    Bytes payloadBytes = ((CborBytes) sign1.get(2)).value();
    assertThat(payloadBytes.toHex()).isEqualTo(payload);
    CborMap fields = (CborMap) CborDecoder.decodeLenient(payloadBytes);
    assertThat(fields.getText("module_id")).isEqualTo("abc");
    assertThat(fields.getLong("timestamp")).isEqualTo(1_700_000_000_000L);
    assertThat(fields.getOptionalBytes("public_key")).isEmpty();
    assertThat(fields.getBytes("certificate")).isEqualTo(Bytes.fromHex("0102"));
    assertThatThrownBy(() -> CborDecoder.decodeCanonical(payloadBytes))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("non-canonical encoding");
  }
}
