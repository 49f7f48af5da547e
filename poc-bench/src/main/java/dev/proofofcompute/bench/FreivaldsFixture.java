package dev.proofofcompute.bench;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.freivalds.FreivaldsEvidence;
import dev.proofofcompute.schemes.freivalds.FreivaldsParameters;
import dev.proofofcompute.schemes.freivalds.FreivaldsProver;
import dev.proofofcompute.schemes.freivalds.FreivaldsValidator;
import dev.proofofcompute.schemes.freivalds.FreivaldsVerifier;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import dev.proofofcompute.workloads.matmul.MatMulOutput;
import dev.proofofcompute.workloads.matmul.MatrixProducts;

/**
 * One {@code matmul} job checked by Freivalds: random int8 {@code n × n} operands ({@link
 * MatMulInput#random}), the honest evidence, and a validator with the default parameters (one round
 * over GF(2^61 - 1), soundness error {@code <= 2^-60}). Shared by {@link FreivaldsBenchmark} and
 * {@link SchemeCostProbe}, so that both time exactly the same operations.
 */
final class FreivaldsFixture {
  private final MatMulInput input;
  private final FreivaldsEvidence<MatMulOutput> evidence;
  private final FreivaldsValidator validator;
  private final FreivaldsVerifier verifier;

  private FreivaldsFixture(
      MatMulInput input,
      FreivaldsEvidence<MatMulOutput> evidence,
      FreivaldsValidator validator,
      FreivaldsVerifier verifier) {
    this.input = input;
    this.evidence = evidence;
    this.validator = validator;
    this.verifier = verifier;
  }

  /**
   * The job for {@code n × n} operands drawn from {@code seed}, after checking once that the honest
   * evidence is accepted (so that the timed calls take the full path of an honest submission).
   *
   * @throws IllegalStateException if the honest evidence is not accepted
   */
  static FreivaldsFixture create(long seed, int n) {
    MatMulInput input = MatMulInput.random(seed, n, n, n);
    FreivaldsEvidence<MatMulOutput> evidence = FreivaldsProver.prove(MatMul.create(), input);
    RandomSource random = RandomSource.seeded(seed);
    FreivaldsParameters parameters = FreivaldsParameters.defaults();
    FreivaldsFixture fixture =
        new FreivaldsFixture(
            input,
            evidence,
            FreivaldsValidator.create(parameters, random),
            FreivaldsVerifier.create(parameters, random));
    Verdict verdict = fixture.validate();
    if (!(verdict instanceof Verdict.Accepted)) {
      throw new IllegalStateException("the honest product is not accepted: " + verdict);
    }
    try {
      fixture.verifyProduct();
    } catch (VerificationException e) {
      throw new IllegalStateException("the honest product fails verification", e);
    }
    return fixture;
  }

  /** The baseline: the naive exact product, {@code n^3} multiply-adds. */
  IntMatrix product() {
    return MatrixProducts.int8(input.a(), input.b());
  }

  /** The validator side of the scheme on the honest evidence. */
  Verdict validate() {
    return validator.validate(MatMul.create(), input, evidence);
  }

  /**
   * One canonical encoding of the claimed output; {@link #validate} makes two (the claimed output
   * and the one the checked product implies) to compare them byte for byte.
   */
  Bytes encodeOutput() {
    return MatMul.create().outputCodec().encode(evidence.output());
  }

  /** The bare check of the claimed product (range check and rounds). */
  IntMatrix verifyProduct() throws VerificationException {
    IntMatrix c = evidence.output().c();
    verifier.verify(0, input.a(), input.b(), c);
    return c;
  }
}
