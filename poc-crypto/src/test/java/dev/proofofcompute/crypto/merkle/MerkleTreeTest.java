package dev.proofofcompute.crypto.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
  private static final long SEED = 6962L;
  private static final int MAX_SIZE = 2000;

  /** transparency-dev/merkle proof/verify_test.go {@code roots}: every prefix of the tree. */
  @Test
  void rootsOfEveryPrefixMatchTheRfc6962ReferenceTree() {
    MerkleTree full = MerkleTree.ofLeaves(Rfc6962Vectors.LEAVES);
    for (int n = 0; n <= 8; n++) {
      Digest expected = Rfc6962Vectors.ROOTS.get(n);
      assertThat(full.root(n)).as("root(%d) of the 8-leaf tree", n).isEqualTo(expected);
      assertThat(MerkleTree.ofLeaves(Rfc6962Vectors.LEAVES.subList(0, n)).root())
          .as("root of a %d-leaf tree", n)
          .isEqualTo(expected);
    }
    assertThat(full.root().toHex())
        .isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  }

  /** transparency-dev/merkle proof/verify_test.go {@code inclusionProofs}. */
  @Test
  void inclusionPathsMatchTheReferenceVectors() {
    for (Rfc6962Vectors.Inclusion v : Rfc6962Vectors.INCLUSION) {
      MerkleTree tree = MerkleTree.ofLeaves(Rfc6962Vectors.LEAVES.subList(0, v.size()));
      InclusionProof proof = tree.inclusionProof(v.index());
      assertThat(proof.path()).as("leaf %d of %d", v.index(), v.size()).isEqualTo(v.path());
      assertThat(proof.leafIndex()).isEqualTo(v.index());
      assertThat(proof.treeSize()).isEqualTo(v.size());
    }
  }

  /** transparency-dev/merkle proof/verify_test.go {@code consistencyProofs}. */
  @Test
  void consistencyPathsMatchTheReferenceVectors() {
    for (Rfc6962Vectors.Consistency v : Rfc6962Vectors.CONSISTENCY) {
      MerkleTree tree = MerkleTree.ofLeaves(Rfc6962Vectors.LEAVES.subList(0, v.newSize()));
      assertThat(tree.consistencyProof(v.oldSize()).path())
          .as("%d -> %d", v.oldSize(), v.newSize())
          .isEqualTo(v.path());
    }
  }

  @Test
  void emptyTreeHasTheEmptyStringHashAsRoot() {
    MerkleTree empty = MerkleTree.ofLeaves(List.of());
    assertThat(empty.size()).isZero();
    assertThat(empty.root()).isEqualTo(Rfc6962Vectors.ROOTS.get(0));
    assertThat(empty.consistencyProof(0).path()).isEmpty();
    assertThatThrownBy(() -> empty.inclusionProof(0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  /**
   * Seed 6962: trees of every size 1..2000 over random leaves, against the literal RFC recursion in
   * {@link NaiveMerkle}: the root, the leaf hashes, every leaf's inclusion proof, consistency
   * proofs from a sample of old sizes, and random batch proofs.
   */
  @Test
  void everySizeUpTo2000AgreesWithNaiveRecursionSeed6962() throws VerificationException {
    Random random = new Random(SEED);
    List<byte[]> data = NaiveMerkle.randomLeaves(random, MAX_SIZE, 48);
    List<Digest> leafHashes = new ArrayList<>();
    List<Digest> roots = new ArrayList<>();
    for (byte[] leaf : data) {
      leafHashes.add(NaiveMerkle.leafHash(leaf));
    }
    for (int n = 0; n <= MAX_SIZE; n++) {
      roots.add(NaiveMerkle.mthOfLeafHashes(leafHashes, 0, n));
    }
    for (int n = 1; n <= MAX_SIZE; n++) {
      List<Bytes> leaves = data.subList(0, n).stream().map(Bytes::of).toList();
      MerkleTree tree =
          n % 2 == 0
              ? MerkleTree.ofLeaves(leaves)
              : MerkleTree.ofLeafHashes(leafHashes.subList(0, n));
      Digest root = roots.get(n);
      assertThat(tree.root()).as("seed %d size %d", SEED, n).isEqualTo(root);
      for (int i = 0; i < n; i++) {
        assertThat(tree.leafHash(i)).isEqualTo(leafHashes.get(i));
        MerkleVerifier.verifyInclusion(leafHashes.get(i), i, n, root, tree.inclusionProof(i));
      }
      for (int m : oldSizes(random, n)) {
        assertThat(tree.root(m)).isEqualTo(roots.get(m));
        MerkleVerifier.verifyConsistency(m, roots.get(m), n, root, tree.consistencyProof(m));
      }
      for (int trial = 0; trial < 3; trial++) {
        List<Long> indices = randomSubset(random, n);
        MerkleVerifier.verifyMulti(
            indices, pick(leafHashes, indices), n, root, tree.multiProof(indices));
      }
    }
  }

  /** Every non-empty subset of leaves of every tree up to 10 leaves, seed 6962. */
  @Test
  void multiProofsOfEverySubsetOfSmallTreesVerifySeed6962() throws VerificationException {
    List<byte[]> data = NaiveMerkle.randomLeaves(new Random(SEED), 10, 16);
    for (int n = 1; n <= 10; n++) {
      MerkleTree tree = MerkleTree.ofLeaves(data.subList(0, n).stream().map(Bytes::of).toList());
      Digest root = NaiveMerkle.mth(data, 0, n);
      for (int mask = 1; mask < (1 << n); mask++) {
        List<Long> indices = new ArrayList<>();
        List<Digest> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if ((mask & (1 << i)) != 0) {
            indices.add((long) i);
            leaves.add(NaiveMerkle.leafHash(data.get(i)));
          }
        }
        MultiProof proof = tree.multiProof(indices);
        MerkleVerifier.verifyMulti(indices, leaves, n, root, proof);
        // A batch never needs more hashes than the separate proofs together.
        int separate = 0;
        for (long i : indices) {
          separate += tree.inclusionProof((int) i).path().size();
        }
        assertThat(proof.hashes().size()).isLessThanOrEqualTo(separate);
      }
    }
  }

  @Test
  void singleLeafMultiProofHoldsTheInclusionPathInPositionOrder() {
    List<byte[]> data = NaiveMerkle.randomLeaves(new Random(SEED), 37, 8);
    MerkleTree tree = MerkleTree.ofLeaves(data.stream().map(Bytes::of).toList());
    for (int i = 0; i < 37; i++) {
      assertThat(tree.multiProof(List.of((long) i)).hashes())
          .as("leaf %d of 37", i)
          .containsExactlyInAnyOrderElementsOf(tree.inclusionProof(i).path());
    }
    // Leaf 0: every sibling lies to its right, so position order is the bottom-up path order.
    assertThat(tree.multiProof(List.of(0L)).hashes()).isEqualTo(tree.inclusionProof(0).path());
    // The last leaf of a 32-leaf tree: every sibling lies to its left, so the order is reversed.
    MerkleTree pow2 = MerkleTree.ofLeaves(data.subList(0, 32).stream().map(Bytes::of).toList());
    List<Digest> reversed = new ArrayList<>(pow2.inclusionProof(31).path());
    Collections.reverse(reversed);
    assertThat(pow2.multiProof(List.of(31L)).hashes()).isEqualTo(reversed);
  }

  @Test
  void rejectsOutOfRangeArguments() {
    MerkleTree tree = MerkleTree.ofLeaves(Rfc6962Vectors.LEAVES);
    assertThatThrownBy(() -> tree.inclusionProof(8)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> tree.inclusionProof(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> tree.leafHash(8)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> tree.consistencyProof(9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.root(9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.multiProof(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.multiProof(List.of(3L, 3L)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.multiProof(List.of(4L, 2L)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.multiProof(List.of(8L)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** All of 0..n for small n; otherwise the edges, the powers of two and a few random sizes. */
  private static List<Integer> oldSizes(Random random, int n) {
    List<Integer> out = new ArrayList<>();
    if (n <= 64) {
      for (int m = 0; m <= n; m++) {
        out.add(m);
      }
      return out;
    }
    out.addAll(List.of(0, 1, 2, n / 2, n - 1, n));
    for (int p = 4; p < n; p *= 2) {
      out.add(p);
      out.add(p - 1);
      out.add(p + 1);
    }
    for (int i = 0; i < 4; i++) {
      out.add(random.nextInt(n + 1));
    }
    return out;
  }

  private static List<Long> randomSubset(Random random, int n) {
    int k = 1 + random.nextInt(Math.min(n, 16));
    List<Long> out = random.longs(0, n).distinct().limit(k).sorted().boxed().toList();
    return out;
  }

  private static List<Digest> pick(List<Digest> all, List<Long> indices) {
    return indices.stream().map(i -> all.get(Math.toIntExact(i))).toList();
  }
}
