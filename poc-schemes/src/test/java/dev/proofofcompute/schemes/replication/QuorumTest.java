package dev.proofofcompute.schemes.replication;

import static dev.proofofcompute.schemes.replication.Replicas.provider;
import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.crypto.identity.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class QuorumTest {
  /** An absolute tolerance of 1: values within 1 of each other agree. */
  private static final ResultComparator<Double> WITHIN_ONE =
      ResultComparator.tolerant(
          FloatSumWorkload.OUTPUT, FloatSumWorkload.VIEW, new FloatTolerance(0, 1.0));

  private static final ResultComparator<Long> EXACT =
      ResultComparator.exact(SumOfSquaresWorkload.OUTPUT);

  private static SortedMap<NodeId, Double> values(double... v) {
    SortedMap<NodeId, Double> m = new TreeMap<>();
    for (int i = 0; i < v.length; i++) {
      m.put(provider(i), v[i]);
    }
    return m;
  }

  @Test
  void aNearMissWithTheLowestIdDoesNotSplitTheHonestResults() {
    // Provider 0 cheats within tolerance of provider 1 only; 1 and 2 are honest and agree.
    // Anchoring on the lowest id would give {0, 1} against {2} and outvote honest provider 2.
    Quorum.Tally t = Quorum.tally(values(-0.9, 0.0, 0.9), WITHIN_ONE, 2);

    assertThat(t.anchor()).isEqualTo(provider(1));
    assertThat(t.winners()).containsExactly(provider(0), provider(1), provider(2));
    assertThat(t.outvoted()).isEmpty();
  }

  @Test
  void aResultNearAWinnerButNotTheAnchorIsNeitherAcceptedNorRejected() {
    // Neighbourhoods (tolerance 1): p0{0,1,2} p1{0,1,2,3} p2{0,1,2,4} p3{1,3} p4{2,4}.
    // p1 and p2 tie at 4; the lower id p1 anchors; p4 agrees with winner p2 but not with p1.
    Quorum.Tally t = Quorum.tally(values(0.0, 0.5, -0.5, 1.4, -1.4), WITHIN_ONE, 3);

    assertThat(t.anchor()).isEqualTo(provider(1));
    assertThat(t.largestGroup()).isEqualTo(4);
    assertThat(t.winners()).containsExactly(provider(0), provider(1), provider(2), provider(3));
    assertThat(t.between()).containsExactly(provider(4));
    assertThat(t.outvoted()).isEmpty();
  }

  @Test
  void aResultThatDisagreesWithEveryWinnerIsOutvoted() {
    Quorum.Tally t = Quorum.tally(values(0.0, 0.5, 7.0), WITHIN_ONE, 2);
    assertThat(t.winners()).containsExactly(provider(0), provider(1));
    assertThat(t.outvoted()).containsExactly(provider(2));
  }

  @Test
  void belowTheQuorumThereIsNoAnchor() {
    Quorum.Tally t = Quorum.tally(values(0.0, 5.0, 10.0), WITHIN_ONE, 2);
    assertThat(t.anchor()).isNull();
    assertThat(t.largestGroup()).isEqualTo(1);
    assertThat(t.winners()).isEmpty();
    assertThat(t.outvoted()).isEmpty();
  }

  @Test
  void noOpeningsNoAnchor() {
    Quorum.Tally t = Quorum.tally(new TreeMap<NodeId, Long>(), EXACT, 1);
    assertThat(t.anchor()).isNull();
    assertThat(t.largestGroup()).isZero();
  }

  /**
   * Differential test against a naive reference for EXACT outputs: the winners are exactly the
   * largest class of equal outputs when it reaches the quorum, everybody else is outvoted, and no
   * result is ever in between.
   */
  @Test
  void exactOutputsMatchANaiveMajorityCount() {
    long seed = 1234;
    Random rnd = new Random(seed);
    for (int trial = 0; trial < 2000; trial++) {
      int k = 1 + rnd.nextInt(9);
      int q = k / 2 + 1 + rnd.nextInt(k - k / 2);
      SortedMap<NodeId, Long> outs = new TreeMap<>();
      for (int i = 0; i < k; i++) {
        outs.put(provider(i), (long) rnd.nextInt(3));
      }
      Map<Long, List<NodeId>> classes = new TreeMap<>();
      outs.forEach((p, v) -> classes.computeIfAbsent(v, x -> new ArrayList<>()).add(p));
      List<NodeId> largest =
          classes.values().stream()
              .max((a, b) -> Integer.compare(a.size(), b.size()))
              .orElseThrow();

      Quorum.Tally t = Quorum.tally(outs, EXACT, q);

      assertThat(t.between()).as("seed %d trial %d", seed, trial).isEmpty();
      assertThat(t.largestGroup()).isEqualTo(largest.size());
      if (largest.size() >= q) {
        assertThat(t.winners())
            .as("seed %d trial %d", seed, trial)
            .containsExactlyElementsOf(largest);
        assertThat(t.winners().size() + t.outvoted().size()).isEqualTo(k);
      } else {
        assertThat(t.anchor()).as("seed %d trial %d", seed, trial).isNull();
      }
    }
  }
}
