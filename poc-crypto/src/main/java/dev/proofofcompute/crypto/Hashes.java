package dev.proofofcompute.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Domain-separated SHA-256. Every protocol hash names its purpose with a tag, so that a value
 * hashed for one purpose can never be replayed as the hash of another:
 *
 * <pre>
 *   H_tag(m) = SHA-256( u8(len(tag)) || tag || m )      tag: ASCII, 1..255 bytes
 * </pre>
 *
 * The length prefix makes the encoding of (tag, m) injective. Tags are of the form {@code
 * poc/<component>/<purpose>/v<version>}. The RFC 6962 Merkle hashes are not tagged: they use the
 * RFC's own 0x00 / 0x01 prefixes so that standard tooling can check our proofs.
 */
public final class Hashes {
  private Hashes() {}

  /**
   * A SHA-256 instance that is never updated, only cloned: {@code MessageDigest.getInstance} looks
   * the provider up and constructs reflectively on every call, which showed in profiles of the
   * coordinator (a Merkle hash per log entry and per node); cloning the untouched prototype copies
   * a few words of state. Concurrent clones of an object nobody mutates are safe.
   */
  private static final MessageDigest PROTOTYPE = newInstance();

  private static MessageDigest newInstance() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** A fresh SHA-256 instance (always present on a conforming JDK). */
  public static MessageDigest sha256() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      // A provider whose SHA-256 cannot be cloned: look it up each time.
      return newInstance();
    }
  }

  /** A SHA-256 instance that has already absorbed the tag prefix of {@code tag}. */
  public static MessageDigest tagged(String tag) {
    byte[] t = checkTag(tag);
    MessageDigest md = sha256();
    md.update((byte) t.length);
    md.update(t);
    return md;
  }

  /** {@code H_tag(parts[0] || parts[1] || ...)}. */
  public static Digest hash(String tag, byte[]... parts) {
    MessageDigest md = tagged(tag);
    for (byte[] part : parts) {
      md.update(part);
    }
    return Digest.wrap(md.digest());
  }

  /** {@code H_tag(data)}. */
  public static Digest hash(String tag, Bytes data) {
    MessageDigest md = tagged(tag);
    data.writeTo(md::update);
    return Digest.wrap(md.digest());
  }

  /** Finishes {@code md} into a digest. */
  public static Digest finish(MessageDigest md) {
    return Digest.wrap(md.digest());
  }

  private static byte[] checkTag(String tag) {
    byte[] t = tag.getBytes(StandardCharsets.US_ASCII);
    if (t.length == 0 || t.length > 255) {
      throw new IllegalArgumentException("a hash tag is 1..255 ASCII bytes: " + tag);
    }
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException("a hash tag is printable ASCII without spaces: " + tag);
      }
    }
    return t;
  }
}
