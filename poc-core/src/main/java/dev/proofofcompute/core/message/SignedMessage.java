package dev.proofofcompute.core.message;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborLimits;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.Ed25519Signature;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.identity.NodePublicKey;
import java.time.Instant;

/**
 * A node message as it travels: the canonical CBOR bytes of its body, the signer's public key and
 * an Ed25519 signature over exactly those bytes.
 *
 * <pre>
 *   body     = { "type": tstr, "ts": uint (ms since the epoch), "nonce": bstr .size 16,
 *                "payload": map }                                 (deterministic CBOR)
 *   envelope = { "body": bstr, "key": bstr .size 32, "sig": bstr .size 64 }
 * </pre>
 *
 * The body names its type, so a signature over one kind of message can never be replayed as
 * another; the timestamp and nonce let the receiver refuse stale and replayed messages ({@link
 * MessageVerifier}). Construction does not verify anything: a {@code SignedMessage} that came from
 * the network is untrusted until {@link MessageVerifier#verify} accepted it.
 */
public final class SignedMessage {
  /** Bytes of a nonce. */
  public static final int NONCE_LENGTH = 16;

  /** Largest envelope accepted by {@link #decode}: 4 MiB. */
  public static final int MAX_ENVELOPE_BYTES = 4 << 20;

  private final Bytes body;
  private final NodePublicKey signer;
  private final Ed25519Signature signature;

  private SignedMessage(Bytes body, NodePublicKey signer, Ed25519Signature signature) {
    this.body = body;
    this.signer = signer;
    this.signature = signature;
  }

  /**
   * Builds and signs a message.
   *
   * @param type the message type, e.g. {@code "poc/coordinator/lease-request/v1"}
   * @param timestamp when the message is made (from the sender's injected clock)
   * @param nonce {@value #NONCE_LENGTH} fresh random bytes
   */
  public static SignedMessage sign(
      NodeIdentity identity, String type, Instant timestamp, Bytes nonce, CborMap payload) {
    if (type.isEmpty()) {
      throw new IllegalArgumentException("a message type is not empty");
    }
    if (nonce.length() != NONCE_LENGTH) {
      throw new IllegalArgumentException(
          "a nonce is " + NONCE_LENGTH + " bytes, got " + nonce.length());
    }
    long ms = timestamp.toEpochMilli();
    if (ms < 0) {
      throw new IllegalArgumentException("timestamp before the epoch: " + timestamp);
    }
    Bytes body =
        CborMap.builder()
            .put("type", type)
            .put("ts", ms)
            .put("nonce", nonce)
            .put("payload", payload)
            .build()
            .encode();
    return new SignedMessage(body, identity.publicKey(), identity.sign(body));
  }

  /** An envelope from its parts, for transports that carry them separately (e.g. HTTP headers). */
  public static SignedMessage of(Bytes body, NodePublicKey signer, Ed25519Signature signature) {
    return new SignedMessage(body, signer, signature);
  }

  /**
   * Parses an envelope. Checks its shape only; the signature is checked by {@link MessageVerifier}.
   *
   * @throws DecodingException when the envelope is malformed, oversized or not canonical
   */
  public static SignedMessage decode(Bytes envelope) throws DecodingException {
    if (envelope.length() > MAX_ENVELOPE_BYTES) {
      throw new DecodingException(
          "message of " + envelope.length() + " bytes exceeds " + MAX_ENVELOPE_BYTES);
    }
    if (!(CborDecoder.decodeCanonical(envelope, new CborLimits(MAX_ENVELOPE_BYTES, 4, 16))
        instanceof CborMap map)) {
      throw new DecodingException("a signed message envelope is a CBOR map");
    }
    map.requireOnlyKeys("body", "key", "sig");
    return new SignedMessage(
        map.getBytes("body"),
        NodePublicKey.fromRaw(map.getBytes("key")),
        Ed25519Signature.fromBytes(map.getBytes("sig")));
  }

  /** The canonical envelope bytes. */
  public Bytes encode() {
    return CborMap.builder()
        .put("body", new CborBytes(body))
        .put("key", new CborBytes(signer.raw()))
        .put("sig", new CborBytes(signature.bytes()))
        .build()
        .encode();
  }

  /** The signed bytes, untrusted until verified. */
  public Bytes body() {
    return body;
  }

  public NodePublicKey signer() {
    return signer;
  }

  public Ed25519Signature signature() {
    return signature;
  }
}
