package dev.proofofcompute.stark;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import org.jspecify.annotations.Nullable;

/**
 * Splits an index range across a caller-supplied {@link ForkJoinPool}, or runs it inline when there
 * is none. The prover's results never depend on the split: every chunk writes a disjoint slice.
 */
final class Parallel {
  /** A body over the half-open range {@code [from, to)}. */
  @FunctionalInterface
  interface RangeBody {
    void run(int from, int to);
  }

  private Parallel() {}

  static void range(@Nullable ForkJoinPool pool, int size, int grain, RangeBody body) {
    if (pool == null || size <= grain || pool.getParallelism() <= 1) {
      body.run(0, size);
      return;
    }
    pool.invoke(new Chunk(0, size, Math.max(grain, size / (4 * pool.getParallelism())), body));
  }

  private static final class Chunk extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final int from;
    private final int to;
    private final int grain;
    private final transient RangeBody body;

    Chunk(int from, int to, int grain, RangeBody body) {
      this.from = from;
      this.to = to;
      this.grain = grain;
      this.body = body;
    }

    @Override
    protected void compute() {
      if (to - from <= grain) {
        body.run(from, to);
        return;
      }
      int mid = (from + to) >>> 1;
      invokeAll(new Chunk(from, mid, grain, body), new Chunk(mid, to, grain, body));
    }
  }
}
