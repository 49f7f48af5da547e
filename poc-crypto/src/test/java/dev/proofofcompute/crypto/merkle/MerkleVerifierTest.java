package dev.proofofcompute.crypto.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The published vectors must verify and every tampered variant must not. The probes follow
 * transparency-dev/merkle {@code proof/verify_test.go} ({@code corruptInclusionProof}, {@code
 * corruptConsistencyProof}); the mutation tests flip every bit of every byte of the encoded proof,
 * the root and the leaf. Each test collects the accepted forgeries and asserts there are none.
 */
class MerkleVerifierTest {
  private static final Digest SOME_HASH =
      Digest.fromHex("abacaba000000000000000000000000000000000000000000060061e00123456");
  private static final Digest EMPTY = Rfc6962Vectors.ROOTS.get(0);

  private static Digest root(int n) {
    return Rfc6962Vectors.ROOTS.get(n);
  }

  private static Digest leaf(int i) {
    return MerkleHashes.leafHash(Rfc6962Vectors.LEAVES.get(i));
  }

  /** transparency-dev/merkle proof/verify_test.go: the known-good inclusion proofs verify. */
  @Test
  void referenceInclusionProofsVerify() {
    for (Rfc6962Vectors.Inclusion v : Rfc6962Vectors.INCLUSION) {
      InclusionProof proof = new InclusionProof(v.index(), v.size(), v.path());
      assertThatCode(() ->
              MerkleVerifier.verifyInclusion(
                  leaf(v.index()), v.index(), v.size(), root(v.size()), proof))
          .as("leaf %d of %d", v.index(), v.size())
          .doesNotThrowAnyException();
    }
  }

  /** transparency-dev/merkle proof/verify_test.go: the known-good consistency proofs verify. */
  @Test
  void referenceConsistencyProofsVerify() {
    for (Rfc6962Vectors.Consistency v : Rfc6962Vectors.CONSISTENCY) {
      ConsistencyProof proof = new ConsistencyProof(v.oldSize(), v.newSize(), v.path());
      assertThatCode(
              () -> MerkleVerifier.verifyConsistency(root(v.oldSize()), root(v.newSize()), proof))
          .as("%d -> %d", v.oldSize(), v.newSize())
          .doesNotThrowAnyException();
    }
  }

  /** The probes of transparency-dev/merkle {@code corruptInclusionProof}, on every vector. */
  @Test
  void corruptedReferenceInclusionProofsAreRejected() {
    List<String> accepted = new ArrayList<>();
    for (Rfc6962Vectors.Inclusion v : Rfc6962Vectors.INCLUSION) {
      long i = v.index();
      long n = v.size();
      Digest r = root(v.size());
      Digest l = leaf(v.index());
      List<Digest> p = v.path();
      String at = "leaf " + i + " of " + n + ": ";
      expectInclusionRejected(accepted, at + "index - 1", l, i - 1, n, r, p);
      expectInclusionRejected(accepted, at + "index + 1", l, i + 1, n, r, p);
      expectInclusionRejected(accepted, at + "index ^ 2", l, i ^ 2, n, r, p);
      expectInclusionRejected(accepted, at + "size * 2", l, i, n * 2, r, p);
      expectInclusionRejected(accepted, at + "size / 2", l, i, n / 2, r, p);
      expectInclusionRejected(accepted, at + "wrong leaf", SOME_HASH, i, n, r, p);
      expectInclusionRejected(accepted, at + "empty root", l, i, n, EMPTY, p);
      expectInclusionRejected(accepted, at + "random root", l, i, n, SOME_HASH, p);
      expectInclusionRejected(accepted, at + "trailing root", l, i, n, r, with(p, p.size(), r));
      expectInclusionRejected(accepted, at + "preceding root", l, i, n, r, with(p, 0, r));
      for (int k = 0; k < p.size(); k++) {
        expectInclusionRejected(accepted, at + "bit 3 of [" + k + "]", l, i, n, r, flip(p, k, 3));
      }
      if (!p.isEmpty()) {
        expectInclusionRejected(
            accepted, at + "removed last", l, i, n, r, p.subList(0, p.size() - 1));
      }
      if (p.size() > 1) {
        expectInclusionRejected(accepted, at + "inserted", l, i, n, r, with(p, 1, SOME_HASH));
      }
    }
    assertThat(accepted).as("forged inclusion proofs that verified").isEmpty();
  }

