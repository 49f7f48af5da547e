package dev.proofofcompute.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.identity.NodePublicKey;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.crypto.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestVerifierTest {
  static final long SEED = 20261127L;
  static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
  static final Duration WINDOW = Duration.ofSeconds(30);
  static final String PATH = "/v1/tasks/lease?role=provider&wait=5";
  static final Bytes BODY = Bytes.of("{\"slots\":1}".getBytes(StandardCharsets.UTF_8));

  final RandomSource random = RandomSource.seeded(SEED);
  NodeIdentity alice;
  NodeIdentity mallory;
  ManualClock clock;
  RequestSigner signer;
  RequestVerifier verifier;
  RequestVerifier.KeyLookup keys;
  NonceRegistry nonces;

  @BeforeEach
  void setUp() throws DecodingException {
    alice = NodeIdentity.fromSeed(random.nextBytes(32));
    mallory = NodeIdentity.fromSeed(random.nextBytes(32));
    clock = ManualClock.at(T0);
    signer = RequestSigner.create(alice, clock, random);
    verifier = RequestVerifier.create(clock, WINDOW);
    Map<Object, NodePublicKey> registered =
        Map.of(alice.nodeId(), alice.publicKey(), mallory.nodeId(), mallory.publicKey());
    keys = node -> Optional.ofNullable(registered.get(node));
    nonces = NonceRegistry.inMemory(ReplayGuard.withCapacity(1000));
  }

  AuthenticatedRequest verify(String method, String path, Bytes body, Map<String, String> headers)
      throws VerificationException {
    return verifier.verify(method, path, body, headers::get, keys);
  }

  @Test
  void acceptsASignedRequestAndSpendsItsNonceOnce() throws Exception {
    Map<String, String> h = signer.sign("POST", PATH, BODY);
    AuthenticatedRequest r = verify("POST", PATH, BODY, h);
    assertThat(r.nodeId()).isEqualTo(alice.nodeId());
    assertThat(r.timestamp()).isEqualTo(T0);
    assertThat(r.forgetAfter()).isEqualTo(T0.plus(WINDOW));
    r.spendNonce(nonces, clock.instant());
    // The same request verifies again (verification is stateless) but its nonce is spent.
    AuthenticatedRequest again = verify("POST", PATH, BODY, h);
    assertThatThrownBy(() -> again.spendNonce(nonces, clock.instant()))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("replayed");
  }

  @Test
  void anEmptyBodyAndAGetAreSignedToo() throws Exception {
    Map<String, String> h = signer.sign("GET", "/v1/nodes/abc", Bytes.EMPTY);
    assertThat(verify("GET", "/v1/nodes/abc", Bytes.EMPTY, h).nodeId()).isEqualTo(alice.nodeId());
    assertThatThrownBy(() -> verify("GET", "/v1/nodes/abc", Bytes.of(new byte[] {0}), h))
        .hasMessageContaining("bad request signature");
  }

  /** One tampering of a signed request, named for the failure message. */
  record Tamper(String name, String method, String path, Bytes body, Map<String, String> headers) {}

  @Test
  void everyTamperedFieldIsRejected() {
    Map<String, String> h = signer.sign("POST", PATH, BODY);
    List<Tamper> tampers = new ArrayList<>();
    tampers.add(new Tamper("method", "PUT", PATH, BODY, h));
    tampers.add(new Tamper("path", "POST", "/v1/tasks/lease?role=validator&wait=5", BODY, h));
    tampers.add(new Tamper("path prefix", "POST", "/v1/tasks/lease", BODY, h));
    tampers.add(new Tamper("path case", "POST", PATH.toUpperCase(java.util.Locale.ROOT), BODY, h));
    tampers.add(
        new Tamper(
            "body", "POST", PATH, Bytes.of("{\"slots\":2}".getBytes(StandardCharsets.UTF_8)), h));
    tampers.add(new Tamper("body appended", "POST", PATH, BODY.concat(Bytes.of(new byte[1])), h));
    tampers.add(new Tamper("body removed", "POST", PATH, Bytes.EMPTY, h));
    tampers.add(
        new Tamper(
            "timestamp",
            "POST",
            PATH,
            BODY,
            with(h, RequestAuth.TIMESTAMP, Long.toString(T0.toEpochMilli() + 1))));
    tampers.add(
        new Tamper(
            "nonce",
            "POST",
            PATH,
            BODY,
            with(h, RequestAuth.NONCE, flipFirstHex(get(h, RequestAuth.NONCE)))));
    tampers.add(
        new Tamper(
            "node (a registered other node)",
            "POST",
            PATH,
            BODY,
            with(h, RequestAuth.NODE, mallory.nodeId().toHex())));
    tampers.add(
        new Tamper(
            "node (unknown)",
            "POST",
            PATH,
            BODY,
            with(h, RequestAuth.NODE, flipFirstHex(get(h, RequestAuth.NODE)))));
    tampers.add(
        new Tamper(
            "signature",
            "POST",
            PATH,
            BODY,
            with(h, RequestAuth.SIGNATURE, flipFirstHex(get(h, RequestAuth.SIGNATURE)))));
    tampers.add(
        new Tamper(
            "signature by another key",
            "POST",
            PATH,
            BODY,
            with(
                h,
                RequestAuth.SIGNATURE,
                get(
                    RequestSigner.create(mallory, clock, random)
                        .sign("POST", PATH, BODY, T0, Bytes.fromHex(get(h, RequestAuth.NONCE))),
                    RequestAuth.SIGNATURE))));
    List<String> accepted = new ArrayList<>();
    for (Tamper t : tampers) {
      try {
        verify(t.method(), t.path(), t.body(), t.headers());
        accepted.add(t.name());
      } catch (VerificationException expected) {
        assertThat(expected.getMessage()).as(t.name()).isNotBlank();
      }
    }
    assertThat(accepted).as("tampers accepted (seed %d)", SEED).isEmpty();
  }

  @Test
  void everySingleBitOfTheSignatureMatters() {
    Map<String, String> h = signer.sign("POST", PATH, BODY);
    Bytes sig = Bytes.fromHex(get(h, RequestAuth.SIGNATURE));
    int accepted = 0;
    for (int bit = 0; bit < sig.length() * 8; bit++) {
      byte[] raw = sig.toByteArray();
      raw[bit / 8] ^= (byte) (1 << (bit % 8));
      try {
        verify("POST", PATH, BODY, with(h, RequestAuth.SIGNATURE, Bytes.of(raw).toHex()));
        accepted++;
      } catch (VerificationException expected) {
        // rejected, as it must be
      }
    }
    assertThat(accepted).isZero();
  }

  @Test
  void missingHeadersMakeAnUnsignedRequest() {
    Map<String, String> h = signer.sign("POST", PATH, BODY);
    assertThatThrownBy(() -> verify("POST", PATH, BODY, Map.of()))
        .hasMessageContaining("unsigned request");
    for (String name :
        List.of(
            RequestAuth.NODE, RequestAuth.TIMESTAMP, RequestAuth.NONCE, RequestAuth.SIGNATURE)) {
      Map<String, String> without = new HashMap<>(h);
      without.remove(name);
      assertThatThrownBy(() -> verify("POST", PATH, BODY, without))
          .as(name)
          .hasMessageContaining("unsigned request")
          .hasMessageContaining(name);
    }
  }

  @Test
  void malformedHeadersGetAReason() {
    Map<String, String> h = signer.sign("POST", PATH, BODY);
    assertThatThrownBy(() -> verify("POST", PATH, BODY, with(h, RequestAuth.NODE, "zz")))
        .hasMessageContaining(RequestAuth.NODE);
    assertThatThrownBy(() -> verify("POST", PATH, BODY, with(h, RequestAuth.TIMESTAMP, "-5")))
        .hasMessageContaining(RequestAuth.TIMESTAMP);
    assertThatThrownBy(
            () -> verify("POST", PATH, BODY, with(h, RequestAuth.TIMESTAMP, "99999999999999999")))
        .hasMessageContaining(RequestAuth.TIMESTAMP);
    assertThatThrownBy(() -> verify("POST", PATH, BODY, with(h, RequestAuth.NONCE, "00")))
        .hasMessageContaining(RequestAuth.NONCE);
    assertThatThrownBy(
            () -> verify("POST", PATH, BODY, with(h, RequestAuth.SIGNATURE, "x".repeat(128))))
        .hasMessageContaining(RequestAuth.SIGNATURE);
    assertThatThrownBy(() -> verify("post", PATH, BODY, h)).hasMessageContaining("method");
    assertThatThrownBy(() -> verify("POST", "v1/x", BODY, h)).hasMessageContaining("path");
    assertThatThrownBy(() -> verify("POST", "/v1/x#frag", BODY, h))
        .hasMessageContaining("fragment");
  }

  @Test
  void staleAndFutureRequestsAreRejectedAndTheEdgesAccepted() throws Exception {
    assertThatThrownBy(() ->
            verify(
                "POST",
                PATH,
                BODY,
                signer.sign("POST", PATH, BODY, T0.minus(WINDOW).minusMillis(1), nonce())))
        .hasMessageContaining("stale request");
    assertThatThrownBy(() ->
            verify(
                "POST",
                PATH,
                BODY,
                signer.sign("POST", PATH, BODY, T0.plus(WINDOW).plusMillis(1), nonce())))
        .hasMessageContaining("from the future");
    verify("POST", PATH, BODY, signer.sign("POST", PATH, BODY, T0.minus(WINDOW), nonce()));
    verify("POST", PATH, BODY, signer.sign("POST", PATH, BODY, T0.plus(WINDOW), nonce()));
  }

  @Test
  void aCapturedRequestReplayedAfterTheWindowIsStale() throws Exception {
    Map<String, String> h = signer.sign("POST", PATH, BODY);
    verify("POST", PATH, BODY, h).spendNonce(nonces, clock.instant());
    clock.advance(WINDOW.plusMillis(1));
    assertThatThrownBy(() -> verify("POST", PATH, BODY, h)).hasMessageContaining("stale");
  }

  @Test
  void aKeyLookupThatReturnsAnotherNodesKeyIsRefused() {
    Map<String, String> h = signer.sign("POST", PATH, BODY);
    RequestVerifier.KeyLookup lying = node -> Optional.of(mallory.publicKey());
    assertThatThrownBy(() -> verifier.verify("POST", PATH, BODY, h::get, lying))
        .hasMessageContaining("does not belong");
  }

  @Test
  void aSelfDeclaredKeyServesRegistrationOnlyForItsOwnId() throws Exception {
    Map<String, String> h = signer.sign("POST", "/v1/nodes", BODY);
    verifier.verify(
        "POST", "/v1/nodes", BODY, h::get, RequestVerifier.selfDeclared(alice.publicKey()));
    assertThatThrownBy(() ->
            verifier.verify(
                "POST",
                "/v1/nodes",
                BODY,
                h::get,
                RequestVerifier.selfDeclared(mallory.publicKey())))
        .hasMessageContaining("unknown node");
  }

  @Test
  void theSignedBytesAreTheDocumentedCanonicalMap() {
    Bytes nonce = Bytes.fromHex("000102030405060708090a0b0c0d0e0f");
    Bytes input =
        RequestAuth.signingInput(
            "GET", "/v1/x", Digest.sha256(Bytes.EMPTY), T0, nonce, alice.nodeId());
    // Deterministic CBOR: a map of 7 text keys, ordered by encoded key (shorter first).
    assertThat(input.toHex()).startsWith("a7");
    assertThat(input.toHex())
        .contains(hex("type"))
        .contains(hex("method"))
        .contains(hex("path"))
        .contains(hex("poc/http-request/v1"))
        .contains(Digest.sha256(Bytes.EMPTY).toHex())
        .contains(nonce.toHex())
        .contains(alice.nodeId().toHex());
    // Every field changes the bytes.
    assertThat(
            List.of(
                RequestAuth.signingInput(
                    "PUT", "/v1/x", Digest.sha256(Bytes.EMPTY), T0, nonce, alice.nodeId()),
                RequestAuth.signingInput(
                    "GET", "/v1/y", Digest.sha256(Bytes.EMPTY), T0, nonce, alice.nodeId()),
                RequestAuth.signingInput(
                    "GET", "/v1/x", Digest.sha256(BODY), T0, nonce, alice.nodeId()),
                RequestAuth.signingInput(
                    "GET",
                    "/v1/x",
                    Digest.sha256(Bytes.EMPTY),
                    T0.plusMillis(1),
                    nonce,
                    alice.nodeId()),
                RequestAuth.signingInput(
                    "GET", "/v1/x", Digest.sha256(Bytes.EMPTY), T0, nonce(), alice.nodeId()),
                RequestAuth.signingInput(
                    "GET", "/v1/x", Digest.sha256(Bytes.EMPTY), T0, nonce, mallory.nodeId())))
        .doesNotContain(input)
        .doesNotHaveDuplicates();
  }

  @Test
  void signingRefusesBadArguments() {
    assertThatThrownBy(() -> signer.sign("get", PATH, BODY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> signer.sign("GET", "no-slash", BODY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> signer.sign("GET", PATH, BODY, T0, Bytes.of(new byte[15])))
        .hasMessageContaining("16 bytes");
    assertThatThrownBy(() -> RequestVerifier.create(clock, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFullInMemoryRegistryFailsClosed() throws Exception {
    NonceRegistry tiny = NonceRegistry.inMemory(ReplayGuard.withCapacity(1));
    verify("POST", PATH, BODY, signer.sign("POST", PATH, BODY)).spendNonce(tiny, T0);
    AuthenticatedRequest second = verify("POST", PATH, BODY, signer.sign("POST", PATH, BODY));
    assertThatThrownBy(() -> second.spendNonce(tiny, T0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("retry later");
  }

  Bytes nonce() {
    return random.nextBytes(RequestAuth.NONCE_LENGTH);
  }

  static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> copy = new HashMap<>(headers);
    copy.put(name, value);
    return copy;
  }

  static String get(Map<String, String> headers, String name) {
    return java.util.Objects.requireNonNull(headers.get(name), name);
  }

  static String flipFirstHex(String hex) {
    char c = hex.charAt(0);
    return (c == '0' ? '1' : '0') + hex.substring(1);
  }

  static String hex(String text) {
    return Bytes.of(text.getBytes(StandardCharsets.UTF_8)).toHex();
  }
}
