package dev.proofofcompute.stark;

import dev.proofofcompute.crypto.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A SHA-256 hash-chain transcript: the state is a 32-byte digest; absorbing replaces it with {@code
 * H_absorb(state || label || len || data)}, squeezing emits {@code H_squeeze(state || label ||
 * counter)} blocks and then ratchets the state, so no output is ever repeated. Labels and data are
 * length-prefixed, so the absorbed sequence is encoded injectively. This is the random-oracle
 * instantiation of Fiat–Shamir for public-coin protocols (Ben-Sasson, Chiesa, Spooner, "Interactive
 * Oracle Proofs", TCC 2016-B, Section 5: the BCS transformation).
 */
final class HashChainTranscript implements FiatShamir {
  private static final String ABSORB = "poc/stark/transcript-absorb/v1";
  private static final String SQUEEZE = "poc/stark/transcript-squeeze/v1";
  private static final String RATCHET = "poc/stark/transcript-ratchet/v1";

  private final MessageDigest md = Hashes.sha256();
  private byte[] state;

  HashChainTranscript(String domain) {
    this.state = Hashes.hash("poc/stark/transcript-init/v1", label(domain)).toByteArray();
  }

  /** {@code md} reset and primed with the tag prefix of {@link Hashes#tagged}. */
  private MessageDigest tagged(String tag) {
    md.reset();
    md.update((byte) tag.length());
    md.update(tag.getBytes(StandardCharsets.US_ASCII));
    return md;
  }

  @Override
  public void absorb(String label, byte[] data) {
    MessageDigest md = tagged(ABSORB);
    md.update(state);
    md.update(label(label));
    md.update(ByteBuffer.allocate(4).putInt(data.length).array());
    md.update(data);
    state = md.digest();
  }

  @Override
  public byte[] squeezeBytes(String label, int length) {
    if (length < 0) {
      throw new IllegalArgumentException("negative length");
    }
    byte[] out = new byte[length];
    byte[] l = label(label);
    for (int block = 0, off = 0; off < length; block++, off += 32) {
      MessageDigest md = tagged(SQUEEZE);
      md.update(state);
      md.update(l);
      md.update(ByteBuffer.allocate(4).putInt(block).array());
      byte[] h = md.digest();
      System.arraycopy(h, 0, out, off, Math.min(32, length - off));
    }
    MessageDigest md = tagged(RATCHET);
    md.update(state);
    md.update(l);
    md.update(ByteBuffer.allocate(4).putInt(length).array());
    state = md.digest();
    return out;
  }

  private static byte[] label(String label) {
    byte[] b = label.getBytes(StandardCharsets.UTF_8);
    if (b.length > 255) {
      throw new IllegalArgumentException("transcript label longer than 255 bytes");
    }
    byte[] out = new byte[b.length + 1];
    out[0] = (byte) b.length;
    System.arraycopy(b, 0, out, 1, b.length);
    return out;
  }
}
