package dev.proofofcompute.crypto.merkle;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import java.security.DigestException;
import java.security.MessageDigest;

/**
 * The RFC 6962 §2.1 / RFC 9162 §2.1.1 hash functions, untagged so that standard Certificate
 * Transparency tooling computes the same values:
 *
 * <pre>
 *   leaf(d)    = SHA-256(0x00 || d)
 *   node(l, r) = SHA-256(0x01 || l || r)
 *   MTH({})    = SHA-256("")
 * </pre>
 *
 * The package-private array forms write into caller-owned buffers and reuse one {@link
 * MessageDigest}; they are the hot loop of tree building.
 */
public final class MerkleHashes {
  static final byte LEAF_PREFIX = 0x00;
  static final byte NODE_PREFIX = 0x01;

  /** The root of the empty tree, SHA-256 of the empty string. */
  public static final Digest EMPTY_ROOT = Digest.sha256(new byte[0]);

  private MerkleHashes() {}

  /** {@code SHA-256(0x00 || data)}. */
  public static Digest leafHash(Bytes data) {
    MessageDigest md = Hashes.sha256();
    md.update(LEAF_PREFIX);
    data.writeTo(md::update);
    return Hashes.finish(md);
  }

  /** {@code SHA-256(0x00 || buffer[offset, offset + length))}. */
  public static Digest leafHash(byte[] buffer, int offset, int length) {
    MessageDigest md = Hashes.sha256();
    md.update(LEAF_PREFIX);
    md.update(buffer, offset, length);
    return Hashes.finish(md);
  }

  /** {@code SHA-256(0x01 || left || right)}. */
  public static Digest nodeHash(Digest left, Digest right) {
    MessageDigest md = Hashes.sha256();
    md.update(NODE_PREFIX);
    left.updateInto(md);
    right.updateInto(md);
    return Hashes.finish(md);
  }

  /** Leaf hash of {@code buffer[offset, offset + length)} into {@code out[outOffset, +32)}. */
  static void leaf(
      MessageDigest md, byte[] buffer, int offset, int length, byte[] out, int outOffset) {
    md.update(LEAF_PREFIX);
    md.update(buffer, offset, length);
    finishInto(md, out, outOffset);
  }

  /**
   * Node hash of the 32-byte values at {@code left[lo]} and {@code right[ro]} into {@code out[oo]}.
   * The output may overlap either input: both are absorbed before the digest is written.
   */
  static void node(
      MessageDigest md, byte[] left, int lo, byte[] right, int ro, byte[] out, int oo) {
    md.update(NODE_PREFIX);
    md.update(left, lo, Digest.LENGTH);
    md.update(right, ro, Digest.LENGTH);
    finishInto(md, out, oo);
  }

  static void finishInto(MessageDigest md, byte[] out, int offset) {
    try {
      md.digest(out, offset, Digest.LENGTH);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 refused a 32-byte output buffer", e);
    }
  }
}