  /** The probes of transparency-dev/merkle {@code corruptConsistencyProof}, on every vector. */
  @Test
  void corruptedReferenceConsistencyProofsAreRejected() {
    List<String> accepted = new ArrayList<>();
    for (Rfc6962Vectors.Consistency v : Rfc6962Vectors.CONSISTENCY) {
      if (v.path().isEmpty()) {
        continue;
      }
      long m = v.oldSize();
      long n = v.newSize();
      Digest r1 = root(v.oldSize());
      Digest r2 = root(v.newSize());
      List<Digest> p = v.path();
      String at = m + " -> " + n + ": ";
      expectConsistencyRejected(accepted, at + "old - 1", m - 1, r1, n, r2, p);
      expectConsistencyRejected(accepted, at + "old + 1", m + 1, r1, n, r2, p);
      expectConsistencyRejected(accepted, at + "old ^ 2", m ^ 2, r1, n, r2, p);
      expectConsistencyRejected(accepted, at + "new * 2", m, r1, n * 2, r2, p);
      expectConsistencyRejected(accepted, at + "new / 2", m, r1, n / 2, r2, p);
      expectConsistencyRejected(accepted, at + "wrong old root", m, SOME_HASH, n, r2, p);
      expectConsistencyRejected(accepted, at + "wrong new root", m, r1, n, SOME_HASH, p);
      expectConsistencyRejected(accepted, at + "swapped roots", m, r2, n, r1, p);
      expectConsistencyRejected(accepted, at + "empty proof", m, r1, n, r2, List.of());
      expectConsistencyRejected(accepted, at + "trailing old", m, r1, n, r2, with(p, p.size(), r1));
      expectConsistencyRejected(accepted, at + "trailing new", m, r1, n, r2, with(p, p.size(), r2));
      expectConsistencyRejected(accepted, at + "preceding old", m, r1, n, r2, with(p, 0, r1));
      expectConsistencyRejected(accepted, at + "preceding new", m, r1, n, r2, with(p, 0, r2));
      expectConsistencyRejected(accepted, at + "preceding [0]", m, r1, n, r2, with(p, 0, p.get(0)));
      expectConsistencyRejected(
          accepted, at + "truncated", m, r1, n, r2, p.subList(0, p.size() - 1));
      for (int k = 0; k < p.size(); k++) {
        expectConsistencyRejected(
            accepted, at + "bit 4 of [" + k + "]", m, r1, n, r2, flip(p, k, 4));
      }
    }
    assertThat(accepted).as("forged consistency proofs that verified").isEmpty();
  }

  /** The trivial sizes of transparency-dev/merkle {@code TestVerifyConsistency}, made strict. */
  @Test
  void trivialConsistencyCases() {
    Digest r1 = root(1);
    Digest r3 = root(3);
    assertThatCode(() -> consistency(0, EMPTY, 0, EMPTY, List.of())).doesNotThrowAnyException();
    assertThatCode(() -> consistency(0, EMPTY, 3, r3, List.of())).doesNotThrowAnyException();
    assertThatCode(() -> consistency(3, r3, 3, r3, List.of())).doesNotThrowAnyException();
    assertThatThrownBy(() -> consistency(0, r1, 3, r3, List.of()))
        .hasMessageContaining("empty-tree root");
    assertThatThrownBy(() -> consistency(3, r3, 3, r1, List.of()))
        .hasMessageContaining("different roots");
    assertThatThrownBy(() -> consistency(3, r3, 3, r3, List.of(EMPTY)))
        .hasMessageContaining("must be empty");
    assertThatThrownBy(() -> consistency(0, EMPTY, 1, r1, List.of(EMPTY)))
        .hasMessageContaining("must be empty");
    assertThatThrownBy(() -> consistency(3, r3, 1, r1, List.of()))
        .hasMessageContaining("sizes inconsistent");
    assertThatThrownBy(() -> consistency(1, r1, 2, root(2), List.of()))
        .hasMessageContaining("empty path");
  }

