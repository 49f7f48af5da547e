package dev.proofofcompute.translog;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.Ed25519Signature;
import dev.proofofcompute.crypto.identity.Ed25519Verifier;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.identity.NodePublicKey;

/**
 * Who authorised a log entry, with the signature that proves it, carried inside the entry so that
 * an auditor can re-verify it from the entry alone.
 *
 * <ul>
 *   <li>{@link NodeRequest}: a node's signed request, as it arrived — the signer's public key, the
 *       exact signed bytes (the canonical body of a {@code SignedMessage}) and the Ed25519
 *       signature over them. The coordinator cannot forge one.
 *   <li>{@link CoordinatorSigned}: a state change the coordinator made on its own (a lease expired,
 *       a verdict, a settlement), signed with the coordinator's key over the entry's {@link
 *       LogEntry#coordinatorSigningBytes signing bytes}.
 * </ul>
 *
 * <pre>
 *   auth = { "by": "node", "key": bstr .size 32, "request": bstr, "sig": bstr .size 64 }
 *        / { "by": "coordinator", "key": bstr .size 32, "sig": bstr .size 64 }
 * </pre>
 */
public sealed interface Authorisation {

  /** The key whose signature this is. */
  NodePublicKey signer();

  Ed25519Signature signature();

  /** The id of {@link #signer()}. */
  default NodeId signerId() {
    return signer().nodeId();
  }

  /** The canonical CBOR map of this authorisation. */
  CborMap toCbor();

  /**
   * A node's signed request.
   *
   * @param signer the node's public key
   * @param request the exact bytes the node signed
   * @param signature the node's Ed25519 signature over {@code request}
   */
  record NodeRequest(NodePublicKey signer, Bytes request, Ed25519Signature signature)
      implements Authorisation {

    /**
     * The entry body field (unsigned integer) that marks an entry authorised by one operation of a
     * batched request: the operation's index in the request. One batched request authorises one
     * entry per operation, each with its own index; an entry without it is the only one its request
     * authorises (docs/coordinator.md, "Batched requests").
     */
    public static final String BATCH_OP_FIELD = "batch-op";

    /** Checks the node's signature over {@link #request()}. */
    public void verify() throws VerificationException {
      Ed25519Verifier.create(signer).verify(request, signature.bytes());
    }

    @Override
    public CborMap toCbor() {
      return CborMap.builder()
          .put("by", "node")
          .put("key", new CborBytes(signer.raw()))
          .put("request", new CborBytes(request))
          .put("sig", new CborBytes(signature.bytes()))
          .build();
    }
  }

  /**
   * The coordinator's own signature over the entry's signing bytes.
   *
   * @param signer the coordinator's public key
   * @param signature its Ed25519 signature over {@link LogEntry#coordinatorSigningBytes}
   */
  record CoordinatorSigned(NodePublicKey signer, Ed25519Signature signature)
      implements Authorisation {

    /** Signs {@code signingBytes} with the coordinator's identity. */
    static CoordinatorSigned sign(NodeIdentity coordinator, Bytes signingBytes) {
      return new CoordinatorSigned(coordinator.publicKey(), coordinator.sign(signingBytes));
    }

    @Override
    public CborMap toCbor() {
      return CborMap.builder()
          .put("by", "coordinator")
          .put("key", new CborBytes(signer.raw()))
          .put("sig", new CborBytes(signature.bytes()))
          .build();
    }
  }

  /** Parses {@link #toCbor()} output strictly: known {@code by}, no unknown fields. */
  static Authorisation fromCbor(CborMap map) throws DecodingException {
    String by = map.getText("by");
    if (by.equals("node")) {
      map.requireOnlyKeys("by", "key", "request", "sig");
      return new NodeRequest(
          NodePublicKey.fromRaw(map.getBytes("key")),
          map.getBytes("request"),
          Ed25519Signature.fromBytes(map.getBytes("sig")));
    }
    if (by.equals("coordinator")) {
      map.requireOnlyKeys("by", "key", "sig");
      return new CoordinatorSigned(
          NodePublicKey.fromRaw(map.getBytes("key")),
          Ed25519Signature.fromBytes(map.getBytes("sig")));
    }
    throw new DecodingException("auth.by is '" + by + "', expected 'node' or 'coordinator'");
  }
}
