package dev.proofofcompute.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The "Done when" on a default arena run (seed {@link ArenaConfig#DEFAULT_SEED}): zero
 * false positives in at least 1,000 honest runs per scheme, empirical detection inside the 99%
 * interval of the theory, the grinder no better than the bound, copycats and colluding pairs caught
 * where the policy says, every corrupted Freivalds product rejected.
 */
class ArenaTest {
  private static ArenaReport report;

  @BeforeAll
  static void runDefaults() {
    report = Arena.run(ArenaConfig.defaults());
  }

  @Test
  void theReportCarriesItsSeedAndConfiguration() {
    assertThat(report.seed()).isEqualTo(ArenaConfig.DEFAULT_SEED);
    assertThat(report.config()).isEqualTo(ArenaConfig.defaults());
    assertThat(report.table()).startsWith("arena seed " + ArenaConfig.DEFAULT_SEED + "\n");
    assertThat(report.rows()).hasSameSizeAs(report.scenarios());
  }

  @Test
  void everySchemeRunsAtLeastAThousandHonestRunsWithoutAFalsePositive() {
    assertThat(report.schemes()).contains("replication", "freivalds", "spot-check", "bisection");
    for (String scheme : report.schemes()) {
      List<ScenarioResult> honest =
          report.scenarios(scheme).stream().filter(s -> s.behaviour().equals("honest")).toList();
      assertThat(honest).as(scheme).isNotEmpty();
      for (ScenarioResult s : honest) {
        assertThat(s.runs()).as(s.policy() + " " + s.workload()).isGreaterThanOrEqualTo(1000);
        assertThat(s.honestVerdicts()).as(s.policy()).isGreaterThanOrEqualTo(1000);
        assertThat(s.falsePositives()).as(s.policy() + " " + s.workload()).isZero();
        assertThat(s.cheatingRuns()).isZero();
      }
    }
    assertThat(report.honestFalsePositives()).isZero();
  }

  @Test
  void floatWorkloadsUnderReplicationAreAmongTheHonestRuns() {
    assertThat(report.scenarios("replication"))
        .filteredOn(s -> s.workload().equals("matmul-f64") && s.behaviour().equals("honest"))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.falsePositives()).isZero());
  }

  @Test
  void honestProvidersAreNeverRejectedInAdversarialRunsUnlessAQuorumColludes() {
    for (ScenarioResult s : report.scenarios()) {
      boolean colludingQuorum =
          s.behaviour().equals("colluding-pair") && s.policy().startsWith("k=3 q=2");
      if (!colludingQuorum) {
        assertThat(s.falsePositives())
            .as(s.scheme() + " " + s.policy() + " " + s.behaviour())
            .isZero();
      }
    }
  }

  @Test
  void adaptiveReplicationDetectionIsInsideTheInterval() {
    List<ScenarioResult> adaptive =
        report.scenarios("replication").stream()
            .filter(s -> s.policy().startsWith("adaptive") && s.cheatingRuns() > 0)
            .toList();
    assertThat(adaptive).hasSizeGreaterThanOrEqualTo(3);
    for (ScenarioResult s : adaptive) {
      Detection d = s.detectionIfAny().orElseThrow();
      assertThat(d.theoryInInterval())
          .as(
              "%s %s: theory %s, interval [%s, %s]",
              s.policy(), s.behaviour(), d.theoretical(), d.low(), d.high())
          .isTrue();
      assertThat(d.theoretical()).isLessThan(1);
      assertThat(s.cheatingRuns()).isGreaterThanOrEqualTo(2000);
    }
  }

  @Test
  void spotCheckDetectionIsInsideTheIntervalOfTheHypergeometric() {
    List<ScenarioResult> sampled =
        report.scenarios("spot-check").stream()
            .filter(s -> s.cheatingRuns() > 0 && s.detectionIfAny().orElseThrow().theoretical() < 1)
            .toList();
    assertThat(sampled)
        .extracting(ScenarioResult::behaviour)
        .contains("wrong-result", "lazy(f=0.1)", "grinder(f=0.1, attempts=4)");
    for (ScenarioResult s : sampled) {
      Detection d = s.detectionIfAny().orElseThrow();
      assertThat(s.cheatingRuns()).isGreaterThanOrEqualTo(2000);
      assertThat(d.theoryInInterval())
          .as(
              "%s %s: theory %s, interval [%s, %s]",
              s.workload(), s.behaviour(), d.theoretical(), d.low(), d.high())
          .isTrue();
    }
  }

  @Test
  void bisectionConvictsTheWrongPartyWithinCeilLog2TRounds() {
    List<ScenarioResult> disputes =
        report.scenarios("bisection").stream()
            .filter(s -> s.policy().startsWith("dispute"))
            .toList();
    assertThat(disputes)
        .extracting(ScenarioResult::behaviour)
        .contains("late-wrong-step(3 from end)", "wrong-result", "malformed");
    int honestVerdicts = 0;
    for (ScenarioResult s : disputes) {
      String what = s.behaviour();
      assertThat(s.caught()).as(what).isEqualTo(s.runs());
      assertThat(s.falsePositives()).as(what).isZero();
      double bound = s.metric("roundBound").orElseThrow();
      assertThat(bound).isEqualTo(6.0); // T = 64
      assertThat(s.metric("maxRounds").orElseThrow()).as(what).isLessThanOrEqualTo(bound);
      assertThat(s.metric("runsWithinRoundBound").orElseThrow()).as(what).isEqualTo(s.runs());
      assertThat(s.metric("maxStepsReExecuted").orElseThrow()).as(what).isLessThanOrEqualTo(1.0);
      if (!what.equals("malformed")) {
        assertThat(s.metric("locatedFirstWrongStep").orElseThrow()).as(what).isEqualTo(s.runs());
      }
      honestVerdicts += s.honestVerdicts();
    }
    assertThat(honestVerdicts).isGreaterThanOrEqualTo(1000);
  }

  @Test
  void segmentAuditDetectionIsInsideTheInterval() {
    List<ScenarioResult> audits =
        report.scenarios("bisection").stream()
            .filter(s -> s.policy().startsWith("audit") && s.cheatingRuns() > 0)
            .toList();
    assertThat(audits).hasSizeGreaterThanOrEqualTo(3);
    for (ScenarioResult s : audits) {
      Detection d = s.detectionIfAny().orElseThrow();
      assertThat(d.theoryInInterval())
          .as("%s: theory %s, interval [%s, %s]", s.behaviour(), d.theoretical(), d.low(), d.high())
          .isTrue();
      assertThat(s.inconclusive()).isZero();
    }
  }

  @Test
  void theGrinderDoesNoBetterThanTheBound() {
    List<ScenarioResult> grinders =
        report.scenarios().stream().filter(s -> s.behaviour().startsWith("grinder")).toList();
    assertThat(grinders).isNotEmpty();
    for (ScenarioResult s : grinders) {
      Detection d = s.detectionIfAny().orElseThrow();
      // escaping more often than the bound allows would put the whole interval below the theory
      assertThat(d.high())
          .as(s.scheme() + " " + s.policy())
          .isGreaterThanOrEqualTo(d.theoretical());
    }
    ScenarioResult adaptive =
        grinders.stream().filter(s -> s.scheme().equals("replication")).findFirst().orElseThrow();
    assertThat(adaptive.metric("refusedRecommitments"))
        .hasValueSatisfying(v -> assertThat(v).isPositive());
  }

  @Test
  void aColludingPairWinsAtK3Q2AndLosesAtK5Q3() {
    ScenarioResult wins = report.find("replication", "k=3 q=2", "colluding-pair").orElseThrow();
    assertThat(wins.escaped()).isEqualTo(wins.runs());
    assertThat(wins.falsePositives())
        .as("honest replica outvoted by the pair")
        .isEqualTo(wins.runs());
    for (ScenarioResult loses :
        report.scenarios("replication").stream()
            .filter(s -> s.policy().equals("k=5 q=3") && s.behaviour().equals("colluding-pair"))
            .toList()) {
      assertThat(loses.caught()).as(loses.workload()).isEqualTo(loses.runs());
      assertThat(loses.falsePositives()).isZero();
    }
  }

  @Test
  void copycatsAndMalformedEvidenceAreAlwaysCaught() {
    for (ScenarioResult s : report.scenarios()) {
      if (s.behaviour().equals("copycat") || s.behaviour().equals("malformed")) {
        assertThat(s.cheatingRuns()).as(s.scheme() + " " + s.workload()).isEqualTo(s.runs());
        assertThat(s.caught())
            .as(s.scheme() + " " + s.workload() + " " + s.behaviour())
            .isEqualTo(s.runs());
      }
    }
  }

  @Test
  void freivaldsRejectsEveryCorruptedChain() {
    List<ScenarioResult> cheats =
        report.scenarios("freivalds").stream().filter(s -> s.cheatingRuns() > 0).toList();
    assertThat(cheats)
        .extracting(ScenarioResult::workload)
        .contains("matmul", "mlp-infer", "matmul-f64");
    for (ScenarioResult s : cheats) {
      assertThat(s.caught()).as(s.workload() + " " + s.behaviour()).isEqualTo(s.cheatingRuns());
      assertThat(s.cheatingRuns()).isEqualTo(s.runs());
    }
  }

  @Test
  void replicationCostsTheOtherReplicasAndFreivaldsLessThanTheProduct() {
    assertThat(report.find("replication", "k=3 q=2", "honest").orElseThrow().cost().ratio())
        .isEqualTo(2.0);
    assertThat(report.find("replication", "k=5 q=3", "honest").orElseThrow().cost().ratio())
        .isEqualTo(4.0);
    ScenarioResult adaptive =
        report.scenarios("replication").stream()
            .filter(s -> s.policy().startsWith("adaptive") && s.behaviour().equals("honest"))
            .findFirst()
            .orElseThrow();
    assertThat(adaptive.cost().ratio()).isLessThan(2.0);
    ScenarioResult freivalds =
        report.find("freivalds", "rounds=1 GF(2^61-1)", "honest").orElseThrow();
    assertThat(freivalds.cost().unit()).isEqualTo("mac");
    assertThat(freivalds.cost().ratio()).isLessThan(1.0);
  }

  @Test
  void theSameSeedGivesTheSameReportAndAnotherSeedAnother() {
    ArenaConfig small = ArenaConfig.defaults().withRuns(20, 10, 50).withSeed(7);
    ArenaReport a = Arena.run(small);
    assertThat(Arena.run(small)).isEqualTo(a);
    assertThat(Arena.run(small.withSeed(8)).scenarios()).isNotEqualTo(a.scenarios());
  }
}
