package dev.proofofcompute.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.random.RandomSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link RequestAuth#parseSigningInput} reads back exactly what {@code signingInput} wrote. */
class RequestAuthTest {
  static final long SEED = 611;
  static final Instant TS = Instant.parse("2026-11-27T12:00:00.123Z");

  final RandomSource random = RandomSource.seeded(SEED);
  final NodeId node = new NodeId(Digest.of(random.nextBytes(32)));
  final Bytes nonce = random.nextBytes(RequestAuth.NONCE_LENGTH);
  final Digest body = Digest.sha256("{\"amount\":\"5\"}".getBytes(StandardCharsets.UTF_8));

  @Test
  void parsesWhatWasSigned() throws Exception {
    Bytes signed =
        RequestAuth.signingInput("POST", "/v1/tasks/ab12/commit?x=1", body, TS, nonce, node);
    RequestAuth.SignedRequest r = RequestAuth.parseSigningInput(signed);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/v1/tasks/ab12/commit?x=1");
    assertThat(r.pathWithoutQuery()).isEqualTo("/v1/tasks/ab12/commit");
    assertThat(r.bodyDigest()).isEqualTo(body);
    assertThat(r.timestamp()).isEqualTo(TS);
    assertThat(r.nonce()).isEqualTo(nonce);
    assertThat(r.node()).isEqualTo(node);
    assertThat(
            RequestAuth.signingInput(
                r.method(), r.path(), r.bodyDigest(), r.timestamp(), r.nonce(), r.node()))
        .isEqualTo(signed);
  }

  /** The signed fields with one changed (key, value), or removed (value null), or one added. */
  static Bytes variant(String key, Object value) {
    CborMap.Builder b = CborMap.builder();
    CborMap base =
        CborMap.builder()
            .put("type", RequestAuth.TYPE)
            .put("method", "POST")
            .put("path", "/v1/jobs")
            .put("body", Digest.sha256(new byte[0]))
            .put("ts", TS.toEpochMilli())
            .put("nonce", Bytes.of(new byte[RequestAuth.NONCE_LENGTH]))
            .put("node", Digest.sha256(new byte[1]))
            .build();
    base.entries().stream()
        .filter(e -> !e.key().equals(new CborText(key)))
        .forEach(e -> b.put(e.key(), e.value()));
    switch (value) {
      case String s -> b.put(key, s);
      case Long l -> b.put(key, l);
      case Bytes bytes -> b.put(key, bytes);
      default -> throw new IllegalArgumentException(String.valueOf(value));
    }
    return b.build().encode();
  }

  @Test
  void refusesAnythingElse() {
    assertThatThrownBy(() -> RequestAuth.parseSigningInput(variant("type", "poc/other/v1")))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("type");
    assertThatThrownBy(() -> RequestAuth.parseSigningInput(variant("extra", "x")))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> RequestAuth.parseSigningInput(variant("method", "post")))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("method");
    assertThatThrownBy(() -> RequestAuth.parseSigningInput(variant("path", "v1/jobs")))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("path");
    assertThatThrownBy(() -> RequestAuth.parseSigningInput(variant("nonce", Bytes.of(new byte[3]))))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("nonce");
    assertThatThrownBy(() -> RequestAuth.parseSigningInput(variant("body", Bytes.of(new byte[31]))))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> RequestAuth.parseSigningInput(Bytes.of(new byte[] {(byte) 0xa0, 0})))
        .isInstanceOf(DecodingException.class);
  }

  /** The variants above differ only in the field named: an accepted change parses. */
  @Test
  void theUnchangedFieldsParse() throws Exception {
    assertThat(RequestAuth.parseSigningInput(variant("method", "PUT")).method()).isEqualTo("PUT");
  }
}
