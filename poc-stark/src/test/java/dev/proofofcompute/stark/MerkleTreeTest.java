package dev.proofofcompute.stark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.VerificationException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

  private static long[][] rows(int count, int width, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[][] rows = new long[count][width];
    for (long[] row : rows) {
      for (int c = 0; c < width; c++) {
        row[c] = rnd.nextLong() >>> 1;
      }
    }
    return rows;
  }

  /** The naive reference: hash leaves, then pairs, level by level. */
  private static Digest naiveRoot(long[][] rows) {
    List<byte[]> level = new ArrayList<>();
    for (long[] row : rows) {
      ByteBuffer b = ByteBuffer.allocate(1 + 8 * row.length).put((byte) 0);
      for (long v : row) {
        b.putLong(v);
      }
      level.add(Hashes.sha256().digest(b.array()));
    }
    while (level.size() > 1) {
      List<byte[]> next = new ArrayList<>();
      for (int i = 0; i < level.size(); i += 2) {
        MessageDigest md = Hashes.sha256();
        md.update((byte) 1);
        md.update(level.get(i));
        md.update(level.get(i + 1));
        next.add(md.digest());
      }
      level = next;
    }
    return Digest.of(level.get(0));
  }

  private static MerkleTree tree(long[][] rows) {
    return MerkleTree.commit(
        rows.length,
        rows[0].length,
        (i, out) -> System.arraycopy(rows[i], 0, out, 0, out.length),
        null);
  }

  @Test
  void rootMatchesNaiveRecomputationForEverySizeSeed31() {
    for (int log = 0; log <= 8; log++) {
      long[][] rows = rows(1 << log, 3, 31L + log);
      assertThat(tree(rows).root()).as("2^%d leaves", log).isEqualTo(naiveRoot(rows));
    }
    long[][] big = rows(1 << 13, 2, 32L);
    ForkJoinPool pool = new ForkJoinPool(2);
    try {
      MerkleTree parallel =
          MerkleTree.commit(
              big.length, 2, (i, out) -> System.arraycopy(big[i], 0, out, 0, 2), pool);
      assertThat(parallel.root()).isEqualTo(naiveRoot(big));
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void batchOpeningsOfRandomSubsetsVerifySeed37() throws Exception {
    SplittableRandom rnd = new SplittableRandom(37L);
    long[][] rows = rows(256, 4, 37L);
    MerkleTree tree = tree(rows);
    for (int trial = 0; trial < 200; trial++) {
      TreeSet<Integer> set = new TreeSet<>();
      int k = 1 + rnd.nextInt(40);
      while (set.size() < k) {
        set.add(rnd.nextInt(256));
      }
      int[] indices = set.stream().mapToInt(Integer::intValue).toArray();
      long[][] opened = new long[indices.length][];
      for (int i = 0; i < indices.length; i++) {
        opened[i] = rows[indices[i]].clone();
      }
      List<Digest> proof = tree.open(indices);
      assertThat(proof.size()).isLessThanOrEqualTo(8 * indices.length);
      MerkleTree.verify(tree.root(), 256, indices, opened, proof);

      // A changed value, a shifted index, a dropped or an extra node: each is rejected.
      long[][] tampered = opened.clone();
      tampered[0] = opened[0].clone();
      tampered[0][1] ^= 1;
      assertThatThrownBy(() -> MerkleTree.verify(tree.root(), 256, indices, tampered, proof))
          .isInstanceOf(VerificationException.class);
      if (!proof.isEmpty()) {
        List<Digest> shorter = proof.subList(0, proof.size() - 1);
        assertThatThrownBy(() -> MerkleTree.verify(tree.root(), 256, indices, opened, shorter))
            .isInstanceOf(VerificationException.class);
      }
      List<Digest> longer = new ArrayList<>(proof);
      longer.add(tree.root());
      assertThatThrownBy(() -> MerkleTree.verify(tree.root(), 256, indices, opened, longer))
          .isInstanceOf(VerificationException.class)
          .hasMessageContaining("extra nodes");
      int last = indices[indices.length - 1];
      if (last < 255) {
        int[] moved = indices.clone();
        moved[moved.length - 1] = last + 1;
        assertThatThrownBy(() -> MerkleTree.verify(tree.root(), 256, moved, opened, proof))
            .isInstanceOf(VerificationException.class);
      }
    }
  }

  @Test
  void openingEveryLeafNeedsNoNodesAndSingleLeafTreesWork() {
    long[][] rows = rows(16, 1, 41L);
    MerkleTree tree = tree(rows);
    int[] all = new int[16];
    for (int i = 0; i < 16; i++) {
      all[i] = i;
    }
    assertThat(tree.open(all)).isEmpty();
    assertThatCode(() -> MerkleTree.verify(tree.root(), 16, all, rows, List.of()))
        .doesNotThrowAnyException();
    long[][] one = rows(1, 2, 43L);
    MerkleTree single = tree(one);
    assertThat(single.open(new int[] {0})).isEmpty();
    assertThatCode(() -> MerkleTree.verify(single.root(), 1, new int[] {0}, one, List.of()))
        .doesNotThrowAnyException();
  }

  @Test
  void rejectsUnsortedOrOutOfRangeIndices() {
    MerkleTree tree = tree(rows(8, 1, 47L));
    assertThatThrownBy(() -> tree.open(new int[] {3, 1})).hasMessageContaining("ascending");
    assertThatThrownBy(() -> tree.open(new int[] {8})).hasMessageContaining("in range");
  }
}
