package dev.proofofcompute.schemes.spotcheck;

import dev.proofofcompute.crypto.random.RandomSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Where each item of a provider's batch came from: the validator's secret permutation of {@code N}
 * requester items and {@code c} canaries over the {@code M = N + c} positions of the batch. Source
 * {@code i < N} is requester item {@code i}; source {@code N + j} is canary {@code j}.
 *
 * <p>The layout is the validator's secret until the task is over: a provider that knew it could
 * answer the canaries honestly and fake only requester items. It may be disclosed afterwards to an
 * auditor, who needs it to re-derive the challenge ({@link ChallengeDerivation}).
 */
public final class BatchLayout {
  private final int itemCount;
  private final int canaryCount;
  private final int[] sourceAt;
  private final int[] positionOf;

  private BatchLayout(int itemCount, int canaryCount, int[] sourceAt) {
    this.itemCount = itemCount;
    this.canaryCount = canaryCount;
    this.sourceAt = sourceAt;
    this.positionOf = new int[sourceAt.length];
    for (int p = 0; p < sourceAt.length; p++) {
      positionOf[sourceAt[p]] = p;
    }
  }

  /**
   * A uniformly random layout, by a Fisher–Yates shuffle (Knuth, TAOCP vol. 2, §3.4.2, Algorithm P)
   * driven by {@code random}.
   *
   * @throws IllegalArgumentException if {@code itemCount < 1}, {@code canaryCount < 0} or the batch
   *     does not fit in an {@code int}
   */
  public static BatchLayout random(int itemCount, int canaryCount, RandomSource random) {
    int m = checkSizes(itemCount, canaryCount);
    int[] order = new int[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    for (int i = m - 1; i > 0; i--) {
      int j = (int) random.nextLong(i + 1L);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return new BatchLayout(itemCount, canaryCount, order);
  }

  /**
   * The layout with {@code sourceAt.get(p)} at position {@code p}, e.g. as disclosed to an auditor.
   *
   * @throws IllegalArgumentException unless {@code sourceAt} is a permutation of {@code 0..N+c-1}
   */
  public static BatchLayout of(int itemCount, int canaryCount, List<Integer> sourceAt) {
    int m = checkSizes(itemCount, canaryCount);
    if (sourceAt.size() != m) {
      throw new IllegalArgumentException(
          "a layout of " + itemCount + " + " + canaryCount + " items has " + m + " positions");
    }
    int[] order = new int[m];
    boolean[] seen = new boolean[m];
    for (int p = 0; p < m; p++) {
      int s = sourceAt.get(p);
      if (s < 0 || s >= m || seen[s]) {
        throw new IllegalArgumentException("not a permutation: source " + s + " at position " + p);
      }
      seen[s] = true;
      order[p] = s;
    }
    return new BatchLayout(itemCount, canaryCount, order);
  }

  private static int checkSizes(int itemCount, int canaryCount) {
    if (itemCount < 1 || canaryCount < 0) {
      throw new IllegalArgumentException(
          "need at least one item and no negative canary count, got "
              + itemCount
              + " and "
              + canaryCount);
    }
    long m = (long) itemCount + canaryCount;
    if (m > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(m + " items do not fit in one batch");
    }
    return (int) m;
  }

  /** N, the requester's items. */
  public int itemCount() {
    return itemCount;
  }

  /** c, the canaries. */
  public int canaryCount() {
    return canaryCount;
  }

  /** M = N + c, the positions of the provider's batch. */
  public int size() {
    return sourceAt.length;
  }

  /** The source at {@code position}: a requester item below N, else N + canary index. */
  public int sourceAt(int position) {
    return sourceAt[position];
  }

  public boolean isCanary(int position) {
    return sourceAt[position] >= itemCount;
  }

  /** The position of requester item {@code item}. */
  public int positionOfItem(int item) {
    if (item < 0 || item >= itemCount) {
      throw new IndexOutOfBoundsException("item " + item + " outside 0.." + (itemCount - 1));
    }
    return positionOf[item];
  }

  /** The position of canary {@code canary}. */
  public int positionOfCanary(int canary) {
    if (canary < 0 || canary >= canaryCount) {
      throw new IndexOutOfBoundsException("canary " + canary + " outside 0.." + (canaryCount - 1));
    }
    return positionOf[itemCount + canary];
  }

  /** The positions holding canaries, ascending. */
  public List<Long> canaryPositions() {
    List<Long> out = new ArrayList<>(canaryCount);
    for (int j = 0; j < canaryCount; j++) {
      out.add((long) positionOf[itemCount + j]);
    }
    Collections.sort(out);
    return List.copyOf(out);
  }

  /** The whole permutation: the source at each position, for disclosure to an auditor. */
  public List<Integer> sources() {
    List<Integer> out = new ArrayList<>(sourceAt.length);
    for (int s : sourceAt) {
      out.add(s);
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BatchLayout other
        && itemCount == other.itemCount
        && Arrays.equals(sourceAt, other.sourceAt);
  }

  @Override
  public int hashCode() {
    return 31 * itemCount + Arrays.hashCode(sourceAt);
  }

  /** Does not print the permutation, which is the validator's secret during a task. */
  @Override
  public String toString() {
    return "BatchLayout[items=" + itemCount + ", canaries=" + canaryCount + "]";
  }
}
