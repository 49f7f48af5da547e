package dev.proofofcompute.crypto.identity;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;

/**
 * A node's identifier: the SHA-256 of its raw 32-byte Ed25519 public key. Untagged, so that anyone
 * can recompute it from the public key with standard tools ({@code sha256sum} of the raw key).
 */
public record NodeId(Digest digest) implements Comparable<NodeId> {
  /** Hex characters in {@link #shortForm()}. */
  public static final int SHORT_HEX_LENGTH = 12;

  /** The id of the node whose raw public key is {@code rawPublicKey}. */
  static NodeId of(Bytes rawPublicKey) {
    return new NodeId(Digest.sha256(rawPublicKey));
  }

  /**
   * Parses the 64-character hex form.
   *
   * @throws IllegalArgumentException on any other input
   */
  public static NodeId fromHex(String hex) {
    return new NodeId(Digest.fromHex(hex));
  }

  /** The 64-character lower-case hex form. */
  public String toHex() {
    return digest.toHex();
  }

  /** The first {@value #SHORT_HEX_LENGTH} hex characters, for logs; not unique, never a key. */
  public String shortForm() {
    return digest.toHex().substring(0, SHORT_HEX_LENGTH);
  }

  @Override
  public int compareTo(NodeId other) {
    return digest.compareTo(other.digest);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
