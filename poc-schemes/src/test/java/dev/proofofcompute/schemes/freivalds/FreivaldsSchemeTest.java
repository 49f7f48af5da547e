package dev.proofofcompute.schemes.freivalds;

import static dev.proofofcompute.schemes.freivalds.TestMatrices.int8;
import static dev.proofofcompute.schemes.freivalds.TestMatrices.seeded;
import static dev.proofofcompute.schemes.freivalds.TestMatrices.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.core.scheme.Policy;
import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.scheme.Verdict.Reason;
import dev.proofofcompute.crypto.random.RandomSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The scheme end to end: policy, prover, validator, on the test chain workload. */
class FreivaldsSchemeTest {
  private static final ChainWorkload CHAIN = ChainWorkload.chain();
  private static final FreivaldsParameters DEFAULTS = FreivaldsParameters.defaults();

  private static ChainWorkload.Input intChain(SplittableRandom rnd, int... dims) {
    List<Matrix> weights = new ArrayList<>();
    for (int k = 1; k + 1 < dims.length; k++) {
      weights.add(int8(rnd, dims[k], dims[k + 1]));
    }
    return new ChainWorkload.Input(int8(rnd, dims[0], dims[1]), weights);
  }

  private static ChainWorkload.Input floatChain(SplittableRandom rnd, int... dims) {
    List<Matrix> weights = new ArrayList<>();
    for (int k = 1; k + 1 < dims.length; k++) {
      weights.add(uniform(rnd, dims[k], dims[k + 1], -1, 1));
    }
    return new ChainWorkload.Input(uniform(rnd, dims[0], dims[1], -1, 1), weights);
  }

  private static Verdict validate(
      long seed, ChainWorkload.Input input, FreivaldsEvidence<Matrix> e) {
    return FreivaldsValidator.create(DEFAULTS, seeded(seed)).validate(CHAIN, input, e);
  }

  private static List<Matrix> replace(List<Matrix> products, int k, Matrix m) {
    List<Matrix> out = new ArrayList<>(products);
    out.set(k, m);
    return out;
  }

