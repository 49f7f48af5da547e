package dev.proofofcompute.translog;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborLimits;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.crypto.identity.Ed25519Signature;
import dev.proofofcompute.crypto.identity.Ed25519Verifier;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.identity.NodePublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A signed tree head (RFC 6962 §3.5, RFC 9162 §4.10): the coordinator's signed statement that its
 * log had {@code treeSize} entries with Merkle root {@code rootHash} at {@code timestamp}. Anyone
 * holding two heads can ask for a consistency proof between them; a coordinator that rewrites
 * history cannot produce one, and its signature on both heads is the evidence.
 *
 * <pre>
 *   signed = { "type": "poc/translog/tree-head/v1", "size": uint, "root": bstr .size 32,
 *              "ts": uint (ms since the epoch), "key": bstr .size 32 (the signer's node id) }
 *   head   = { "size", "root", "ts", "key", "sig": bstr .size 64 }     (deterministic CBOR)
 * </pre>
 *
 * The signature covers the {@code signed} map, whose {@code type} separates it from every other
 * signed object; {@code key} names the signing key so that a head signed by another key is rejected
 * before its signature is even checked.
 */
public record SignedTreeHead(
    long treeSize, Digest rootHash, Instant timestamp, NodeId keyId, Ed25519Signature signature) {
  /** The domain string in the signed map. */
  public static final String TYPE = "poc/translog/tree-head/v1";

  private static final int MAX_ENCODED_BYTES = 256;

  /**
   * @throws IllegalArgumentException on a negative size, or a timestamp before the epoch or finer
   *     than a millisecond
   */
  public SignedTreeHead {
    checkFields(treeSize, timestamp);
  }

  /** Signs a head for ({@code treeSize}, {@code rootHash}) at {@code timestamp}. */
  public static SignedTreeHead sign(
      NodeIdentity signer, long treeSize, Digest rootHash, Instant timestamp) {
    checkFields(treeSize, timestamp);
    NodeId keyId = signer.nodeId();
    Ed25519Signature sig = signer.sign(signingBytes(treeSize, rootHash, timestamp, keyId));
    return new SignedTreeHead(treeSize, rootHash, timestamp, keyId, sig);
  }

  /** The bytes the signature covers. */
  public static Bytes signingBytes(
      long treeSize, Digest rootHash, Instant timestamp, NodeId keyId) {
    return CborMap.builder()
        .put("type", TYPE)
        .put("size", treeSize)
        .put("root", rootHash)
        .put("ts", timestamp.toEpochMilli())
        .put("key", keyId.digest())
        .build()
        .encode();
  }

  /** {@link #signingBytes(long, Digest, Instant, NodeId)} of this head. */
  public Bytes signingBytes() {
    return signingBytes(treeSize, rootHash, timestamp, keyId);
  }

  /**
   * Checks that {@code coordinatorKey} signed this head.
   *
   * @throws VerificationException when the head names another key or the signature does not verify
   */
  public void verify(NodePublicKey coordinatorKey) throws VerificationException {
    if (!coordinatorKey.nodeId().equals(keyId)) {
      throw new VerificationException(
          "tree head is signed by key "
              + keyId.shortForm()
              + ", expected "
              + coordinatorKey.nodeId().shortForm());
    }
    try {
      Ed25519Verifier.create(coordinatorKey).verify(signingBytes(), signature.bytes());
    } catch (VerificationException e) {
      throw new VerificationException(
          "tree head of size " + treeSize + ": bad signature: " + e.getMessage(), e);
    }
  }

  /** The canonical encoding. */
  public Bytes encode() {
    return toCbor().encode();
  }

  /** The canonical CBOR map (for embedding in other documents). */
  public CborMap toCbor() {
    return CborMap.builder()
        .put("size", treeSize)
        .put("root", rootHash)
        .put("ts", timestamp.toEpochMilli())
        .put("key", keyId.digest())
        .put("sig", new CborBytes(signature.bytes()))
        .build();
  }

  /**
   * Parses {@link #encode()} output strictly. The signature is not checked.
   *
   * @throws DecodingException on any other input
   */
  public static SignedTreeHead decode(Bytes encoded) throws DecodingException {
    if (encoded.length() > MAX_ENCODED_BYTES) {
      throw new DecodingException(
          "tree head of " + encoded.length() + " bytes exceeds " + MAX_ENCODED_BYTES);
    }
    CborValue value =
        CborDecoder.decodeCanonical(encoded, new CborLimits(MAX_ENCODED_BYTES, 2, 16));
    if (!(value instanceof CborMap map)) {
      throw new DecodingException("a tree head is a CBOR map");
    }
    return fromCbor(map);
  }

  /** Parses {@link #toCbor()} output strictly. */
  public static SignedTreeHead fromCbor(CborMap map) throws DecodingException {
    map.requireOnlyKeys("size", "root", "ts", "key", "sig");
    long size = map.getLong("size");
    long ms = map.getLong("ts");
    if (size < 0) {
      throw new DecodingException("tree head: size is negative");
    }
    if (ms < 0) {
      throw new DecodingException("tree head: timestamp is negative");
    }
    return new SignedTreeHead(
        size,
        map.getDigest("root"),
        Instant.ofEpochMilli(ms),
        new NodeId(map.getDigest("key")),
        Ed25519Signature.fromBytes(map.getBytes("sig")));
  }

  private static void checkFields(long treeSize, Instant timestamp) {
    if (treeSize < 0) {
      throw new IllegalArgumentException("negative tree size " + treeSize);
    }
    if (timestamp.isBefore(Instant.EPOCH)
        || !timestamp.truncatedTo(ChronoUnit.MILLIS).equals(timestamp)) {
      throw new IllegalArgumentException(
          "a tree head timestamp is whole milliseconds since the epoch: " + timestamp);
    }
  }
}