  @Test
  void inclusionReasonsNameTheProblem() {
    Rfc6962Vectors.Inclusion v = Rfc6962Vectors.INCLUSION.get(1); // leaf 0 of 8
    Digest l = leaf(0);
    assertThatThrownBy(
            () -> MerkleVerifier.verifyInclusion(l, new InclusionProof(8, 8, v.path()), root(8)))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() ->
            MerkleVerifier.verifyInclusion(
                l, new InclusionProof(0, 8, v.path().subList(0, 2)), root(8)))
        .hasMessageContaining("too short");
    assertThatThrownBy(() ->
            MerkleVerifier.verifyInclusion(
                l, new InclusionProof(0, 8, with(v.path(), 3, SOME_HASH)), root(8)))
        .hasMessageContaining("too long");
    assertThatThrownBy(
            () -> MerkleVerifier.verifyInclusion(l, new InclusionProof(0, 8, v.path()), root(7)))
        .hasMessageContaining("root differs");
    assertThatThrownBy(() ->
            MerkleVerifier.verifyInclusion(l, 0, 7, root(8), new InclusionProof(0, 8, v.path())))
        .hasMessageContaining("expected leaf 0 of 7");
  }

  /**
   * Seed 17: for every tree of 1..8 leaves, every leaf, every bit of every byte of the encoded
   * inclusion proof, of the root and of the leaf hash and data is flipped in turn; each variant
   * must fail to parse or fail to verify against the trusted (index, size, root).
   */
  @Test
  void everySingleBitMutationOfInclusionIsRejectedSeed17() throws Exception {
    List<byte[]> data = NaiveMerkle.randomLeaves(new Random(17), 8, 6);
    List<String> accepted = new ArrayList<>();
    for (int n = 1; n <= 8; n++) {
      MerkleTree tree = MerkleTree.ofLeaves(data.subList(0, n).stream().map(Bytes::of).toList());
      Digest root = tree.root();
      for (int i = 0; i < n; i++) {
        InclusionProof proof = tree.inclusionProof(i);
        Digest leafHash = tree.leafHash(i);
        MerkleVerifier.verifyInclusion(leafHash, i, n, root, proof);
        byte[] enc = proof.toBytes().toByteArray();
        for (int b = 0; b < enc.length * 8; b++) {
          if (inclusionAccepts(leafHash, i, n, root, flipBit(enc, b))) {
            accepted.add("proof bit " + b + " of leaf " + i + " of " + n);
          }
        }
        for (int b = 0; b < 256; b++) {
          Digest badRoot = Digest.of(flipBit(root.toByteArray(), b));
          Digest badLeaf = Digest.of(flipBit(leafHash.toByteArray(), b));
          if (inclusionAccepts(leafHash, i, n, badRoot, proof.toBytes().toByteArray())) {
            accepted.add("root bit " + b + " of leaf " + i + " of " + n);
          }
          if (inclusionAccepts(badLeaf, i, n, root, proof.toBytes().toByteArray())) {
            accepted.add("leaf hash bit " + b + " of leaf " + i + " of " + n);
          }
        }
        byte[] leafData = data.get(i);
        for (int b = 0; b < leafData.length * 8; b++) {
          Digest mutated = MerkleHashes.leafHash(Bytes.of(flipBit(leafData, b)));
          if (inclusionAccepts(mutated, i, n, root, proof.toBytes().toByteArray())) {
            accepted.add("leaf data bit " + b + " of leaf " + i + " of " + n);
          }
        }
        byte[] truncated = java.util.Arrays.copyOf(enc, enc.length - 1);
        byte[] extended = java.util.Arrays.copyOf(enc, enc.length + 32);
        if (inclusionAccepts(leafHash, i, n, root, truncated)
            || inclusionAccepts(leafHash, i, n, root, extended)) {
          accepted.add("truncated or extended proof of leaf " + i + " of " + n);
        }
      }
    }
    assertThat(accepted).as("mutations that were accepted").isEmpty();
  }

  /** Seed 18: every bit of every encoded consistency proof between sizes 1..9. */
  @Test
  void everySingleBitMutationOfConsistencyIsRejectedSeed18() throws Exception {
    List<byte[]> data = NaiveMerkle.randomLeaves(new Random(18), 9, 6);
    MerkleTree tree = MerkleTree.ofLeaves(data.stream().map(Bytes::of).toList());
    List<String> accepted = new ArrayList<>();
    for (int n = 2; n <= 9; n++) {
      MerkleTree big = MerkleTree.ofLeaves(data.subList(0, n).stream().map(Bytes::of).toList());
      for (int m = 1; m < n; m++) {
        Digest oldRoot = tree.root(m);
        Digest newRoot = tree.root(n);
        byte[] enc = big.consistencyProof(m).toBytes().toByteArray();
        MerkleVerifier.verifyConsistency(
            m, oldRoot, n, newRoot, ConsistencyProof.parse(Bytes.of(enc)));
        for (int b = 0; b < enc.length * 8; b++) {
          if (consistencyAccepts(m, oldRoot, n, newRoot, flipBit(enc, b))) {
            accepted.add("proof bit " + b + " of " + m + " -> " + n);
          }
        }
        for (int b = 0; b < 256; b++) {
          Digest badOld = Digest.of(flipBit(oldRoot.toByteArray(), b));
          Digest badNew = Digest.of(flipBit(newRoot.toByteArray(), b));
          if (consistencyAccepts(m, badOld, n, newRoot, enc)
              || consistencyAccepts(m, oldRoot, n, badNew, enc)) {
            accepted.add("root bit " + b + " of " + m + " -> " + n);
          }
        }
        if (consistencyAccepts(m, oldRoot, n, newRoot, java.util.Arrays.copyOf(enc, enc.length - 1))
            || consistencyAccepts(
                m, oldRoot, n, newRoot, java.util.Arrays.copyOf(enc, enc.length + 32))) {
          accepted.add("truncated or extended proof " + m + " -> " + n);
        }
      }
    }
    assertThat(accepted).as("mutations that were accepted").isEmpty();
  }

  /** Seed 19: every bit of encoded batch proofs for random subsets of trees of 1..12 leaves. */
  @Test
  void everySingleBitMutationOfMultiProofIsRejectedSeed19() throws Exception {
    Random random = new Random(19);
    List<byte[]> data = NaiveMerkle.randomLeaves(random, 12, 6);
    List<String> accepted = new ArrayList<>();
    for (int n = 1; n <= 12; n++) {
      MerkleTree tree = MerkleTree.ofLeaves(data.subList(0, n).stream().map(Bytes::of).toList());
      Digest root = tree.root();
      for (int trial = 0; trial < 3; trial++) {
        List<Long> indices =
            random.longs(0, n).distinct().limit(1 + random.nextInt(n)).sorted().boxed().toList();
        List<Digest> leaves = indices.stream().map(i -> tree.leafHash(i.intValue())).toList();
        byte[] enc = tree.multiProof(indices).toBytes().toByteArray();
        MerkleVerifier.verifyMulti(indices, leaves, n, root, MultiProof.parse(Bytes.of(enc)));
        for (int b = 0; b < enc.length * 8; b++) {
          if (multiAccepts(indices, leaves, n, root, flipBit(enc, b))) {
            accepted.add("proof bit " + b + " of " + indices + " in " + n);
          }
        }
        for (int k = 0; k < leaves.size(); k++) {
          for (int b = 0; b < 256; b += 7) {
            List<Digest> bad = new ArrayList<>(leaves);
            bad.set(k, Digest.of(flipBit(leaves.get(k).toByteArray(), b)));
            if (multiAccepts(indices, bad, n, root, enc)) {
              accepted.add("leaf " + k + " bit " + b + " of " + indices + " in " + n);
            }
          }
        }
        for (int b = 0; b < 256; b++) {
          if (multiAccepts(indices, leaves, n, Digest.of(flipBit(root.toByteArray(), b)), enc)) {
            accepted.add("root bit " + b + " of " + indices + " in " + n);
          }
        }
        if (multiAccepts(indices, leaves, n, root, java.util.Arrays.copyOf(enc, enc.length - 1))) {
          accepted.add("truncated proof of " + indices + " in " + n);
        }
        if (leaves.size() > 1
            && multiAccepts(indices, leaves.reversed(), n, root, enc)
            && !leaves.equals(leaves.reversed())) {
          accepted.add("leaves out of order for " + indices + " in " + n);
        }
      }
    }
    assertThat(accepted).as("mutations that were accepted").isEmpty();
  }

  @Test
  void multiProofWithExtraOrMissingHashesIsRejected() throws VerificationException {
    MerkleTree tree = MerkleTree.ofLeaves(Rfc6962Vectors.LEAVES);
    List<Long> indices = List.of(1L, 6L);
    List<Digest> leaves = List.of(tree.leafHash(1), tree.leafHash(6));
    MultiProof good = tree.multiProof(indices);
    MerkleVerifier.verifyMulti(leaves, good, tree.root());
    MultiProof extra = new MultiProof(8, indices, with(good.hashes(), good.hashes().size(), EMPTY));
    MultiProof missing =
        new MultiProof(8, indices, good.hashes().subList(0, good.hashes().size() - 1));
    assertThatThrownBy(() -> MerkleVerifier.verifyMulti(leaves, extra, tree.root()))
        .hasMessageContaining("unused");
    assertThatThrownBy(() -> MerkleVerifier.verifyMulti(leaves, missing, tree.root()))
        .hasMessageContaining("too few");
    assertThatThrownBy(() -> MerkleVerifier.verifyMulti(leaves.subList(0, 1), good, tree.root()))
        .hasMessageContaining("1 leaf hashes for 2 indices");
    MultiProof outOfRange = new MultiProof(8, List.of(1L, 8L), good.hashes());
    assertThatThrownBy(() -> MerkleVerifier.verifyMulti(leaves, outOfRange, tree.root()))
        .hasMessageContaining("out of range");
    assertThatThrownBy(
            () -> MerkleVerifier.verifyMulti(List.of(1L, 5L), leaves, 8, tree.root(), good))
        .hasMessageContaining("other indices");
  }

  private static boolean inclusionAccepts(Digest leaf, long i, long n, Digest root, byte[] enc) {
    try {
      MerkleVerifier.verifyInclusion(leaf, i, n, root, InclusionProof.parse(Bytes.of(enc)));
      return true;
    } catch (DecodingException | VerificationException e) {
      return false;
    }
  }

  private static boolean consistencyAccepts(
      long m, Digest oldRoot, long n, Digest newRoot, byte[] enc) {
    try {
      MerkleVerifier.verifyConsistency(
          m, oldRoot, n, newRoot, ConsistencyProof.parse(Bytes.of(enc)));
      return true;
    } catch (DecodingException | VerificationException e) {
      return false;
    }
  }

  private static boolean multiAccepts(
      List<Long> indices, List<Digest> leaves, long n, Digest root, byte[] enc) {
    try {
      MerkleVerifier.verifyMulti(indices, leaves, n, root, MultiProof.parse(Bytes.of(enc)));
      return true;
    } catch (DecodingException | VerificationException e) {
      return false;
    }
  }

  private static void consistency(long m, Digest oldRoot, long n, Digest newRoot, List<Digest> path)
      throws VerificationException {
    MerkleVerifier.verifyConsistency(m, oldRoot, n, newRoot, new ConsistencyProof(m, n, path));
  }

  private static void expectInclusionRejected(
      List<String> accepted,
      String what,
      Digest leaf,
      long i,
      long n,
      Digest root,
      List<Digest> p) {
    if (i < 0 || n < 0) {
      return; // not representable: the record refuses negative values
    }
    try {
      MerkleVerifier.verifyInclusion(leaf, new InclusionProof(i, n, p), root);
      accepted.add(what);
    } catch (VerificationException expected) {
      // rejected, as it must be
    }
  }

  private static void expectConsistencyRejected(
      List<String> accepted,
      String what,
      long m,
      Digest oldRoot,
      long n,
      Digest newRoot,
      List<Digest> p) {
    try {
      MerkleVerifier.verifyConsistency(oldRoot, newRoot, new ConsistencyProof(m, n, p));
      accepted.add(what);
    } catch (VerificationException expected) {
      // rejected, as it must be
    }
  }

  private static List<Digest> with(List<Digest> path, int at, Digest extra) {
    List<Digest> out = new ArrayList<>(path);
    out.add(at, extra);
    return out;
  }

  private static List<Digest> flip(List<Digest> path, int k, int bit) {
    List<Digest> out = new ArrayList<>(path);
    byte[] b = out.get(k).toByteArray();
    b[0] ^= (byte) (1 << bit);
    out.set(k, Digest.of(b));
    return out;
  }

  private static byte[] flipBit(byte[] in, int bit) {
    byte[] out = in.clone();
    out[bit / 8] ^= (byte) (1 << (bit % 8));
    return out;
  }
}
