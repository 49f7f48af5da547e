package dev.proofofcompute.translog;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.crypto.identity.Ed25519Signature;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.merkle.MerkleHashes;
import dev.proofofcompute.crypto.merkle.MerkleTree;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the transparency log: a state change of the network, in canonical CBOR, with the
 * signature that authorised it.
 *
 * <pre>
 *   entry = { "v": 1,
 *             "kind": tstr,        ; EntryKind wire name, e.g. "lease"
 *             "time": uint,        ; milliseconds since the epoch, when the coordinator logged it
 *             "body": map,         ; kind-specific fields, deterministic CBOR
 *             "auth": auth }       ; see Authorisation
 * </pre>
 *
 * The entry holds nothing that depends on its position in the log (no index, no previous hash): the
 * Merkle tree orders entries, so the same bytes can be logged, proven and audited without knowing
 * where they landed. Its leaf hash is the RFC 6962 leaf hash of {@link #encode()}, {@code
 * SHA-256(0x00 || entry)}.
 *
 * <p>An entry authorised by the coordinator itself is signed over {@link #coordinatorSigningBytes}:
 * {@code ["poc/translog/entry/v1", kind, time, body]} in canonical CBOR, domain-separated from
 * every other signed object of the project — one signature per entry ({@link
 * #signedByCoordinator(EntryKind, Instant, CborMap, NodeIdentity)}), or one per batch over a Merkle
 * tree of those bytes ({@link #signedByCoordinator(List, NodeIdentity)}).
 */
public record LogEntry(EntryKind kind, Instant time, CborMap body, Authorisation authorisation) {
  /** Format version written in {@code "v"}. */
  public static final int VERSION = 1;

  /** Largest encoded entry accepted by {@link #decode}: 8 MiB. */
  public static final int MAX_ENCODED_BYTES = 8 << 20;

  /** Domain separation string of coordinator-signed entries. */
  public static final String COORDINATOR_SIGNING_DOMAIN = "poc/translog/entry/v1";

  private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

  /**
   * @throws IllegalArgumentException when {@code time} is before the epoch or finer than a
   *     millisecond (the wire form holds milliseconds, so it would not round-trip)
   */
  public LogEntry {
    checkTime(time);
  }

  /** An entry authorised by a node's signed request. */
  public static LogEntry ofNodeRequest(
      EntryKind kind, Instant time, CborMap body, Authorisation.NodeRequest request) {
    return new LogEntry(kind, time, body, request);
  }

  /** An entry the coordinator authorises itself: signs it with {@code coordinator}. */
  public static LogEntry signedByCoordinator(
      EntryKind kind, Instant time, CborMap body, NodeIdentity coordinator) {
    checkTime(time);
    return new LogEntry(
        kind,
        time,
        body,
        Authorisation.CoordinatorSigned.sign(
            coordinator, coordinatorSigningBytes(kind, time, body)));
  }

  /** An entry's content before the coordinator authorises it. */
  public record Draft(EntryKind kind, Instant time, CborMap body) {
    public Draft {
      checkTime(time);
    }
  }

  /**
   * Authorises all of {@code drafts} with one signature by {@code coordinator}: the drafts' signing
   * bytes are the leaves of an RFC 9162 Merkle tree, the coordinator signs its size and root once,
   * and each entry carries that signature, the root and its own inclusion proof ({@link
   * Authorisation.CoordinatorBatch}). The entries are returned in the order of {@code drafts}.
   *
   * @throws IllegalArgumentException when {@code drafts} is empty
   */
  public static List<LogEntry> signedByCoordinator(List<Draft> drafts, NodeIdentity coordinator) {
    if (drafts.isEmpty()) {
      throw new IllegalArgumentException("a coordinator batch signs at least one entry");
    }
    List<Digest> leaves = new ArrayList<>(drafts.size());
    for (Draft d : drafts) {
      leaves.add(MerkleHashes.leafHash(coordinatorSigningBytes(d.kind(), d.time(), d.body())));
    }
    MerkleTree tree = MerkleTree.ofLeafHashes(leaves);
    Digest root = tree.root();
    Ed25519Signature signature =
        coordinator.sign(Authorisation.CoordinatorBatch.signingBytes(drafts.size(), root));
    List<LogEntry> entries = new ArrayList<>(drafts.size());
    for (int i = 0; i < drafts.size(); i++) {
      Draft d = drafts.get(i);
      entries.add(
          new LogEntry(
              d.kind(),
              d.time(),
              d.body(),
              new Authorisation.CoordinatorBatch(
                  coordinator.publicKey(), signature, root, tree.inclusionProof(i))));
    }
    return entries;
  }

  /** The bytes a coordinator signs for an entry of this kind, time and body. */
  public static Bytes coordinatorSigningBytes(EntryKind kind, Instant time, CborMap body) {
    // Encoded on its own first, the body keeps its encoding for the entry's own (CborMap#encode).
    body.encode();
    return CborArray.of(
            new CborText(COORDINATOR_SIGNING_DOMAIN),
            new CborText(kind.wireName()),
            CborInteger.of(time.toEpochMilli()),
            body)
        .encode();
  }

  /** {@link #coordinatorSigningBytes(EntryKind, Instant, CborMap)} of this entry. */
  public Bytes coordinatorSigningBytes() {
    return coordinatorSigningBytes(kind, time, body);
  }

  /** The canonical encoding: the bytes that are hashed into the log. */
  public Bytes encode() {
    return CborMap.builder()
        .put("v", VERSION)
        .put("kind", kind.wireName())
        .put("time", time.toEpochMilli())
        .put("body", body)
        .put("auth", authorisation.toCbor())
        .build()
        .encode();
  }

  /** The RFC 6962 leaf hash of {@link #encode()}. */
  public Digest leafHash() {
    return MerkleHashes.leafHash(encode());
  }

  /**
   * Parses {@link #encode()} output, strictly: deterministic CBOR, no unknown or missing field,
   * version 1, a known kind, a non-negative time, a valid public key and a 64-byte signature.
   * Signatures are not checked here (that is the auditor's job).
   *
   * @throws DecodingException naming the first problem
   */
  public static LogEntry decode(Bytes encoded) throws DecodingException {
    if (encoded.length() > MAX_ENCODED_BYTES) {
      throw new DecodingException(
          "log entry of " + encoded.length() + " bytes exceeds " + MAX_ENCODED_BYTES);
    }
    CborMap map;
    try {
      map = CborDecoder.decodeCanonicalMap(encoded);
    } catch (DecodingException e) {
      throw new DecodingException("log entry: " + e.getMessage(), e);
    }
    try {
      map.requireOnlyKeys("v", "kind", "time", "body", "auth");
      long version = map.getLong("v");
      if (version != VERSION) {
        throw new DecodingException("version " + version + " is not supported (expected 1)");
      }
      EntryKind kind = EntryKind.fromWireName(map.getText("kind"));
      long ms = map.getLong("time");
      if (ms < 0) {
        throw new DecodingException("field 'time' is negative");
      }
      CborMap body = map.getMap("body");
      Authorisation auth = Authorisation.fromCbor(map.getMap("auth"));
      return new LogEntry(kind, Instant.ofEpochMilli(ms), body, auth);
    } catch (DecodingException e) {
      throw new DecodingException("log entry: " + e.getMessage(), e);
    }
  }

  private static void checkTime(Instant time) {
    if (time.isBefore(Instant.EPOCH)) {
      throw new IllegalArgumentException("entry time before the epoch: " + time);
    }
    if (!time.truncatedTo(ChronoUnit.MILLIS).equals(time)) {
      throw new IllegalArgumentException("entry time has sub-millisecond precision: " + time);
    }
    if (time.isAfter(LATEST)) {
      throw new IllegalArgumentException("entry time beyond 2^63 - 1 milliseconds: " + time);
    }
  }
}
