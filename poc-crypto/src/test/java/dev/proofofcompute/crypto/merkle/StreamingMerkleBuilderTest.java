package dev.proofofcompute.crypto.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingMerkleBuilderTest {

  /** transparency-dev/merkle proof/verify_test.go {@code roots}, one leaf at a time. */
  @Test
  void rootAfterEachReferenceLeafMatchesThePublishedRoots() {
    StreamingMerkleBuilder b = new StreamingMerkleBuilder();
    assertThat(b.root()).isEqualTo(Rfc6962Vectors.ROOTS.get(0));
    for (int n = 1; n <= 8; n++) {
      b.add(Rfc6962Vectors.LEAVES.get(n - 1));
      assertThat(b.size()).isEqualTo(n);
      assertThat(b.root()).as("after %d leaves", n).isEqualTo(Rfc6962Vectors.ROOTS.get(n));
    }
  }

  /**
   * Seed 9162: the root after every prefix of 2000 random leaves equals the tree's root of that
   * prefix, whichever of the three add methods fed the leaf, and asking for the root consumes
   * nothing; the literal RFC recursion checks every size up to 300 and the powers of two and their
   * neighbours.
   */
  @Test
  void everyPrefixUpTo2000MatchesNaiveRecursionSeed9162() {
    List<byte[]> data = NaiveMerkle.randomLeaves(new Random(9162), 2000, 40);
    MerkleTree tree = MerkleTree.ofLeaves(data.stream().map(Bytes::of).toList());
    StreamingMerkleBuilder b = new StreamingMerkleBuilder();
    byte[] padded = new byte[64];
    for (int n = 1; n <= data.size(); n++) {
      byte[] leaf = data.get(n - 1);
      switch (n % 3) {
        case 0 -> b.add(Bytes.of(leaf));
        case 1 -> {
          System.arraycopy(leaf, 0, padded, 7, leaf.length);
          b.add(padded, 7, leaf.length);
        }
        default -> b.addLeafHash(NaiveMerkle.leafHash(leaf));
      }
      Digest expected = tree.root(n);
      assertThat(b.root()).as("seed 9162 prefix %d", n).isEqualTo(expected);
      assertThat(b.root()).as("second root() of prefix %d", n).isEqualTo(expected);
      if (n <= 300
          || Integer.bitCount(n - 1) == 1
          || Integer.bitCount(n + 1) == 1
          || Integer.bitCount(n) == 1) {
        assertThat(expected)
            .as("naive root of prefix %d", n)
            .isEqualTo(NaiveMerkle.mth(data, 0, n));
      }
    }
  }

  @Test
  void subtreesAndWholeBuildersAppendLikeTheirLeaves() {
    List<byte[]> data = NaiveMerkle.randomLeaves(new Random(11), 23, 10);
    MerkleTree tree = MerkleTree.ofLeaves(data.stream().map(Bytes::of).toList());
    StreamingMerkleBuilder head = new StreamingMerkleBuilder();
    for (int i = 0; i < 16; i++) {
      head.add(Bytes.of(data.get(i)));
    }
    StreamingMerkleBuilder tail = new StreamingMerkleBuilder();
    for (int i = 16; i < 23; i++) {
      tail.add(Bytes.of(data.get(i)));
    }
    StreamingMerkleBuilder joined = new StreamingMerkleBuilder();
    joined.addSubtree(head.root(), 4);
    joined.addAll(tail);
    assertThat(joined.size()).isEqualTo(23);
    assertThat(joined.root()).isEqualTo(NaiveMerkle.mth(data, 0, 23)).isEqualTo(tree.root());
  }

  @Test
  void misalignedSubtreeIsRefused() {
    StreamingMerkleBuilder b = new StreamingMerkleBuilder();
    b.add(Bytes.EMPTY);
    assertThatThrownBy(() -> b.addSubtree(Rfc6962Vectors.ROOTS.get(2), 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot start at leaf 1");
    assertThatThrownBy(() -> b.addSubtree(Rfc6962Vectors.ROOTS.get(2), 63))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.add(new byte[4], 2, 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(b.size()).isEqualTo(1);
  }
}
