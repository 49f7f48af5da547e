package dev.proofofcompute.schemes.freivalds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.core.scheme.Policy;
import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.scheme.Verdict.Reason;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulF64;
import dev.proofofcompute.workloads.matmul.MatMulF64Input;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import dev.proofofcompute.workloads.mlp.MlpGenerator;
import dev.proofofcompute.workloads.mlp.MlpInfer;
import dev.proofofcompute.workloads.mlp.MlpInferInput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validator on the built-in workloads of poc-workloads: matmul, matmul-f64 and mlp-infer. */
class FreivaldsValidatorTest {
  private static final FreivaldsParameters DEFAULTS = FreivaldsParameters.defaults();

  private static <I, O> Verdict validate(
      long seed, Workload<I, O> w, I input, FreivaldsEvidence<O> e) throws PolicyException {
    Policy.forWorkload(FreivaldsScheme.create(), DEFAULTS, w);
    return FreivaldsValidator.create(DEFAULTS, RandomSource.seeded(seed)).validate(w, input, e);
  }

  /** Honest evidence accepted; each product with one entry corrupted rejected, naming it. */
  private static <I, O> List<String> check(long seed, Workload<I, O> w, I input)
      throws PolicyException {
    List<String> wrong = new ArrayList<>();
    FreivaldsEvidence<O> honest = FreivaldsProver.prove(w, input);
    Verdict ok = validate(seed, w, input, honest);
    if (!(ok instanceof Verdict.Accepted)) {
      wrong.add("honest: " + ok);
    }
    for (int k = 0; k < honest.products().size(); k++) {
      List<Matrix> products = new ArrayList<>(honest.products());
      Matrix c = products.get(k);
      int i = c.rows() / 2;
      int j = c.cols() - 1;
      products.set(
          k,
          switch (c) {
            case IntMatrix m -> TestMatrices.withEntry(m, i, j, m.get(i, j) + 1);
            case DoubleMatrix m -> TestMatrices.withEntry(m, i, j, m.get(i, j) * (1 + 1e-6) + 1e-6);
          });
      Verdict v = validate(seed + k, w, input, new FreivaldsEvidence<>(honest.output(), products));
      boolean named =
          v instanceof Verdict.Rejected r
              && r.reason() == Reason.WRONG_RESULT
              && r.detail().startsWith("product " + k + " fails Freivalds");
      if (!named) {
        wrong.add("product " + k + " corrupted: " + v);
      }
    }
    return wrong;
  }

  @Test
  void matmulInt8Seeds0To19() throws PolicyException {
    List<String> wrong = new ArrayList<>();
    MatMul w = MatMul.create();
    for (long seed = 0; seed < 20; seed++) {
      int n = 1 + (int) (seed * 7 % 40);
      wrong.addAll(check(seed, w, MatMulInput.random(seed, n, 1 + (int) (seed % 13), 40 - n + 1)));
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void matmulFloat64Seeds0To19() throws PolicyException {
    List<String> wrong = new ArrayList<>();
    MatMulF64 w = MatMulF64.create();
    for (long seed = 0; seed < 20; seed++) {
      int n = 1 + (int) (seed * 7 % 40);
      wrong.addAll(check(seed, w, MatMulF64Input.random(seed, n, 1 + (int) (seed * 5 % 60), 12)));
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void mlpInferEveryLayerSeeds0To9() throws PolicyException {
    List<String> wrong = new ArrayList<>();
    for (long seed = 0; seed < 10; seed++) {
      MlpInfer w = MlpInfer.create(MlpGenerator.randomModel(seed, 16, 32, 24, 10));
      MlpInferInput input = w.input(MlpGenerator.randomBatch(seed, 8, 16));
      wrong.addAll(check(seed, w, input));
    }
    assertThat(wrong).isEmpty();
  }
}
