package dev.proofofcompute.schemes.freivalds;

import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.MatrixStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.random.RandomSource;
import java.util.List;
import java.util.Optional;

/**
 * The validator side of the {@code freivalds} scheme. For a submission {@code (output, C_0 ..
 * C_{L-1})}: for each {@code k} in order, rebuild {@code A_k} from the input and the claimed {@code
 * C_0 .. C_{k-1}} (already checked), take {@code B_k}, check the claimed {@code C_k = A_k × B_k}
 * with fresh random vectors drawn now, after the submission; then derive the output from the
 * claimed products and compare it with the claimed output by canonical bytes. No O(n^3) product is
 * computed.
 *
 * <p>Verdicts: {@link Verdict.Rejected} with {@code MALFORMED_EVIDENCE} for a wrong number of
 * products or a product of the wrong kind or shape, with {@code WRONG_RESULT} for a product that
 * fails a round ("product 2 fails Freivalds round 1") or an output that the products do not imply;
 * {@link Verdict.Inconclusive} when the check cannot decide through no fault shown of the provider
 * (operands outside the sound range, a failure in the workload's structure or in this validator);
 * {@link Verdict.Accepted} otherwise. The error bounds are in {@link FreivaldsParameters}.
 */
public final class FreivaldsValidator {
  private final FreivaldsVerifier verifier;

  private FreivaldsValidator(FreivaldsVerifier verifier) {
    this.verifier = verifier;
  }

  /** A validator with these parameters, drawing its challenge vectors from {@code random}. */
  public static FreivaldsValidator create(FreivaldsParameters parameters, RandomSource random) {
    return new FreivaldsValidator(FreivaldsVerifier.create(parameters, random));
  }

  /** Judges {@code evidence} submitted for {@code input} of {@code workload}. */
  public <I, O> Verdict validate(Workload<I, O> workload, I input, FreivaldsEvidence<O> evidence) {
    try {
      return check(workload, input, evidence);
    } catch (RuntimeException e) {
      return Verdict.inconclusive("Freivalds validation failed internally: " + e);
    }
  }

  private <I, O> Verdict check(Workload<I, O> workload, I input, FreivaldsEvidence<O> evidence) {
    Optional<MatrixStructure<I, O>> structure = workload.matrices();
    if (structure.isEmpty()) {
      return Verdict.inconclusive(workload.id().name() + " has no matrix products");
    }
    MatrixStructure<I, O> chain = structure.get();
    int count = chain.productCount(input);
    List<Matrix> claimed = evidence.products();
    if (claimed.size() != count) {
      return Verdict.rejected(
          Verdict.Reason.MALFORMED_EVIDENCE,
          "expected " + count + " products, got " + claimed.size());
    }
    for (int k = 0; k < count; k++) {
      Matrix a;
      Matrix b;
      try {
        a = chain.left(input, claimed.subList(0, k), k);
        b = chain.right(input, k);
      } catch (RuntimeException e) {
        // The products before k passed their checks, so this is the workload's failure.
        return Verdict.inconclusive("cannot build the operands of product " + k + ": " + e);
      }
      Optional<String> operands = verifier.operandProblem(a, b);
      if (operands.isPresent()) {
        return Verdict.inconclusive("product " + k + ": " + operands.get());
      }
      Optional<String> shape = FreivaldsVerifier.shapeProblem(k, a, b, claimed.get(k));
      if (shape.isPresent()) {
        return Verdict.rejected(Verdict.Reason.MALFORMED_EVIDENCE, shape.get());
      }
      try {
        verifier.checkRounds(k, a, b, claimed.get(k));
      } catch (VerificationException e) {
        return Verdict.rejected(Verdict.Reason.WRONG_RESULT, String.valueOf(e.getMessage()));
      }
    }
    O derived;
    try {
      derived = chain.output(input, claimed);
    } catch (RuntimeException e) {
      return Verdict.inconclusive("cannot derive the output from the checked products: " + e);
    }
    // Equal values encode to identical bytes (the Codec contract), so equality settles it without
    // encoding two outputs; values that are not equal are compared by their canonical bytes.
    if (!derived.equals(evidence.output()) && !sameEncoding(workload, derived, evidence.output())) {
      return Verdict.rejected(
          Verdict.Reason.WRONG_RESULT,
          "the claimed output differs from the output implied by the checked products");
    }
    FreivaldsParameters p = verifier.parameters();
    return Verdict.accepted(
        count
            + " products pass Freivalds ("
            + p.rounds()
            + " exact / "
            + p.floatRounds()
            + " float rounds each); the output matches");
  }

  private static <I, O> boolean sameEncoding(Workload<I, O> workload, O a, O b) {
    Bytes x = workload.outputCodec().encode(a);
    Bytes y = workload.outputCodec().encode(b);
    return x.equals(y);
  }
}
