package dev.proofofcompute.storage;

import dev.proofofcompute.crypto.identity.NodeId;
import org.jspecify.annotations.Nullable;

/**
 * A page of jobs for {@link JobStore#list}: jobs with {@code seq > afterSeq}, in {@code seq} order,
 * at most {@code limit} of them, optionally only in one status and of one requester. The next page
 * starts after the last {@code seq} returned.
 */
public record JobQuery(
    @Nullable JobStatus status, @Nullable NodeId requester, long afterSeq, int limit) {
  /** Largest page. */
  public static final int MAX_LIMIT = 1000;

  /**
   * @throws IllegalArgumentException if {@code limit} is outside 1..{@link #MAX_LIMIT}
   */
  public JobQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be in 1.." + MAX_LIMIT + ", got " + limit);
    }
  }

  /** The first page of every job. */
  public static JobQuery all(int limit) {
    return new JobQuery(null, null, 0, limit);
  }
}
