package dev.proofofcompute.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.protocol.JobSpec;
import dev.proofofcompute.protocol.SpotCheckProtocol;
import dev.proofofcompute.protocol.TaskCheck;
import dev.proofofcompute.protocol.WorkloadCatalog;
import dev.proofofcompute.schemes.spotcheck.SpotCheckCommitment;
import dev.proofofcompute.schemes.spotcheck.SpotCheckParameters;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrindingSessionTest {
  static final WorkloadCatalog CATALOG = WorkloadCatalog.standard();
  static final SpotCheckProtocol PROTOCOL = SpotCheckProtocol.create(CATALOG);
  static final int N = 60;
  static final int SAMPLES = 4;
  static final int CANARIES = 2;
  static final double F = 0.2;

  static JobSpec job(long seed) {
    MatMul w = MatMul.create();
    return new JobSpec(
        ProtocolRuns.id("job", seed),
        w.id(),
        w.inputCodec().encode(MatMulInput.random(seed, N, 4, 3)),
        "spot-check",
        SpotCheckProtocol.encodeParameters(SAMPLES, CANARIES, 0));
  }

  @Test
  void theGrinderDodgesItsOwnPredictionButIsCaughtAtTheProtocolRate() throws Exception {
    SpotCheckParameters p = new SpotCheckParameters(SAMPLES, CANARIES);
    int runs = 200;
    int caught = 0;
    double expected = 0;
    double variance = 0;
    long tries = 0;
    for (long seed = 1; seed <= runs; seed++) {
      long s = seed;
      NodeIdentity id = ProtocolRuns.identity(seed);
      GrindingSession[] session = new GrindingSession[1];
      ProtocolRuns.Run run =
          ProtocolRuns.run(
              PROTOCOL,
              job(seed),
              0,
              id,
              task -> {
                session[0] = GrindingSession.execute(CATALOG, task, F, RandomSource.seeded(s));
                return session[0];
              },
              PROTOCOL::validate,
              seed);
      GrindingSession g = session[0];
      tries += g.tries();
      // Against a Fiat-Shamir challenge derived from its own commitment the grinder would win:
      // the samples predicted from its committed root miss every faked item.
      assertThat(g.dodgedPrediction()).as(ProtocolRuns.seedNote(seed)).isTrue();
      int m = N + CANARIES;
      Digest root = SpotCheckCommitment.parse(run.commitment()).root();
      Set<Integer> predicted = GrindingSession.predictSamples(root, m, SAMPLES + CANARIES);
      assertThat(predicted).as(ProtocolRuns.seedNote(seed)).doesNotContainAnyElementsOf(g.faked());
      // The real samples are drawn after the commitment: the per-run detection probability is
      // the scheme's, for the number of items this grinder faked.
      double pd = p.detectionProbability(N, g.faked().size());
      expected += pd;
      variance += pd * (1 - pd);
      boolean wasCaught = run.check() instanceof TaskCheck.Failed;
      if (g.faked().isEmpty()) {
        assertThat(wasCaught).as(ProtocolRuns.seedNote(seed)).isFalse();
      }
      caught += wasCaught ? 1 : 0;
    }
    double sigma = Math.sqrt(variance);
    assertThat((double) caught)
        .as(
            "caught %d of %d grinders, expected %.1f +- %.1f (seeds 1..%d)",
            caught, runs, expected, sigma, runs)
        .isBetween(expected - 4 * sigma - 1, expected + 4 * sigma + 1);
    assertThat(caught)
        .as("grinding buys nothing: most grinders are caught")
        .isGreaterThan(runs / 2);
    assertThat(tries).as("the grinder did re-roll").isGreaterThan(runs);
  }

  @Test
  void predictedSamplesAreDistinctAndInRange() {
    Digest root = ProtocolRuns.digest("root", 7);
    Set<Integer> s = GrindingSession.predictSamples(root, 10, 6);
    assertThat(s).hasSize(6).allMatch(i -> i >= 0 && i < 10);
    assertThat(GrindingSession.predictSamples(root, 5, 9)).containsExactly(0, 1, 2, 3, 4);
    assertThat(GrindingSession.predictSamples(root, 10, 6)).isEqualTo(s);
  }
}
