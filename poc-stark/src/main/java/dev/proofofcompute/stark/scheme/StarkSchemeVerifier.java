package dev.proofofcompute.stark.scheme;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.stark.StarkProof;
import dev.proofofcompute.stark.StarkVerifier;
import dev.proofofcompute.stark.air.Air;

/**
 * The validator's side of the {@code stark} scheme: turns a provider's claimed output and proof
 * into a {@link Verdict}, never throwing.
 *
 * <ul>
 *   <li>{@link Verdict.Accepted}: the proof shows that the claimed output is the workload's result
 *       on the job's input.
 *   <li>{@link Verdict.Rejected} with {@link Verdict.Reason#MALFORMED_EVIDENCE}: the output or the
 *       proof does not decode (strict, canonical decoding), or the output cannot be a result of the
 *       input ({@link AirWorkload#checkOutput}).
 *   <li>{@link Verdict.Rejected} with {@link Verdict.Reason#BAD_PROOF}: the proof does not verify
 *       for the statement "{@code execute(input) = output}" with the policy's parameters (a wrong
 *       output, a tampered proof, or a proof made with other parameters).
 *   <li>{@link Verdict.Inconclusive}: a failure that is not the provider's — the job's input does
 *       not fit the AIR, the workload is not stated in the policy's AIR, or an unexpected error.
 * </ul>
 */
public final class StarkSchemeVerifier {
  private final StarkSchemeParameters parameters;
  private final StarkVerifier verifier;

  private StarkSchemeVerifier(StarkSchemeParameters parameters) {
    this.parameters = parameters;
    this.verifier = StarkVerifier.create(parameters.stark());
  }

  public static StarkSchemeVerifier create(StarkSchemeParameters parameters) {
    return new StarkSchemeVerifier(parameters);
  }

  public StarkSchemeParameters parameters() {
    return parameters;
  }

  /**
   * The verdict on a provider's claim that {@code encodedOutput} is {@code workload}'s result on
   * {@code input}, backed by {@code proof}.
   */
  public <I, O> Verdict verify(
      AirWorkload<I, O> workload, I input, Bytes encodedOutput, Bytes proof) {
    try {
      return check(workload, input, encodedOutput, proof);
    } catch (RuntimeException e) {
      return Verdict.inconclusive("unexpected error while verifying a stark proof: " + e);
    }
  }

  private <I, O> Verdict check(
      AirWorkload<I, O> workload, I input, Bytes encodedOutput, Bytes proof) {
    if (!workload.airName().equals(parameters.air())) {
      return Verdict.inconclusive(
          "the policy names AIR '"
              + parameters.air()
              + "' but "
              + workload.id()
              + " is stated in '"
              + workload.airName()
              + "'");
    }
    O output;
    try {
      output = workload.outputCodec().decode(encodedOutput);
      workload.checkOutput(input, output);
    } catch (DecodingException e) {
      return Verdict.rejected(Verdict.Reason.MALFORMED_EVIDENCE, "output: " + e.getMessage());
    }
    StarkProof decoded;
    try {
      decoded = StarkProof.decode(proof);
    } catch (DecodingException e) {
      return Verdict.rejected(Verdict.Reason.MALFORMED_EVIDENCE, "proof: " + e.getMessage());
    }
    Air air;
    try {
      air = workload.air(input, output);
    } catch (IllegalArgumentException e) {
      return Verdict.inconclusive("the job cannot be stated as AIR: " + e.getMessage());
    }
    try {
      verifier.verify(air, decoded);
    } catch (VerificationException e) {
      return Verdict.rejected(Verdict.Reason.BAD_PROOF, "proof rejected: " + e.getMessage());
    }
    return Verdict.accepted(
        "stark proof of "
            + air.name()
            + " over "
            + air.traceLength()
            + " rows verified at "
            + parameters.stark().conjecturedSecurityBits(air.traceLength())
            + " conjectured bits");
  }
}
