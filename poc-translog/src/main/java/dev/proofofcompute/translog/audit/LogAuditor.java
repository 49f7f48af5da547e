package dev.proofofcompute.translog.audit;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.identity.NodePublicKey;
import dev.proofofcompute.crypto.merkle.ConsistencyProof;
import dev.proofofcompute.crypto.merkle.InclusionProof;
import dev.proofofcompute.crypto.merkle.MerkleHashes;
import dev.proofofcompute.crypto.merkle.MerkleVerifier;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.translog.CompactRange;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.SignedTreeHead;
import dev.proofofcompute.translog.TreeRanges;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Audits a transparency log without trusting whoever serves it: the pure core of {@code poc audit}.
 * Reports every discrepancy it finds, named, and never stops at the first.
 *
 * <p>What it checks, in order:
 *
 * <ol>
 *   <li><b>Tree heads.</b> Every head's signature by the coordinator key ({@link
 *       DiscrepancyKind#BAD_TREE_HEAD}); heads observed in order never shrink, and the log never
 *       shows less than the saved {@link AuditState} ({@link DiscrepancyKind#ROLLBACK}); heads of
 *       one size agree, and the log's consistency proof (RFC 9162 §2.1.4) links each head to the
 *       next larger one, including the saved one ({@link DiscrepancyKind#INCONSISTENT_HEAD}).
 *   <li><b>Entries.</b> All entries of the largest valid head are read in ranges; their leaf hashes
 *       are folded into a {@link CompactRange} and the root is compared with every head on the way
 *       ({@link DiscrepancyKind#ROOT_MISMATCH}); each entry is decoded ({@link
 *       DiscrepancyKind#MALFORMED_ENTRY}) and passed to the entry checks: signatures ({@link
 *       SignatureCheck}), replayed requests ({@link ReplayCheck}), beacon commit-reveal ({@link
 *       RandomnessCheck}) and any pluggable {@link EntryCheck}.
 *   <li><b>Sampled inclusion.</b> The log's inclusion proofs of a random sample of entries must
 *       verify against the head ({@link DiscrepancyKind#INCLUSION_FAILED}).
 *   <li><b>Localisation.</b> When the entries do not reproduce a head's root, the auditor finds the
 *       first entry that differs with O(log n) inclusion proofs: at each node of the tree it proves
 *       a leaf next to the split, which authenticates the committed hash of the left child (a
 *       sibling on the path, or the path's own fold), and descends into the left child if that
 *       differs from the local one, else into the right. It then names the difference: an entry the
 *       head commits to elsewhere and whose place is taken by the other ({@link
 *       DiscrepancyKind#REORDERED}), entries that are skipped ({@link
 *       DiscrepancyKind#MISSING_ENTRY}), or an entry the head does not contain ({@link
 *       DiscrepancyKind#EDITED_ENTRY}); the committed leaf, when a proof authenticates it, is put
 *       in its place and the search goes on, up to {@link Builder#maxLocated} findings.
 * </ol>
 *
 * <p>Not thread-safe per audit; one {@code LogAuditor} may run audits one after another (entry
 * checks are created fresh for each).
 */
public final class LogAuditor {
  private final List<NodePublicKey> coordinatorKeys;
  private final RandomSource random;
  private final int sampleCount;
  private final int fetchBatch;
  private final int maxLocated;
  private final List<Supplier<? extends EntryCheck>> checks;

  private LogAuditor(Builder b) {
    this.coordinatorKeys = b.coordinatorKeys;
    this.random = b.random;
    this.sampleCount = b.sampleCount;
    this.fetchBatch = b.fetchBatch;
    this.maxLocated = b.maxLocated;
    this.checks = List.copyOf(b.checks);
  }

  /**
   * A builder for an auditor trusting {@code coordinatorKey} for tree heads and coordinator
   * entries, drawing its inclusion samples from {@code random}.
   */
  public static Builder builder(NodePublicKey coordinatorKey, RandomSource random) {
    return new Builder(List.of(coordinatorKey), random);
  }

  /**
   * A builder for an auditor trusting each of {@code coordinatorKeys} for tree heads and
   * coordinator entries: the keys of several coordinators that keep one log on a shared database,
   * each signing its own entries and heads (docs/translog.md, "Several coordinators"). A head must
   * verify with the pinned key its {@code key} field names.
   *
   * @throws IllegalArgumentException when no key is given
   */
  public static Builder builder(Collection<NodePublicKey> coordinatorKeys, RandomSource random) {
    if (coordinatorKeys.isEmpty()) {
      throw new IllegalArgumentException("an auditor needs at least one coordinator key");
    }
    return new Builder(List.copyOf(new LinkedHashSet<>(coordinatorKeys)), random);
  }

  /** Verifies {@code head} with the pinned key it names (or the first one, which then fails). */
  private void verifyHead(SignedTreeHead head) throws VerificationException {
    NodePublicKey key = coordinatorKeys.get(0);
    for (NodePublicKey k : coordinatorKeys) {
      if (k.nodeId().equals(head.keyId())) {
        key = k;
      }
    }
    head.verify(key);
  }

  /** Audits with no saved state (a first audit). */
  public AuditReport audit(LogSource source, List<SignedTreeHead> heads) {
    return audit(source, heads, null);
  }

  /**
   * Audits the log {@code source} serves against the {@code heads} observed (in the order they were
   * observed, typically the latest last) and the state saved by the previous audit.
   */
  public AuditReport audit(
      LogSource source, List<SignedTreeHead> heads, @Nullable AuditState previous) {
    return new Run(source, previous).run(heads);
  }

  /** One audit's working state. */
  private final class Run {
    private final LogSource source;
    private final @Nullable AuditState previous;
    private final List<Discrepancy> found = new ArrayList<>();
    private final Consumer<Discrepancy> report = found::add;

    /** Leaf hashes of the entries served, packed; corrected in place by localisation. */
    private byte[] leaves = new byte[0];

    private long served;

    Run(LogSource source, @Nullable AuditState previous) {
      this.source = source;
      this.previous = previous;
    }

    AuditReport run(List<SignedTreeHead> observed) {
      List<SignedTreeHead> valid = new ArrayList<>();
      for (SignedTreeHead head : observed) {
        try {
          verifyHead(head);
          valid.add(head);
        } catch (VerificationException e) {
          report.accept(headDiscrepancy(DiscrepancyKind.BAD_TREE_HEAD, head, reason(e)));
        }
      }
      SignedTreeHead saved = null;
      if (previous != null) {
        try {
          verifyHead(previous.head());
          saved = previous.head();
        } catch (VerificationException e) {
          report.accept(
              new Discrepancy(
                  DiscrepancyKind.BAD_TREE_HEAD,
                  "saved audit state",
                  "the saved head does not verify: " + e.getMessage()));
        }
      }
      if (valid.isEmpty()) {
        report.accept(
            new Discrepancy(
                DiscrepancyKind.NO_TREE_HEAD,
                "tree heads",
                observed.isEmpty()
                    ? "no tree head was given"
                    : "none of the " + observed.size() + " tree heads verifies"));
        return new AuditReport(found, 0, null, previous);
      }
      boolean headsConsistent = checkHeads(valid, saved);
      SignedTreeHead target =
          valid.stream().max(Comparator.comparingLong(SignedTreeHead::treeSize)).orElseThrow();
      List<SignedTreeHead> checkpoints = new ArrayList<>(valid);
      if (saved != null && saved.treeSize() <= target.treeSize()) {
        checkpoints.add(saved);
      }
      auditEntries(target, checkpoints);
      AuditState next = headsConsistent ? new AuditState(target) : previous;
      return new AuditReport(found, served, target, next);
    }

    // --- 1. tree heads ---

    /** Returns whether the heads (and the saved one) are consistent with one another. */
    private boolean checkHeads(List<SignedTreeHead> valid, @Nullable SignedTreeHead saved) {
      int before = found.size();
      for (int i = 1; i < valid.size(); i++) {
        SignedTreeHead earlier = valid.get(i - 1);
        SignedTreeHead later = valid.get(i);
        if (later.treeSize() < earlier.treeSize()) {
          report.accept(
              headDiscrepancy(
                  DiscrepancyKind.ROLLBACK,
                  later,
                  "observed after a head of size " + earlier.treeSize()));
        }
      }
      SignedTreeHead latest = valid.get(valid.size() - 1);
      if (saved != null && latest.treeSize() < saved.treeSize()) {
        report.accept(
            headDiscrepancy(
                DiscrepancyKind.ROLLBACK,
                latest,
                "the log now shows "
                    + latest.treeSize()
                    + " entries; a previous audit saw a signed head of "
                    + saved.treeSize()));
      }
      long servedSize = valid.stream().mapToLong(SignedTreeHead::treeSize).max().orElseThrow();
      TreeMap<Long, SignedTreeHead> bySize = new TreeMap<>();
      List<SignedTreeHead> all = new ArrayList<>(valid);
      if (saved != null) {
        all.add(saved);
      }
      for (SignedTreeHead head : all) {
        SignedTreeHead same = bySize.putIfAbsent(head.treeSize(), head);
        if (same != null && !same.rootHash().equals(head.rootHash())) {
          report.accept(
              headDiscrepancy(
                  DiscrepancyKind.INCONSISTENT_HEAD,
                  head,
                  "two signed heads of this size have different roots ("
                      + same.rootHash().toHex().substring(0, 16)
                      + "... and "
                      + head.rootHash().toHex().substring(0, 16)
                      + "...): the log was forked or rewritten"));
        }
      }
      SignedTreeHead prev = null;
      for (SignedTreeHead head : bySize.values()) {
        if (head.treeSize() > servedSize) {
          break; // a saved head beyond what the log shows: the ROLLBACK above
        }
        if (prev != null) {
          checkConsistency(prev, head);
        }
        prev = head;
      }
      return found.subList(before, found.size()).stream()
          .noneMatch(d ->
              d.kind().equals(DiscrepancyKind.ROLLBACK)
                  || d.kind().equals(DiscrepancyKind.INCONSISTENT_HEAD));
    }

    private void checkConsistency(SignedTreeHead older, SignedTreeHead newer) {
      ConsistencyProof proof;
      try {
        proof = source.consistencyProof(older.treeSize(), newer.treeSize());
      } catch (LogSourceException e) {
        report.accept(
            headDiscrepancy(
                DiscrepancyKind.SOURCE_ERROR,
                newer,
                "no consistency proof from size " + older.treeSize() + ": " + e.getMessage()));
        return;
      }
      try {
        MerkleVerifier.verifyConsistency(
            older.treeSize(), older.rootHash(), newer.treeSize(), newer.rootHash(), proof);
      } catch (VerificationException e) {
        report.accept(
            headDiscrepancy(
                DiscrepancyKind.INCONSISTENT_HEAD,
                newer,
                "not an extension of the signed head of size "
                    + older.treeSize()
                    + " (history rewritten): "
                    + e.getMessage()));
      }
    }

    // --- 2. entries ---

    private void auditEntries(SignedTreeHead target, List<SignedTreeHead> checkpoints) {
      long size = target.treeSize();
      if (size > Integer.MAX_VALUE / Digest.LENGTH) {
        report.accept(
            headDiscrepancy(
                DiscrepancyKind.SOURCE_ERROR,
                target,
                "a log of " + size + " entries is beyond what one audit holds in memory"));
        return;
      }
      leaves = new byte[(int) size * Digest.LENGTH];
      TreeMap<Long, List<SignedTreeHead>> atSize = new TreeMap<>();
      for (SignedTreeHead head : checkpoints) {
        atSize.computeIfAbsent(head.treeSize(), s -> new ArrayList<>()).add(head);
      }
      List<EntryCheck> active = new ArrayList<>();
      active.add(new SignatureCheck(coordinatorKeys));
      active.add(new ReplayCheck());
      active.add(new RandomnessCheck());
      for (Supplier<? extends EntryCheck> factory : checks) {
        active.add(factory.get());
      }
      CompactRange range = CompactRange.empty();
      Set<Long> mismatched = new HashSet<>();
      List<SignedTreeHead> mismatchedHeads = new ArrayList<>();
      checkRootsAt(0, range, atSize, mismatchedHeads, mismatched);
      while (served < size) {
        long end = Math.min(size, served + fetchBatch);
        List<Bytes> batch;
        try {
          batch = source.entries(served, end);
        } catch (LogSourceException e) {
          report.accept(
              new Discrepancy(
                  DiscrepancyKind.SOURCE_ERROR,
                  "entries from " + served,
                  "the log did not serve entries: " + e.getMessage()));
          break;
        }
        if (batch.isEmpty()) {
          break;
        }
        for (int i = 0; i < batch.size() && served < end; i++) {
          Bytes bytes = batch.get(i);
          Digest leaf = MerkleHashes.leafHash(bytes);
          leaf.copyTo(leaves, (int) served * Digest.LENGTH);
          range.append(leaf);
          runChecks(served, bytes, active);
          served++;
          checkRootsAt(served, range, atSize, mismatchedHeads, mismatched);
        }
      }
      for (EntryCheck check : active) {
        try {
          check.finish(report);
        } catch (RuntimeException e) {
          report.accept(
              new Discrepancy(
                  DiscrepancyKind.CHECK_ERROR,
                  checkName(check),
                  "failed at the end of the log: " + e));
        }
      }
      sampleInclusion(target);
      if (served < size) {
        for (SignedTreeHead head : checkpoints) {
          if (head.treeSize() > served && mismatched.add(head.treeSize())) {
            mismatchedHeads.add(head);
          }
        }
      }
      if (!mismatchedHeads.isEmpty()) {
        // Localise against the largest mismatched head: it commits to every entry served, so an
        // entry moved or shifted past a smaller head's size is still found where it belongs (with
        // a head after every batch, the smallest head would see a swap as an edit).
        SignedTreeHead largest =
            mismatchedHeads.stream()
                .max(Comparator.comparingLong(SignedTreeHead::treeSize))
                .orElseThrow();
        boolean namedMissing = localise(largest);
        if (served < size && !namedMissing) {
          report.accept(
              headDiscrepancy(
                  DiscrepancyKind.MISSING_ENTRY,
                  target,
                  "the log served "
                      + served
                      + " of the "
                      + size
                      + " entries this head commits to"));
        }
      }
    }

    private void checkRootsAt(
        long size,
        CompactRange range,
        Map<Long, List<SignedTreeHead>> atSize,
        List<SignedTreeHead> mismatchedHeads,
        Set<Long> mismatched) {
      List<SignedTreeHead> heads = atSize.get(size);
      if (heads == null) {
        return;
      }
      Digest root = range.root();
      for (SignedTreeHead head : heads) {
        if (!root.equals(head.rootHash()) && mismatched.add(size)) {
          mismatchedHeads.add(head);
          report.accept(
              headDiscrepancy(
                  DiscrepancyKind.ROOT_MISMATCH,
                  head,
                  "the first "
                      + size
                      + " entries served hash to "
                      + root.toHex().substring(0, 16)
                      + "..., the head says "
                      + head.rootHash().toHex().substring(0, 16)
                      + "..."));
        }
      }
    }

    private void runChecks(long index, Bytes bytes, List<EntryCheck> active) {
      LogEntry entry;
      try {
        entry = LogEntry.decode(bytes);
      } catch (DecodingException e) {
        report.accept(Discrepancy.atEntry(DiscrepancyKind.MALFORMED_ENTRY, index, reason(e)));
        return;
      }
      for (EntryCheck check : active) {
        try {
          check.check(index, entry, report);
        } catch (RuntimeException e) {
          report.accept(
              Discrepancy.atEntry(
                  DiscrepancyKind.CHECK_ERROR, index, checkName(check) + " failed: " + e));
        }
      }
    }

    // --- 3. sampled inclusion ---

    private void sampleInclusion(SignedTreeHead target) {
      long n = Math.min(served, target.treeSize());
      if (n == 0) {
        return;
      }
      Set<Long> sampled = new HashSet<>();
      int want = (int) Math.min(sampleCount, n);
      while (sampled.size() < want) {
        long index = random.nextLong(n);
        if (!sampled.add(index)) {
          continue;
        }
        try {
          InclusionProof proof = source.inclusionProof(index, target.treeSize());
          MerkleVerifier.verifyInclusion(
              leaf(index), index, target.treeSize(), target.rootHash(), proof);
        } catch (LogSourceException e) {
          report.accept(
              Discrepancy.atEntry(
                  DiscrepancyKind.SOURCE_ERROR, index, "no inclusion proof: " + e.getMessage()));
        } catch (VerificationException e) {
          report.accept(
              Discrepancy.atEntry(
                  DiscrepancyKind.INCLUSION_FAILED,
                  index,
                  "the entry served is not proven in the head of size "
                      + target.treeSize()
                      + ": "
                      + e.getMessage()));
        }
      }
    }

    // --- 4. localisation ---

    /** Names the differences between the entries served and {@code head}; true if MISSING. */
    private boolean localise(SignedTreeHead head) {
      long n = head.treeSize();
      for (int located = 0; located < maxLocated; located++) {
        if (served >= n && localHash(0, n).equals(head.rootHash())) {
          return false; // every difference is named and corrected
        }
        long j;
        try {
          j = firstDifference(head);
        } catch (LogSourceException e) {
          report.accept(
              headDiscrepancy(
                  DiscrepancyKind.SOURCE_ERROR,
                  head,
                  "could not locate the difference: " + e.getMessage()));
          return false;
        }
        if (j >= served) {
          report.accept(
              Discrepancy.atEntry(
                  DiscrepancyKind.MISSING_ENTRY,
                  j,
                  "entries "
                      + j
                      + ".."
                      + (n - 1)
                      + " of the head of size "
                      + n
                      + " are not served ("
                      + served
                      + " served)"));
          return true;
        }
        try {
          Outcome outcome = classify(head, j);
          if (outcome == Outcome.MISSING) {
            return true;
          }
          if (outcome == Outcome.STOP) {
            return false;
          }
        } catch (LogSourceException e) {
          report.accept(
              Discrepancy.atEntry(
                  DiscrepancyKind.SOURCE_ERROR,
                  j,
                  "could not classify the difference: " + e.getMessage()));
          return false;
        }
      }
      return false;
    }

    private enum Outcome {
      CORRECTED,
      MISSING,
      STOP
    }

    /** Names the difference at {@code j}, the first entry served that the head does not hold. */
    private Outcome classify(SignedTreeHead head, long j) throws LogSourceException {
      long n = head.treeSize();
      Digest served_j = leaf(j);
      long k = -1;
      Optional<InclusionProof> byHash = source.inclusionProofByHash(served_j, n);
      if (byHash.isPresent()) {
        InclusionProof p = byHash.get();
        if (verifies(served_j, p.leafIndex(), head, p)) {
          k = p.leafIndex();
        }
      }
      if (k > j) {
        if (k < served && verifies(leaf(k), j, head, source.inclusionProof(j, n))) {
          report.accept(
              Discrepancy.atEntry(
                  DiscrepancyKind.REORDERED,
                  j,
                  "entries " + j + " and " + k + " are served in each other's place"));
          swap(j, k);
          return Outcome.CORRECTED;
        }
        report.accept(
            Discrepancy.atEntry(
                DiscrepancyKind.MISSING_ENTRY,
                j,
                (k - j == 1 ? "entry " + j + " is" : "entries " + j + ".." + (k - 1) + " are")
                    + " missing: the entry served at "
                    + j
                    + " is entry "
                    + k
                    + " of the head of size "
                    + n
                    + ", and the entries after it are shifted"));
        return Outcome.MISSING;
      }
      String what =
          k >= 0
              ? "the entry served at " + j + " is a copy of entry " + k
              : "the entry served at " + j + " is not in the head of size " + n;
      Digest committed = committedLeaf(head, j);
      report.accept(
          Discrepancy.atEntry(
              DiscrepancyKind.EDITED_ENTRY,
              j,
              what
                  + (committed == null
                      ? ""
                      : " (the head commits to leaf hash "
                          + committed.toHex().substring(0, 16)
                          + "..., served "
                          + served_j.toHex().substring(0, 16)
                          + "...)")));
      if (committed == null) {
        return Outcome.STOP;
      }
      committed.copyTo(leaves, (int) j * Digest.LENGTH);
      return Outcome.CORRECTED;
    }

    /** The committed leaf hash at {@code j}, authenticated by its sibling leaf's proof. */
    private @Nullable Digest committedLeaf(SignedTreeHead head, long j) throws LogSourceException {
      long sibling = j ^ 1;
      if (sibling >= head.treeSize() || sibling >= served) {
        return null;
      }
      InclusionProof p = source.inclusionProof(sibling, head.treeSize());
      if (!verifies(leaf(sibling), sibling, head, p) || p.path().isEmpty()) {
        return null;
      }
      return p.path().get(0);
    }

    /**
     * The first leaf whose served hash differs from the head's, by descent from the root (see the
     * class comment). Precondition: the served entries do not reproduce the head's root.
     */
    private long firstDifference(SignedTreeHead head) throws LogSourceException {
      long n = head.treeSize();
      long a = 0;
      long b = n;
      while (b - a > 1) {
        long m = a + Long.highestOneBit(b - a - 1);
        TreeRanges.Range left = new TreeRanges.Range(a, m);
        boolean leftDiffers;
        if (m > served) {
          leftDiffers = true; // part of the left child was not served at all
        } else {
          Digest committedLeft = null;
          if (m < served) {
            InclusionProof p = source.inclusionProof(m, n);
            if (verifies(leaf(m), m, head, p)) {
              committedLeft = siblingHash(m, n, p, left);
            }
          }
          if (committedLeft == null) {
            InclusionProof p = source.inclusionProof(m - 1, n);
            if (verifies(leaf(m - 1), m - 1, head, p)) {
              committedLeft = foldUpTo(m - 1, n, p, left);
            }
          }
          // No proof verifies on either side of the split: leaf m - 1 itself differs.
          leftDiffers = committedLeft == null || !committedLeft.equals(localHash(a, m));
        }
        if (leftDiffers) {
          b = m;
        } else {
          a = m;
        }
      }
      return a;
    }

    /**
     * The hash in {@code proof} (verified, for leaf {@code index}) of the sibling node {@code
     * node}.
     */
    private @Nullable Digest siblingHash(
        long index, long n, InclusionProof proof, TreeRanges.Range node) {
      List<TreeRanges.Range> path = TreeRanges.inclusionPath(index, n);
      int at = path.indexOf(node);
      return at < 0 || at >= proof.path().size() ? null : proof.path().get(at);
    }

    /**
     * The hash of {@code node}, on the path of leaf {@code index}, folded from a verified proof.
     */
    private @Nullable Digest foldUpTo(
        long index, long n, InclusionProof proof, TreeRanges.Range node) {
      List<TreeRanges.Range> path = TreeRanges.inclusionPath(index, n);
      Digest acc = leaf(index);
      long start = index;
      long end = index + 1;
      for (int i = 0; i < path.size() && i < proof.path().size(); i++) {
        if (start == node.start() && end == node.end()) {
          return acc;
        }
        TreeRanges.Range sibling = path.get(i);
        if (sibling.start() < start) {
          acc = MerkleHashes.nodeHash(proof.path().get(i), acc);
          start = sibling.start();
        } else {
          acc = MerkleHashes.nodeHash(acc, proof.path().get(i));
          end = sibling.end();
        }
      }
      return start == node.start() && end == node.end() ? acc : null;
    }

    private boolean verifies(Digest leafHash, long index, SignedTreeHead head, InclusionProof p) {
      try {
        MerkleVerifier.verifyInclusion(leafHash, index, head.treeSize(), head.rootHash(), p);
        return true;
      } catch (VerificationException e) {
        return false;
      }
    }

    private Digest leaf(long index) {
      return Digest.of(leaves, (int) index * Digest.LENGTH);
    }

    private void swap(long i, long k) {
      byte[] tmp = new byte[Digest.LENGTH];
      System.arraycopy(leaves, (int) i * Digest.LENGTH, tmp, 0, Digest.LENGTH);
      System.arraycopy(
          leaves, (int) k * Digest.LENGTH, leaves, (int) i * Digest.LENGTH, Digest.LENGTH);
      System.arraycopy(tmp, 0, leaves, (int) k * Digest.LENGTH, Digest.LENGTH);
    }

    /** MTH of the served (and corrected) leaves {@code [start, end)}, an RFC tree node. */
    private Digest localHash(long start, long end) {
      if (end - start == 1) {
        return leaf(start);
      }
      long k = Long.highestOneBit(end - start - 1);
      return MerkleHashes.nodeHash(localHash(start, start + k), localHash(start + k, end));
    }

    private Discrepancy headDiscrepancy(DiscrepancyKind kind, SignedTreeHead head, String detail) {
      return new Discrepancy(kind, "head of size " + head.treeSize(), detail);
    }
  }

  private static String checkName(EntryCheck check) {
    String simple = check.getClass().getSimpleName();
    return simple.isEmpty() ? check.getClass().getName() : simple;
  }

  private static String reason(Exception e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  /** Configures a {@link LogAuditor}. */
  public static final class Builder {
    private final List<NodePublicKey> coordinatorKeys;
    private final RandomSource random;
    private int sampleCount = 32;
    private int fetchBatch = 1000;
    private int maxLocated = 16;
    private final List<Supplier<? extends EntryCheck>> checks = new ArrayList<>();

    private Builder(List<NodePublicKey> coordinatorKeys, RandomSource random) {
      this.coordinatorKeys = coordinatorKeys;
      this.random = random;
    }

    /** Entries whose inclusion proof is checked against the head (default 32). */
    public Builder sampleCount(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("sample count must be at least 0, got " + count);
      }
      this.sampleCount = count;
      return this;
    }

    /** Entries requested per range read (default 1000). */
    public Builder fetchBatch(int entries) {
      if (entries < 1) {
        throw new IllegalArgumentException("fetch batch must be at least 1, got " + entries);
      }
      this.fetchBatch = entries;
      return this;
    }

    /** Differences named one by one before localisation gives up (default 16). */
    public Builder maxLocated(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("max located must be at least 1, got " + count);
      }
      this.maxLocated = count;
      return this;
    }

    /** Adds a check, created fresh by {@code factory} for every audit. */
    public Builder addCheck(Supplier<? extends EntryCheck> factory) {
      checks.add(factory);
      return this;
    }

    public LogAuditor build() {
      return new LogAuditor(this);
    }
  }
}
