package dev.proofofcompute.schemes.replication;

import dev.proofofcompute.core.workload.Codec;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How revealed outputs are parsed and compared: byte equality of canonical encodings for EXACT
 * workloads, or a {@link FloatTolerance} over the doubles a {@link FloatView} reads from the output
 * for FLOATING ones. {@link #agree} is reflexive and symmetric; it is transitive only for {@link
 * #exact}.
 *
 * @param <O> the workload's output type
 */
public final class ResultComparator<O> {
  /** Reads the floating-point values of an output that the tolerance is applied to. */
  @FunctionalInterface
  public interface FloatView<O> {
    /** The values of {@code output}, in a fixed order. */
    double[] values(O output);
  }

  private final Codec<O> codec;
  private final @Nullable FloatView<O> view;
  private final @Nullable FloatTolerance tolerance;

  private ResultComparator(
      Codec<O> codec, @Nullable FloatView<O> view, @Nullable FloatTolerance tolerance) {
    this.codec = codec;
    this.view = view;
    this.tolerance = tolerance;
  }

  /** Outputs agree iff their canonical encodings are identical. */
  public static <O> ResultComparator<O> exact(Codec<O> codec) {
    return new ResultComparator<>(codec, null, null);
  }

  /** Outputs agree iff their {@code view}s agree under {@code tolerance}. */
  public static <O> ResultComparator<O> tolerant(
      Codec<O> codec, FloatView<O> view, FloatTolerance tolerance) {
    return new ResultComparator<>(codec, view, tolerance);
  }

  /**
   * The comparator for an EXACT workload.
   *
   * @throws IllegalArgumentException if the workload's outputs are FLOATING or the parameters carry
   *     a tolerance
   */
  public static <O> ResultComparator<O> forWorkload(
      Workload<?, O> workload, ReplicationParameters parameters) {
    if (workload.outputKind() != Workload.OutputKind.EXACT || parameters.tolerance() != null) {
      throw new IllegalArgumentException(
          workload.id()
              + " has "
              + workload.outputKind()
              + " outputs: use forWorkload(workload, parameters, view) with a FLOATING workload and"
              + " a tolerance, or drop the tolerance for an EXACT one");
    }
    return exact(workload.outputCodec());
  }

  /**
   * The comparator for {@code workload} under {@code parameters}: exact for EXACT outputs (the view
   * is not used), tolerant with the parameters' tolerance for FLOATING ones.
   *
   * @throws IllegalArgumentException if the parameters do not fit the workload (see {@link
   *     ReplicationScheme#checkApplicable})
   */
  public static <O> ResultComparator<O> forWorkload(
      Workload<?, O> workload, ReplicationParameters parameters, FloatView<O> view) {
    FloatTolerance t = parameters.tolerance();
    return switch (workload.outputKind()) {
      case EXACT -> forWorkload(workload, parameters);
      case FLOATING -> {
        if (t == null) {
          throw new IllegalArgumentException(
              workload.id() + " has FLOATING outputs: the parameters need a tolerance");
        }
        yield tolerant(workload.outputCodec(), view, t);
      }
    };
  }

  /** The tolerance, present for a tolerant comparator. */
  public Optional<FloatTolerance> tolerance() {
    return Optional.ofNullable(tolerance);
  }

  /**
   * Parses revealed output bytes.
   *
   * @throws DecodingException if they are not the canonical encoding of an output
   */
  public O decode(Bytes canonical) throws DecodingException {
    return codec.decode(canonical);
  }

  /** Whether {@code a} and {@code b} count as the same answer. */
  public boolean agree(O a, O b) {
    FloatTolerance t = tolerance;
    FloatView<O> v = view;
    if (t == null || v == null) {
      return codec.encode(a).equals(codec.encode(b));
    }
    return t.agree(v.values(a), v.values(b));
  }
}
