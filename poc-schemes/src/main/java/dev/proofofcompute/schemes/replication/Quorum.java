package dev.proofofcompute.schemes.replication;

import dev.proofofcompute.crypto.identity.NodeId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Majority vote over the valid openings of a round.
 *
 * <p>Design: BOINC's validator ({@code sched/validate_util2.cpp}, {@code check_set}) looks for a
 * <em>canonical</em> result that matches at least a quorum of results and marks every result valid
 * iff it matches the canonical one. We keep that shape with two changes, because a tolerant
 * comparison is not transitive:
 *
 * <ol>
 *   <li>The anchor is the result with the most agreeing results (itself included), ties broken by
 *       the lowest provider id: the choice depends on the set of openings only, never on arrival
 *       order, and a group of agreeing honest results is found even when a cheater's near-miss is
 *       compared first.
 *   <li>If the anchor's group reaches the quorum it wins: its members are accepted. Another result
 *       is rejected as outvoted only if it disagrees with <em>every</em> member of the winning
 *       group; one that agrees with some member but not with the anchor is neither (inconclusive).
 * </ol>
 *
 * Zero false positives follows: if honest results agree pairwise (EXACT: they are byte-identical;
 * FLOATING: the tolerance covers their spread), an honest result that disagrees with every winner
 * proves that no winner is honest, so at least {@code quorum} providers colluded on a wrong answer.
 * For EXACT outputs, agreement is equality, the groups are equivalence classes and no result is
 * ever in between. Cost: {@code k(k-1)/2} comparisons for {@code k} openings.
 */
final class Quorum {
  private Quorum() {}

  /**
   * The vote.
   *
   * @param anchor the winning group's anchor, or null when no group reaches the quorum
   * @param winners the anchor and every result that agrees with it (empty without a quorum)
   * @param between results that agree with some winner but not with the anchor
   * @param outvoted results that disagree with every winner
   * @param largestGroup the size of the largest group (the anchor's)
   */
  record Tally(
      @Nullable NodeId anchor,
      SortedSet<NodeId> winners,
      SortedSet<NodeId> between,
      SortedSet<NodeId> outvoted,
      int largestGroup) {}

  static <O> Tally tally(
      SortedMap<NodeId, O> openings, ResultComparator<O> comparator, int quorum) {
    List<NodeId> ids = new ArrayList<>(openings.keySet());
    List<O> outs = new ArrayList<>(openings.values());
    int n = ids.size();
    boolean[][] agree = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      agree[i][i] = true;
      for (int j = i + 1; j < n; j++) {
        boolean a = comparator.agree(outs.get(i), outs.get(j));
        agree[i][j] = a;
        agree[j][i] = a;
      }
    }
    int best = -1;
    int bestSize = 0;
    for (int i = 0; i < n; i++) {
      int size = 0;
      for (int j = 0; j < n; j++) {
        if (agree[i][j]) {
          size++;
        }
      }
      if (size > bestSize) {
        best = i;
        bestSize = size;
      }
    }
    if (best < 0 || bestSize < quorum) {
      return new Tally(null, empty(), empty(), empty(), bestSize);
    }
    SortedSet<NodeId> winners = new TreeSet<>();
    SortedSet<NodeId> between = new TreeSet<>();
    SortedSet<NodeId> outvoted = new TreeSet<>();
    List<Integer> winnerIdx = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      if (agree[best][j]) {
        winnerIdx.add(j);
        winners.add(ids.get(j));
      }
    }
    for (int j = 0; j < n; j++) {
      if (agree[best][j]) {
        continue;
      }
      boolean nearSome = false;
      for (int w : winnerIdx) {
        if (agree[w][j]) {
          nearSome = true;
          break;
        }
      }
      (nearSome ? between : outvoted).add(ids.get(j));
    }
    return new Tally(
        ids.get(best),
        Collections.unmodifiableSortedSet(winners),
        Collections.unmodifiableSortedSet(between),
        Collections.unmodifiableSortedSet(outvoted),
        bestSize);
  }

  private static SortedSet<NodeId> empty() {
    return Collections.unmodifiableSortedSet(new TreeSet<>());
  }
}
