package dev.proofofcompute.translog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.merkle.MerkleHashes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactRangeTest {

  private static Digest leaf(int i) {
    return Digest.sha256(new byte[] {(byte) i, (byte) (i >> 8)});
  }

  @Test
  void rootAndCompletedSubtreesMatchTheNaiveTreeForEverySizeUpTo300() {
    List<byte[]> leaves = new ArrayList<>();
    CompactRange range = CompactRange.empty();
    assertThat(range.root()).isEqualTo(MerkleHashes.EMPTY_ROOT);
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      leaves.add(leaf(i).toByteArray());
      range.append(
          leaf(i),
          (address, hash) -> {
            byte[] expected =
                NaiveRfc6962.mth(leaves, (int) address.firstLeaf(), (int) address.endLeaf());
            if (!Digest.of(expected).equals(hash) || address.endLeaf() != leaves.size()) {
              wrong.add("node " + address);
            }
          });
      if (!Digest.of(NaiveRfc6962.mth(leaves, 0, i + 1)).equals(range.root())) {
        wrong.add("root " + (i + 1));
      }
      assertThat(range.hashes()).hasSize(Long.bitCount(i + 1));
    }
    NaiveRfc6962.forget(leaves);
    assertThat(wrong).isEmpty();
  }

  @Test
  void copyIsIndependentAndOfRestoresARange() {
    CompactRange range = CompactRange.empty();
    for (int i = 0; i < 13; i++) {
      range.append(leaf(i));
    }
    CompactRange copy = range.copy();
    copy.append(leaf(13));
    assertThat(range.size()).isEqualTo(13);
    assertThat(copy.size()).isEqualTo(14);
    CompactRange restored = CompactRange.of(13, range.hashes());
    assertThat(restored.root()).isEqualTo(range.root());
    assertThatThrownBy(() -> CompactRange.of(13, range.hashes().subList(0, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 3 hashes");
    assertThatThrownBy(() -> CompactRange.of(-1, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
