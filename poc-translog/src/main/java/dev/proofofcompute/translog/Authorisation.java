package dev.proofofcompute.translog;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.crypto.identity.Ed25519Signature;
import dev.proofofcompute.crypto.identity.Ed25519Verifier;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.identity.NodePublicKey;
import dev.proofofcompute.crypto.merkle.InclusionProof;
import dev.proofofcompute.crypto.merkle.MerkleHashes;
import dev.proofofcompute.crypto.merkle.MerkleVerifier;

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
 *   <li>{@link CoordinatorBatch}: the same, but one signature covers every coordinator entry that
 *       one transaction logs: the coordinator builds an RFC 9162 Merkle tree whose leaves are the
 *       entries' signing bytes, signs its root and size once, and each entry carries the signature,
 *       the root and its own inclusion proof. Still verifiable from the entry alone, for one
 *       signature per transaction instead of one per entry (docs/translog.md, "Batch signatures").
 * </ul>
 *
 * <pre>
 *   auth = { "by": "node", "key": bstr .size 32, "request": bstr, "sig": bstr .size 64 }
 *        / { "by": "coordinator", "key": bstr .size 32, "sig": bstr .size 64 }
 *        / { "by": "coordinator-batch", "key": bstr .size 32, "sig": bstr .size 64,
 *            "root": bstr .size 32, "proof": bstr }   ; proof: InclusionProof.toBytes()
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

  /**
   * The coordinator's signature over the root of a Merkle tree of several entries' signing bytes,
   * with this entry's place in that tree.
   *
   * @param signer the coordinator's public key
   * @param signature its Ed25519 signature over {@link #signingBytes(long, Digest)} of the batch
   * @param root the batch tree's root
   * @param proof the inclusion proof of this entry's leaf ({@link #leafHash(LogEntry)}) under
   *     {@code root}; its tree size is the number of entries the signature covers
   */
  record CoordinatorBatch(
      NodePublicKey signer, Ed25519Signature signature, Digest root, InclusionProof proof)
      implements Authorisation {

    /** Domain separation string of a batch signature. */
    public static final String SIGNING_DOMAIN = "poc/translog/coordinator-batch/v1";

    /** The bytes signed for a batch: {@code ["poc/translog/coordinator-batch/v1", size, root]}. */
    public static Bytes signingBytes(long size, Digest root) {
      return CborArray.of(
              new CborText(SIGNING_DOMAIN), CborInteger.of(size), new CborBytes(root.toBytes()))
          .encode();
    }

    /** The batch tree's leaf of {@code entry}: the RFC 6962 leaf hash of its signing bytes. */
    public static Digest leafHash(LogEntry entry) {
      return MerkleHashes.leafHash(entry.coordinatorSigningBytes());
    }

    /**
     * Checks that {@code entry} (which carries this authorisation) is a leaf of the batch and that
     * the batch's signature by {@link #signer()} verifies; {@code signatureVerified} may skip the
     * Ed25519 verification when the caller has already verified the same signer, root, size and
     * signature (one batch's entries share them).
     */
    public void verify(LogEntry entry, boolean signatureVerified) throws VerificationException {
      MerkleVerifier.verifyInclusion(leafHash(entry), proof, root);
      if (!signatureVerified) {
        verifySignature();
      }
    }

    /** Checks the Ed25519 signature over the batch's root and size. */
    public void verifySignature() throws VerificationException {
      Ed25519Verifier.create(signer)
          .verify(signingBytes(proof.treeSize(), root), signature.bytes());
    }

    @Override
    public CborMap toCbor() {
      return CborMap.builder()
          .put("by", "coordinator-batch")
          .put("key", new CborBytes(signer.raw()))
          .put("sig", new CborBytes(signature.bytes()))
          .put("root", new CborBytes(root.toBytes()))
          .put("proof", new CborBytes(proof.toBytes()))
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
    if (by.equals("coordinator-batch")) {
      map.requireOnlyKeys("by", "key", "sig", "root", "proof");
      Bytes root = map.getBytes("root");
      if (root.length() != Digest.LENGTH) {
        throw new DecodingException(
            "auth.root has " + root.length() + " bytes, expected " + Digest.LENGTH);
      }
      InclusionProof proof = InclusionProof.parse(map.getBytes("proof"));
      if (proof.leafIndex() >= proof.treeSize()) {
        throw new DecodingException(
            "auth.proof is for leaf " + proof.leafIndex() + " of " + proof.treeSize());
      }
      return new CoordinatorBatch(
          NodePublicKey.fromRaw(map.getBytes("key")),
          Ed25519Signature.fromBytes(map.getBytes("sig")),
          Digest.of(root),
          proof);
    }
    throw new DecodingException(
        "auth.by is '" + by + "', expected 'node', 'coordinator' or 'coordinator-batch'");
  }
}
