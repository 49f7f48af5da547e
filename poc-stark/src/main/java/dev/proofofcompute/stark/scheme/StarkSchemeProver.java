package dev.proofofcompute.stark.scheme;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.stark.StarkProver;
import dev.proofofcompute.stark.air.Air;
import java.util.concurrent.ForkJoinPool;

/**
 * The provider's side of the {@code stark} scheme: after executing a job, prove that its output is
 * the workload's result on the input. The proof is the encoded {@link
 * dev.proofofcompute.stark.StarkProof}; the output travels beside it in the workload's own codec.
 */
public final class StarkSchemeProver {
  private final StarkSchemeParameters parameters;
  private final StarkProver prover;

  private StarkSchemeProver(StarkSchemeParameters parameters, StarkProver prover) {
    this.parameters = parameters;
    this.prover = prover;
  }

  /** A single-threaded prover. */
  public static StarkSchemeProver create(StarkSchemeParameters parameters) {
    return new StarkSchemeProver(parameters, StarkProver.create(parameters.stark()));
  }

  /** A prover that splits its work across {@code pool}; the proof is the same. */
  public static StarkSchemeProver create(StarkSchemeParameters parameters, ForkJoinPool pool) {
    return new StarkSchemeProver(parameters, StarkProver.create(parameters.stark(), pool));
  }

  public StarkSchemeParameters parameters() {
    return parameters;
  }

  /**
   * The proof that {@code output} is {@code workload}'s result on {@code input}.
   *
   * @throws IllegalArgumentException when the workload is not stated in the parameters' AIR, the
   *     input is out of range, or {@code output} is not the result (no proof exists then)
   */
  public <I, O> Bytes prove(AirWorkload<I, O> workload, I input, O output) {
    if (!workload.airName().equals(parameters.air())) {
      throw new IllegalArgumentException(
          "the parameters name AIR '"
              + parameters.air()
              + "', the workload is stated in '"
              + workload.airName()
              + "'");
    }
    Air air = workload.air(input, output);
    return prover.prove(air, workload.trace(input)).encode();
  }
}
