package dev.proofofcompute.core.message;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.Ed25519Verifier;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Checks a {@link SignedMessage} in the order that is safe: the signature over the received bytes
 * first (nothing unsigned is interpreted), then the canonical decoding of the body, its type, its
 * timestamp against the injected clock (at most {@code maxSkew} away), and its nonce against
 * replay. Any failure throws {@link VerificationException} with a reason and records nothing.
 */
public final class MessageVerifier {
  private final InstantSource clock;
  private final Duration maxSkew;
  private final ReplayGuard replayGuard;

  private MessageVerifier(InstantSource clock, Duration maxSkew, ReplayGuard replayGuard) {
    this.clock = clock;
    this.maxSkew = maxSkew;
    this.replayGuard = replayGuard;
  }

  /**
   * A verifier accepting timestamps within {@code maxSkew} of {@code clock}, remembering nonces in
   * {@code replayGuard}.
   */
  public static MessageVerifier create(
      InstantSource clock, Duration maxSkew, ReplayGuard replayGuard) {
    if (maxSkew.isNegative() || maxSkew.isZero()) {
      throw new IllegalArgumentException("maxSkew must be positive, got " + maxSkew);
    }
    return new MessageVerifier(clock, maxSkew, replayGuard);
  }

  /**
   * Verifies {@code message} as a message of type {@code expectedType}.
   *
   * @throws VerificationException naming the first check that failed
   */
  public VerifiedMessage verify(SignedMessage message, String expectedType)
      throws VerificationException {
    Ed25519Verifier.create(message.signer()).verify(message.body(), message.signature().bytes());
    CborMap body;
    String type;
    long ms;
    Bytes nonce;
    CborMap payload;
    try {
      body = CborDecoder.decodeCanonicalMap(message.body());
      body.requireOnlyKeys("type", "ts", "nonce", "payload");
      type = body.getText("type");
      ms = body.getLong("ts");
      nonce = body.getBytes("nonce");
      payload = body.getMap("payload");
    } catch (DecodingException e) {
      throw new VerificationException("malformed message body: " + e.getMessage(), e);
    }
    if (!type.equals(expectedType)) {
      throw new VerificationException(
          "message type is '" + type + "', expected '" + expectedType + "'");
    }
    if (nonce.length() != SignedMessage.NONCE_LENGTH) {
      throw new VerificationException(
          "nonce is " + nonce.length() + " bytes, expected " + SignedMessage.NONCE_LENGTH);
    }
    if (ms < 0) {
      throw new VerificationException("timestamp is negative");
    }
    Instant ts = Instant.ofEpochMilli(ms);
    Instant now = clock.instant();
    if (ts.isBefore(now.minus(maxSkew))) {
      throw new VerificationException(
          "stale message: timestamp " + ts + " is more than " + maxSkew + " before " + now);
    }
    if (ts.isAfter(now.plus(maxSkew))) {
      throw new VerificationException(
          "message from the future: timestamp "
              + ts
              + " is more than "
              + maxSkew
              + " after "
              + now);
    }
    switch (replayGuard.record(message.signer().nodeId(), nonce, ts.plus(maxSkew), now)) {
      case FRESH -> {}
      case REPLAYED -> throw new VerificationException("replayed message: nonce already used");
      case FULL ->
          throw new VerificationException("too many messages in the replay window; retry later");
    }
    return new VerifiedMessage(message.signer(), type, ts, nonce, payload);
  }
}
