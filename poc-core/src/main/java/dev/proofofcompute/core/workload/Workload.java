package dev.proofofcompute.core.workload;

import java.util.Optional;

/**
 * A deterministic computation from an input of type {@code I} to an output of type {@code O}.
 *
 * <p>Contract: {@link #execute} is a pure function of its input — bit-for-bit the same output on
 * every JVM and every run (StrictMath, fixed reduction order, integer arithmetic where exactness
 * matters; no parallel reductions whose order varies). Codecs are canonical. Implementations are
 * immutable and thread-safe.
 *
 * <p>A workload may expose optional structure that cheaper verification schemes use: independent
 * items (spot-checks), a state advanced step by step (bisection, segment audits), or the matrix
 * products inside it (Freivalds). A scheme that needs structure a workload lacks is rejected when
 * the job's policy is built.
 *
 * <p>Third parties add a workload by implementing this interface; nothing else changes.
 */
public interface Workload<I, O> {
  WorkloadId id();

  Codec<I> inputCodec();

  Codec<O> outputCodec();

  /** Runs the computation. Throws {@link IllegalArgumentException} on an input it cannot run. */
  O execute(I input);

  /** Whether outputs are exact (byte-comparable) or floating-point with a tolerance. */
  default OutputKind outputKind() {
    return OutputKind.EXACT;
  }

  default Optional<ItemStructure<I, O>> items() {
    return Optional.empty();
  }

  default Optional<StepStructure<I, O>> steps() {
    return Optional.empty();
  }

  default Optional<MatrixStructure<I, O>> matrices() {
    return Optional.empty();
  }

  /** How two outputs are compared. */
  enum OutputKind {
    /** Bit-reproducible: outputs are compared by their canonical bytes. */
    EXACT,
    /**
     * IEEE-754 results that the workload documents as bit-reproducible under Java's strict
     * semantics, but that another implementation may round differently; compared with a tolerance.
     */
    FLOATING
  }
}
