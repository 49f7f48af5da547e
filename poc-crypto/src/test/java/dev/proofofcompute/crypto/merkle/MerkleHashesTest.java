package dev.proofofcompute.crypto.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.crypto.Bytes;
import org.junit.jupiter.api.Test;

class MerkleHashesTest {

  /** RFC 6962 §2.1: MTH({}) = SHA-256(); the reference tree's size-0 root. */
  @Test
  void emptyRootIsSha256OfTheEmptyString() {
    assertThat(MerkleHashes.EMPTY_ROOT.toHex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  /** transparency-dev/merkle proof/verify_test.go roots[0] and [1]: leaf "" and node of two. */
  @Test
  void leafAndNodeHashesMatchTheReferenceTree() {
    assertThat(MerkleHashes.leafHash(Bytes.EMPTY)).isEqualTo(Rfc6962Vectors.ROOTS.get(1));
    byte[] buffer = {0x7f, 0x00, 0x7f};
    assertThat(MerkleHashes.leafHash(buffer, 1, 1))
        .isEqualTo(MerkleHashes.leafHash(Bytes.fromHex("00")));
    assertThat(
            MerkleHashes.nodeHash(
                MerkleHashes.leafHash(Bytes.EMPTY), MerkleHashes.leafHash(buffer, 1, 1)))
        .isEqualTo(Rfc6962Vectors.ROOTS.get(2));
  }
}
