package dev.proofofcompute.crypto.merkle;

import dev.proofofcompute.crypto.Digest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The reference model for the differential tests: RFC 9162 §2.1.1 MTH written as the literal
 * recursion over byte arrays, sharing no code with the package under test.
 */
final class NaiveMerkle {
  private NaiveMerkle() {}

  static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static Digest leafHash(byte[] data) {
    return Digest.of(sha256(new byte[] {0}, data));
  }

  /** MTH(D[from:to]) per RFC 9162 §2.1.1, from the leaf data. */
  static Digest mth(List<byte[]> data, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return Digest.of(sha256());
    }
    if (n == 1) {
      return leafHash(data.get(from));
    }
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return Digest.of(
        sha256(
            new byte[] {1},
            mth(data, from, from + k).toByteArray(),
            mth(data, from + k, to).toByteArray()));
  }

  /** MTH(D[from:to]) per RFC 9162 §2.1.1, from precomputed leaf hashes. */
  static Digest mthOfLeafHashes(List<Digest> leafHashes, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return Digest.of(sha256());
    }
    if (n == 1) {
      return leafHashes.get(from);
    }
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return Digest.of(
        sha256(
            new byte[] {1},
            mthOfLeafHashes(leafHashes, from, from + k).toByteArray(),
            mthOfLeafHashes(leafHashes, from + k, to).toByteArray()));
  }

  /** {@code count} leaves of random length 0..maxLength from {@code random}. */
  static List<byte[]> randomLeaves(Random random, int count, int maxLength) {
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] b = new byte[random.nextInt(maxLength + 1)];
      random.nextBytes(b);
      out.add(b);
    }
    return out;
  }
}