  @Test
  void policyRejectsAWorkloadWithNoMatrixProducts() throws PolicyException {
    FreivaldsScheme scheme = FreivaldsScheme.create();
    assertThatThrownBy(() -> Policy.forWorkload(scheme, DEFAULTS, ChainWorkload.flat()))
        .isInstanceOf(PolicyException.class)
        .hasMessage("flat-test has no matrix products for Freivalds to check");
    Policy<FreivaldsParameters> policy = Policy.forWorkload(scheme, DEFAULTS, CHAIN);
    assertThat(policy.scheme().name()).isEqualTo("freivalds");
    assertThat(scheme.parametersType()).isEqualTo(FreivaldsParameters.class);
    assertThatThrownBy(() ->
            FreivaldsProver.prove(ChainWorkload.flat(), intChain(new SplittableRandom(1), 2, 2, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no matrix products");
  }

  @Test
  void honestProvidersAreAlwaysAcceptedSeeds0To199() {
    List<String> falsePositives = new ArrayList<>();
    for (long seed = 0; seed < 200; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int layers = 1 + rnd.nextInt(3);
      int[] dims = new int[layers + 2];
      for (int i = 0; i < dims.length; i++) {
        dims[i] = 1 + rnd.nextInt(20);
      }
      ChainWorkload.Input input = seed % 2 == 0 ? intChain(rnd, dims) : floatChain(rnd, dims);
      Verdict v = validate(seed, input, FreivaldsProver.prove(CHAIN, input));
      if (!(v instanceof Verdict.Accepted)) {
        falsePositives.add("seed " + seed + ": " + v);
      }
    }
    assertThat(falsePositives).isEmpty();
  }

  @Test
  void aFloatProviderSummingInAnotherOrderIsAcceptedSeed12() {
    SplittableRandom rnd = new SplittableRandom(12);
    ChainWorkload.Input input = floatChain(rnd, 10, 200, 30, 4);
    List<Matrix> products = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      Matrix a = k == 0 ? input.x() : ChainWorkload.activate(products.get(k - 1));
      products.add(TestMatrices.reversed((DoubleMatrix) a, (DoubleMatrix) input.weights().get(k)));
    }
    assertThat(products).isNotEqualTo(FreivaldsProver.prove(CHAIN, input).products());
    Verdict v = validate(12, input, new FreivaldsEvidence<>(products.get(1), products));
    assertThat(v).isInstanceOf(Verdict.Accepted.class);
  }

  @Test
  void everySingleEntryCorruptionOfEveryProductIsRejectedNamingTheProductSeed2() {
    SplittableRandom rnd = new SplittableRandom(2);
    ChainWorkload.Input input = intChain(rnd, 4, 6, 5, 3, 2);
    FreivaldsEvidence<Matrix> honest = FreivaldsProver.prove(CHAIN, input);
    List<String> escaped = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      IntMatrix c = (IntMatrix) honest.products().get(k);
      for (int i = 0; i < c.rows(); i++) {
        for (int j = 0; j < c.cols(); j++) {
          IntMatrix bad = TestMatrices.withEntry(c, i, j, c.get(i, j) + 1);
          List<Matrix> products = replace(honest.products(), k, bad);
          // the cheater's output is consistent with its own last product
          Verdict v = validate(k, input, new FreivaldsEvidence<>(products.get(2), products));
          boolean named =
              v instanceof Verdict.Rejected r
                  && r.reason() == Reason.WRONG_RESULT
                  && r.detail().startsWith("product " + k + " fails Freivalds round 1");
          if (!named) {
            escaped.add("product " + k + " (" + i + ", " + j + "): " + v);
          }
        }
      }
    }
    assertThat(escaped).isEmpty();
  }

  @Test
  void aWrongEarlyProductWithAConsistentTailIsCaughtAtThatProductSeed3() {
    SplittableRandom rnd = new SplittableRandom(3);
    ChainWorkload.Input input = intChain(rnd, 5, 8, 8, 8, 8, 2);
    List<Matrix> products = new ArrayList<>(FreivaldsProver.prove(CHAIN, input).products());
    IntMatrix c0 = (IntMatrix) products.get(0);
    products.set(0, IntMatrix.generate(c0.rows(), c0.cols(), (i, j) -> c0.get(i, j) + 1000));
    for (int k = 1; k < 4; k++) {
      products.set(
          k,
          ChainWorkload.multiply(
              ChainWorkload.activate(products.get(k - 1)), input.weights().get(k)));
    }
    Verdict v = validate(3, input, new FreivaldsEvidence<>(products.get(3), products));
    assertThat(v)
        .isEqualTo(
            Verdict.rejected(Reason.WRONG_RESULT, "product 0 fails Freivalds round 1 (row 0)"));
  }

  @Test
  void aWrongOutputFromRightProductsIsRejected() {
    SplittableRandom rnd = new SplittableRandom(4);
    ChainWorkload.Input input = intChain(rnd, 3, 4, 5);
    FreivaldsEvidence<Matrix> honest = FreivaldsProver.prove(CHAIN, input);
    IntMatrix out = (IntMatrix) honest.output();
    Verdict v =
        validate(
            4,
            input,
            new FreivaldsEvidence<>(
                TestMatrices.withEntry(out, 2, 4, out.get(2, 4) - 1), honest.products()));
    assertThat(v)
        .isEqualTo(
            Verdict.rejected(
                Reason.WRONG_RESULT,
                "the claimed output differs from the output implied by the checked products"));
  }

  @Test
  void malformedEvidenceIsRejectedAsSuch() {
    SplittableRandom rnd = new SplittableRandom(5);
    ChainWorkload.Input input = intChain(rnd, 3, 4, 5, 6);
    FreivaldsEvidence<Matrix> honest = FreivaldsProver.prove(CHAIN, input);
    List<Matrix> p = honest.products();
    assertThat(validate(5, input, new FreivaldsEvidence<>(honest.output(), p.subList(0, 1))))
        .isEqualTo(Verdict.rejected(Reason.MALFORMED_EVIDENCE, "expected 2 products, got 1"));
    assertThat(
            validate(
                5, input, new FreivaldsEvidence<>(honest.output(), replace(p, 1, int8(rnd, 3, 5)))))
        .isEqualTo(
            Verdict.rejected(
                Reason.MALFORMED_EVIDENCE, "product 1 is 3x5 int32, expected 3x6 int32"));
    assertThat(
            validate(
                5,
                input,
                new FreivaldsEvidence<>(honest.output(), replace(p, 0, uniform(rnd, 3, 5, 0, 1)))))
        .isEqualTo(
            Verdict.rejected(
                Reason.MALFORMED_EVIDENCE, "product 0 is 3x5 float64, expected 3x5 int32"));
  }

  @Test
  void operandsOutsideTheExactRangeAreInconclusiveNotRejected() {
    IntMatrix x = IntMatrix.of(1, 2, new int[] {1 << 30, 1 << 30});
    IntMatrix w = IntMatrix.of(2, 1, new int[] {1, 1});
    ChainWorkload.Input input = new ChainWorkload.Input(x, List.of(w));
    IntMatrix wrapped = IntMatrix.of(1, 1, new int[] {Integer.MIN_VALUE});
    Verdict v = validate(6, input, new FreivaldsEvidence<>(wrapped, List.of(wrapped)));
    assertThat(v).isInstanceOf(Verdict.Inconclusive.class);
    assertThat(v.detail()).contains("may exceed int32");
  }

  @Test
  void aValidatorFailureIsInconclusiveNeverAcceptedSeed7() {
    SplittableRandom rnd = new SplittableRandom(7);
    ChainWorkload.Input input = intChain(rnd, 3, 3, 3);
    RandomSource broken = TestMatrices.broken();
    Verdict v =
        FreivaldsValidator.create(DEFAULTS, broken)
            .validate(CHAIN, input, FreivaldsProver.prove(CHAIN, input));
    assertThat(v).isInstanceOf(Verdict.Inconclusive.class);
    assertThat(v.detail()).contains("entropy source failed");
  }
}
