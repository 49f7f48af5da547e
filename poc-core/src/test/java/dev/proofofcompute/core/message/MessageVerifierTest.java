package dev.proofofcompute.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.crypto.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageVerifierTest {
  static final String TYPE = "poc/test/lease-request/v1";
  static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
  static final Duration SKEW = Duration.ofSeconds(30);

  final RandomSource random = RandomSource.seeded(42);
  NodeIdentity alice;
  ManualClock clock;
  MessageVerifier verifier;

  @BeforeEach
  void setUp() throws DecodingException {
    alice = NodeIdentity.fromSeed(random.nextBytes(32));
    clock = ManualClock.at(T0);
    verifier = MessageVerifier.create(clock, SKEW, ReplayGuard.withCapacity(1000));
  }

  SignedMessage message(String type, Instant ts) {
    CborMap payload = CborMap.builder().put("task", "t-1").put("slots", 2).build();
    return SignedMessage.sign(alice, type, ts, random.nextBytes(16), payload);
  }

  @Test
  void acceptsAFreshSignedMessageAndReturnsItsContent() throws Exception {
    SignedMessage m = message(TYPE, T0);
    VerifiedMessage v = verifier.verify(SignedMessage.decode(m.encode()), TYPE);
    assertThat(v.signerId()).isEqualTo(alice.nodeId());
    assertThat(v.timestamp()).isEqualTo(T0);
    assertThat(v.payload().getText("task")).isEqualTo("t-1");
    assertThat(v.payload().getLong("slots")).isEqualTo(2);
  }

  @Test
  void everySingleByteChangeOfTheEnvelopeIsRejected() {
    Bytes envelope = message(TYPE, T0).encode();
    byte[] raw = envelope.toByteArray();
    int accepted = 0;
    for (int i = 0; i < raw.length; i++) {
      for (int mask : new int[] {0x01, 0x80}) {
        byte[] mutated = raw.clone();
        mutated[i] ^= (byte) mask;
        MessageVerifier fresh = MessageVerifier.create(clock, SKEW, ReplayGuard.withCapacity(10));
        try {
          fresh.verify(SignedMessage.decode(Bytes.of(mutated)), TYPE);
          accepted++;
        } catch (DecodingException | VerificationException expected) {
          // rejected, as it must be
        }
      }
    }
    assertThat(accepted).as("mutations of %d bytes accepted", raw.length).isZero();
  }

  @Test
  void replayIsRejectedAndARejectedMessageRecordsNothing() throws Exception {
    SignedMessage m = message(TYPE, T0);
    assertThatThrownBy(() -> verifier.verify(m, "poc/test/other/v1"))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("expected 'poc/test/other/v1'");
    // The failed attempt did not consume the nonce.
    verifier.verify(m, TYPE);
    assertThatThrownBy(() -> verifier.verify(m, TYPE)).hasMessageContaining("replayed");
    // After the window the replay is refused as stale.
    clock.advance(SKEW.multipliedBy(3));
    assertThatThrownBy(() -> verifier.verify(m, TYPE)).hasMessageContaining("stale");
  }

  @Test
  void staleAndFutureTimestampsAreRejected() {
    assertThatThrownBy(() -> verifier.verify(message(TYPE, T0.minus(SKEW).minusMillis(1)), TYPE))
        .hasMessageContaining("stale message");
    assertThatThrownBy(() -> verifier.verify(message(TYPE, T0.plus(SKEW).plusMillis(1)), TYPE))
        .hasMessageContaining("from the future");
  }

  @Test
  void messagesAtTheEdgeOfTheWindowAreAccepted() throws Exception {
    verifier.verify(message(TYPE, T0.minus(SKEW)), TYPE);
    verifier.verify(message(TYPE, T0.plus(SKEW)), TYPE);
  }

  @Test
  void aSignatureByAnotherKeyIsRejected() throws Exception {
    NodeIdentity mallory = NodeIdentity.fromSeed(random.nextBytes(32));
    SignedMessage m = message(TYPE, T0);
    SignedMessage forged = SignedMessage.of(m.body(), mallory.publicKey(), m.signature());
    assertThatThrownBy(() -> verifier.verify(forged, TYPE))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void aFullReplayGuardFailsClosedUntilEntriesAgeOut() throws Exception {
    MessageVerifier small = MessageVerifier.create(clock, SKEW, ReplayGuard.withCapacity(2));
    small.verify(message(TYPE, T0), TYPE);
    small.verify(message(TYPE, T0), TYPE);
    assertThatThrownBy(() -> small.verify(message(TYPE, T0), TYPE))
        .hasMessageContaining("too many messages");
    clock.advance(SKEW.multipliedBy(2).plusMillis(1));
    small.verify(message(TYPE, clock.instant()), TYPE);
  }

  @Test
  void malformedEnvelopesGetAReason() {
    assertThatThrownBy(() -> SignedMessage.decode(Bytes.fromHex("a0")))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("body");
    assertThatThrownBy(() -> SignedMessage.decode(Bytes.fromHex("01")))
        .hasMessageContaining("envelope is a CBOR map");
    Bytes ok = message(TYPE, T0).encode();
    assertThatThrownBy(() -> SignedMessage.decode(ok.concat(Bytes.fromHex("00"))))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> SignedMessage.decode(Bytes.of(new byte[(4 << 20) + 1])))
        .hasMessageContaining("exceeds");
  }

  @Test
  void signingRejectsBadArguments() {
    CborMap p = CborMap.EMPTY;
    assertThatThrownBy(() -> SignedMessage.sign(alice, "", T0, random.nextBytes(16), p))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SignedMessage.sign(alice, TYPE, T0, random.nextBytes(15), p))
        .hasMessageContaining("16 bytes");
  }
}
