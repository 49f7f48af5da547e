package dev.proofofcompute.stark.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.stark.field.Goldilocks;
import dev.proofofcompute.stark.workload.MimcChain;
import dev.proofofcompute.stark.workload.MimcChainInput;
import dev.proofofcompute.stark.workload.MimcChainOutput;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StarkSchemeVerifierTest {
  private static final MimcChain CHAIN = MimcChain.create();
  private static final StarkSchemeParameters PARAMETERS =
      StarkSchemeParameters.defaults(MimcChain.AIR);
  private static final MimcChainInput INPUT = new MimcChainInput(123_456_789L, 500);
  private static final StarkSchemeVerifier VERIFIER = StarkSchemeVerifier.create(PARAMETERS);

  private static MimcChainOutput output;
  private static Bytes proof;

  @BeforeAll
  static void prove() {
    output = CHAIN.execute(INPUT);
    proof = StarkSchemeProver.create(PARAMETERS).prove(CHAIN, INPUT, output);
  }

  private static Bytes encoded(MimcChainOutput o) {
    return CHAIN.outputCodec().encode(o);
  }

  @Test
  void anHonestProofIsAccepted() {
    Verdict v = VERIFIER.verify(CHAIN, INPUT, encoded(output), proof);
    assertThat(v).isInstanceOf(Verdict.Accepted.class);
    assertThat(v.detail()).contains("mimc7-chain/v1").contains("512 rows");
  }

  @Test
  void aWrongOutputIsRejectedAsABadProof() {
    MimcChainOutput wrong = new MimcChainOutput(Goldilocks.add(output.digest(), 1));
    Verdict v = VERIFIER.verify(CHAIN, INPUT, encoded(wrong), proof);
    assertThat(v)
        .isInstanceOfSatisfying(
            Verdict.Rejected.class,
            r -> assertThat(r.reason()).isEqualTo(Verdict.Reason.BAD_PROOF));
  }

  @Test
  void theProofDoesNotCarryOverToAnotherInput() {
    MimcChainInput other = new MimcChainInput(INPUT.seed() + 1, INPUT.steps());
    Verdict v = VERIFIER.verify(CHAIN, other, encoded(CHAIN.execute(other)), proof);
    assertThat(v)
        .isInstanceOfSatisfying(
            Verdict.Rejected.class,
            r -> assertThat(r.reason()).isEqualTo(Verdict.Reason.BAD_PROOF));
  }

  @Test
  void tamperedProofsAreRejectedSeed7() {
    SplittableRandom random = new SplittableRandom(7);
    byte[] bytes = proof.toByteArray();
    for (int trial = 0; trial < 40; trial++) {
      byte[] t = bytes.clone();
      int bit = random.nextInt(bytes.length * 8);
      t[bit / 8] ^= (byte) (1 << (bit % 8));
      Verdict v = VERIFIER.verify(CHAIN, INPUT, encoded(output), Bytes.of(t));
      assertThat(v)
          .as("seed 7, flipped bit %d", bit)
          .isInstanceOfSatisfying(
              Verdict.Rejected.class,
              r ->
                  assertThat(r.reason())
                      .isIn(Verdict.Reason.BAD_PROOF, Verdict.Reason.MALFORMED_EVIDENCE));
    }
  }

  @Test
  void malformedEvidenceIsRejectedAsSuch() {
    Verdict badOutput = VERIFIER.verify(CHAIN, INPUT, Bytes.fromHex("a0"), proof);
    assertThat(badOutput)
        .isInstanceOfSatisfying(
            Verdict.Rejected.class,
            r -> {
              assertThat(r.reason()).isEqualTo(Verdict.Reason.MALFORMED_EVIDENCE);
              assertThat(r.detail()).contains("output").contains("'digest' is missing");
            });
    Verdict truncated = VERIFIER.verify(CHAIN, INPUT, encoded(output), proof.slice(0, 100));
    assertThat(truncated)
        .isInstanceOfSatisfying(
            Verdict.Rejected.class,
            r -> {
              assertThat(r.reason()).isEqualTo(Verdict.Reason.MALFORMED_EVIDENCE);
              assertThat(r.detail()).startsWith("proof: ");
            });
  }

  @Test
  void aProofUnderOtherParametersIsRejected() {
    StarkSchemeParameters other =
        new StarkSchemeParameters(
            new dev.proofofcompute.stark.StarkParameters(8, 28, 16, 8, 2, 128), MimcChain.AIR);
    Verdict v = StarkSchemeVerifier.create(other).verify(CHAIN, INPUT, encoded(output), proof);
    assertThat(v)
        .isInstanceOfSatisfying(
            Verdict.Rejected.class,
            r -> assertThat(r.reason()).isEqualTo(Verdict.Reason.BAD_PROOF));
  }

  @Test
  void aPolicyForAnotherAirIsInconclusiveNotTheProvidersFault() {
    Verdict v =
        StarkSchemeVerifier.create(StarkSchemeParameters.defaults("fibonacci/v1"))
            .verify(CHAIN, INPUT, encoded(output), proof);
    assertThat(v).isInstanceOf(Verdict.Inconclusive.class);
  }

  @Test
  void theProverRefusesAWrongOutput() {
    MimcChainOutput wrong = new MimcChainOutput(Goldilocks.add(output.digest(), 1));
    assertThatThrownBy(() -> StarkSchemeProver.create(PARAMETERS).prove(CHAIN, INPUT, wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("boundary constraint");
  }
}
