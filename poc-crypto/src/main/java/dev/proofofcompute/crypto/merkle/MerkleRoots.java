package dev.proofofcompute.crypto.merkle;

import dev.proofofcompute.crypto.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The RFC 9162 Merkle root of a buffer cut into fixed-size leaves, sequentially or in parallel.
 *
 * <p>Design of {@link #parallel}: the leaves are cut into chunks of c leaves, c a power of two, so
 * every chunk but the last is a complete, aligned subtree of the RFC tree. Each task builds its
 * chunk with its own {@link StreamingMerkleBuilder}; the chunks' frontiers are then appended in
 * order to one builder with {@link StreamingMerkleBuilder#addAll}. The last, partial chunk
 * contributes its frontier subtree by subtree, which is aligned because it starts at a multiple of
 * c. The result is bit-identical to the sequential root. The threads come from the caller's
 * executor: this package starts none.
 */
public final class MerkleRoots {
  /** Chunks per thread: several, so a thread that is descheduled does not hold up the others. */
  private static final int CHUNKS_PER_THREAD = 4;

  private MerkleRoots() {}

  /**
   * The root over {@code buffer[offset, offset + length)} cut into leaves of {@code leafSize}
   * bytes; the last leaf is shorter when {@code leafSize} does not divide {@code length}. An empty
   * range gives {@link MerkleHashes#EMPTY_ROOT}.
   */
  public static Digest sequential(byte[] buffer, int offset, int length, int leafSize) {
    checkArguments(buffer, offset, length, leafSize);
    StreamingMerkleBuilder b = new StreamingMerkleBuilder();
    addLeaves(b, buffer, offset, length, leafSize, 0, leafCount(length, leafSize));
    return b.root();
  }

  /**
   * The same root as {@link #sequential}, computed by up to {@code parallelism} tasks on {@code
   * executor}. The buffer must not change until this returns.
   *
   * @throws IllegalStateException if a task fails
   */
  public static Digest parallel(
      byte[] buffer, int offset, int length, int leafSize, int parallelism, Executor executor) {
    checkArguments(buffer, offset, length, leafSize);
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    long leaves = leafCount(length, leafSize);
    if (parallelism == 1 || leaves < 2) {
      return sequential(buffer, offset, length, leafSize);
    }
    long perChunk = Math.max(1, leaves / ((long) parallelism * CHUNKS_PER_THREAD));
    long chunk = Long.highestOneBit(perChunk);
    List<CompletableFuture<StreamingMerkleBuilder>> parts = new ArrayList<>();
    for (long first = 0; first < leaves; first += chunk) {
      long from = first;
      long to = Math.min(leaves, first + chunk);
      parts.add(
          CompletableFuture.supplyAsync(
              () -> {
                StreamingMerkleBuilder b = new StreamingMerkleBuilder();
                addLeaves(b, buffer, offset, length, leafSize, from, to);
                return b;
              },
              executor));
    }
    StreamingMerkleBuilder all = new StreamingMerkleBuilder();
    try {
      for (CompletableFuture<StreamingMerkleBuilder> part : parts) {
        all.addAll(part.join());
      }
    } catch (CompletionException e) {
      throw new IllegalStateException("a Merkle chunk task failed", e.getCause());
    }
    return all.root();
  }

  private static void addLeaves(
      StreamingMerkleBuilder b,
      byte[] buffer,
      int offset,
      int length,
      int leafSize,
      long from,
      long to) {
    for (long i = from; i < to; i++) {
      int start = (int) (i * leafSize);
      b.add(buffer, offset + start, Math.min(leafSize, length - start));
    }
  }

  private static long leafCount(int length, int leafSize) {
    return (length + (long) leafSize - 1) / leafSize;
  }

  private static void checkArguments(byte[] buffer, int offset, int length, int leafSize) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (leafSize < 1) {
      throw new IllegalArgumentException("leaf size must be at least 1, got " + leafSize);
    }
  }
}
