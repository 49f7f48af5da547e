package dev.proofofcompute.stark.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.stark.scheme.StarkScheme;
import dev.proofofcompute.stark.scheme.StarkSchemeParameters;
import dev.proofofcompute.stark.scheme.StarkSchemeProver;
import dev.proofofcompute.stark.scheme.StarkSchemeVerifier;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MatVecTest {
  private static final MatVec MATVEC = MatVec.create();
  private static final StarkSchemeParameters PARAMETERS =
      StarkSchemeParameters.defaults(MatVec.AIR);
  private static final StarkSchemeVerifier VERIFIER = StarkSchemeVerifier.create(PARAMETERS);
  private static final MatVecInput INPUT = new MatVecInput(int8(20, 30, 1), int8(30, 1, 2));

  private static MatVecOutput output;
  private static Bytes proof;

  @BeforeAll
  static void prove() {
    output = MATVEC.execute(INPUT);
    proof = StarkSchemeProver.create(PARAMETERS).prove(MATVEC, INPUT, output);
  }

  static IntMatrix int8(int rows, int cols, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    return IntMatrix.generate(rows, cols, (r, c) -> rnd.nextInt(256) - 128);
  }

  private static Verdict verify(MatVecInput in, MatVecOutput out, Bytes p) {
    return VERIFIER.verify(MATVEC, in, MATVEC.outputCodec().encode(out), p);
  }

  private static Verdict.Reason rejection(Verdict v) {
    assertThat(v).isInstanceOf(Verdict.Rejected.class);
    return ((Verdict.Rejected) v).reason();
  }

  @Test
  void executeMatchesANaiveLongReferenceSeed5() {
    SplittableRandom rnd = new SplittableRandom(5);
    for (int trial = 0; trial < 20; trial++) {
      int m = 1 + rnd.nextInt(40);
      int n = 1 + rnd.nextInt(40);
      MatVecInput in = new MatVecInput(int8(m, n, rnd.nextLong()), int8(n, 1, rnd.nextLong()));
      IntMatrix y = MATVEC.execute(in).result();
      for (int i = 0; i < m; i++) {
        long sum = 0;
        for (int j = 0; j < n; j++) {
          sum += (long) in.weights().get(i, j) * in.vector().get(j, 0);
        }
        assertThat((long) y.get(i, 0)).as("seed 5 trial %d row %d", trial, i).isEqualTo(sum);
      }
    }
  }

  @Test
  void anHonestProofIsAcceptedUnderTheStarkScheme() throws Exception {
    StarkScheme.create().checkApplicable(MATVEC, PARAMETERS);
    Verdict v = verify(INPUT, output, proof);
    assertThat(v).isInstanceOf(Verdict.Accepted.class);
    assertThat(v.detail()).contains("matvec/v1").contains("1024 rows");
  }

  @Test
  void aWrongResultEntryIsABadProof() {
    int[] y = output.result().toRowMajorArray();
    y[19] -= 1;
    assertThat(rejection(verify(INPUT, new MatVecOutput(IntMatrix.of(20, 1, y)), proof)))
        .isEqualTo(Verdict.Reason.BAD_PROOF);
  }

  @Test
  void theProofDoesNotCarryOverToOtherWeightsOrVector() {
    int[] w = INPUT.weights().toRowMajorArray();
    w[0] = w[0] == 0 ? 1 : 0;
    MatVecInput otherWeights = new MatVecInput(IntMatrix.of(20, 30, w), INPUT.vector());
    int[] x = INPUT.vector().toRowMajorArray();
    x[29] = x[29] == 0 ? 1 : 0;
    MatVecInput otherVector = new MatVecInput(INPUT.weights(), IntMatrix.of(30, 1, x));
    for (MatVecInput other : List.of(otherWeights, otherVector)) {
      // Even with the other input's true result: the proof is for INPUT.
      assertThat(rejection(verify(other, MATVEC.execute(other), proof)))
          .isEqualTo(Verdict.Reason.BAD_PROOF);
    }
  }

  @Test
  void aResultOfTheWrongLengthIsMalformedEvidenceNotInconclusive() {
    MatVecOutput shortResult = new MatVecOutput(IntMatrix.of(19, 1, new int[19]));
    Verdict v = verify(INPUT, shortResult, proof);
    assertThat(rejection(v)).isEqualTo(Verdict.Reason.MALFORMED_EVIDENCE);
    assertThat(v.detail()).contains("the result has 19 entries");
    assertThatThrownBy(() -> MATVEC.checkOutput(INPUT, shortResult))
        .isInstanceOf(DecodingException.class);
    assertThatCode(() -> MATVEC.checkOutput(INPUT, output)).doesNotThrowAnyException();
  }

  @Test
  void theProverRefusesAFalseClaim() {
    int[] y = output.result().toRowMajorArray();
    y[0] += 1;
    MatVecOutput wrong = new MatVecOutput(IntMatrix.of(20, 1, y));
    assertThatThrownBy(() -> StarkSchemeProver.create(PARAMETERS).prove(MATVEC, INPUT, wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("violates");
  }

  @Test
  void codecsRoundTrip() throws DecodingException {
    assertThat(MATVEC.inputCodec().decode(MATVEC.inputCodec().encode(INPUT))).isEqualTo(INPUT);
    assertThat(MATVEC.outputCodec().decode(MATVEC.outputCodec().encode(output))).isEqualTo(output);
    // {"result": h'01 00000001 00000001 fffffff6'}: a 1x1 int32 matrix holding -10.
    MatVecOutput minusTen = new MatVecOutput(IntMatrix.of(1, 1, new int[] {-10}));
    assertThat(MATVEC.outputCodec().encode(minusTen).toHex())
        .isEqualTo("a166726573756c744d01000000010000000" + "1fffffff6");
  }

  @Test
  void malformedEncodingsGetAClearError() {
    Bytes w = INPUT.weights().encode();
    Bytes x = INPUT.vector().encode();
    assertDecodeError(input(CborMap.builder().put("weights", new CborBytes(w))), "'vector'");
    assertDecodeError(
        input(
            CborMap.builder()
                .put("weights", new CborBytes(w))
                .put("vector", new CborBytes(x))
                .put("bias", 1)),
        "unexpected field");
    assertDecodeError(
        input(
            CborMap.builder()
                .put("weights", new CborBytes(w))
                .put("vector", new CborBytes(INPUT.weights().encode()))),
        "needs a 30x1 vector");
    assertDecodeError(
        input(
            CborMap.builder()
                .put("weights", new CborBytes(IntMatrix.of(1, 1, new int[] {200}).encode()))
                .put("vector", new CborBytes(IntMatrix.of(1, 1, new int[] {1}).encode()))),
        "outside int8");
    assertDecodeError(
        input(
            CborMap.builder()
                .put("weights", new CborBytes(DoubleMatrix.of(1, 1, new double[] {1}).encode()))
                .put("vector", new CborBytes(x))),
        "field 'weights': not an int32 matrix");
    assertDecodeError(
        input(
            CborMap.builder()
                .put("weights", new CborBytes(Bytes.fromHex("0100000001")))
                .put("vector", new CborBytes(x))),
        "field 'weights'");
    assertDecodeError(input(CborMap.builder().put("weights", 5).put("vector", 6)), "weights");
    // Not canonical: {"weights": h'00', "vector": h'00'}, keys out of the canonical order.
    Bytes outOfOrder = Bytes.fromHex("a267776569676874734100" + "66766563746f724100");
    assertThatThrownBy(() -> MATVEC.inputCodec().decode(outOfOrder))
        .isInstanceOf(DecodingException.class)
        .hasMessageStartingWith("matvec input");
    assertThatThrownBy(() -> MATVEC.outputCodec().decode(Bytes.fromHex("a0")))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("'result'");
    Bytes row =
        CborMap.builder()
            .put("result", new CborBytes(IntMatrix.of(1, 3, new int[3]).encode()))
            .build()
            .encode();
    assertThatThrownBy(() -> MATVEC.outputCodec().decode(row))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("column vector");
  }

  @Test
  void freivaldsSeesTheSingleProduct() {
    var products = MATVEC.matrices().orElseThrow();
    assertThat(products.productCount(INPUT)).isEqualTo(1);
    List<Matrix> honest = products.products(INPUT);
    assertThat(honest).containsExactly(output.result());
    assertThat(products.left(INPUT, List.of(), 0)).isEqualTo(INPUT.weights());
    assertThat(products.right(INPUT, 0)).isEqualTo(INPUT.vector());
    assertThat(products.output(INPUT, honest)).isEqualTo(output);
    assertThatThrownBy(() -> products.output(INPUT, List.of(INPUT.weights())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> products.right(INPUT, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theIdBindsTheAir() {
    assertThat(MATVEC.id().name()).isEqualTo("matvec");
    assertThat(MATVEC.airName()).isEqualTo(MATVEC.air(INPUT, output).name()).isEqualTo("matvec/v1");
    assertThat(MATVEC.constraintDegree()).isEqualTo(2);
  }

  private static Bytes input(CborMap.Builder b) {
    return b.build().encode();
  }

  private static void assertDecodeError(Bytes bytes, String message) {
    assertThatThrownBy(() -> MATVEC.inputCodec().decode(bytes))
        .isInstanceOf(DecodingException.class)
        .hasMessageStartingWith("matvec input")
        .hasMessageContaining(message);
  }
}
