package dev.proofofcompute.schemes.spotcheck.adversary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.spotcheck.CanarySet;
import dev.proofofcompute.schemes.spotcheck.LongItemsWorkload;
import dev.proofofcompute.schemes.spotcheck.LongItemsWorkload.Batch;
import dev.proofofcompute.schemes.spotcheck.LongItemsWorkload.Results;
import dev.proofofcompute.schemes.spotcheck.SpotCheckParameters;
import dev.proofofcompute.schemes.spotcheck.SpotCheckRun;
import dev.proofofcompute.schemes.spotcheck.SpotCheckValidator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MalformedOpeningProviderTest {
  private final LongItemsWorkload workload = LongItemsWorkload.create();

  @ParameterizedTest
  @EnumSource(MalformedOpeningProvider.Malformation.class)
  void everyMalformedOpeningIsRejectedWithItsReasonSeeds1To40(
      MalformedOpeningProvider.Malformation malformation) throws Exception {
    MalformedOpeningProvider<Batch, Results> provider =
        MalformedOpeningProvider.create(workload, malformation, RandomSource.seeded(-7));
    List<String> wrong = new ArrayList<>();
    for (long seed = 1; seed <= 40; seed++) {
      RandomSource random = RandomSource.seeded(~seed);
      int n = 1 + (int) (seed % 20);
      int c = (int) (seed % 3);
      SpotCheckParameters p = new SpotCheckParameters(c == 0 ? 1 : (int) (seed % (n + 1)), c);
      SpotCheckValidator<Batch, Results> validator = SpotCheckValidator.create(workload, p);
      Batch requester = LongItemsWorkload.randomBatch(n, random);
      CanarySet canaries = SpotCheckRun.canaries(workload, requester, c, random);
      SpotCheckRun run = SpotCheckRun.run(validator, provider, requester, canaries, seed);
      if (!(run.verdict() instanceof Verdict.Rejected r) || r.reason() != malformation.expected()) {
        wrong.add("seed " + seed + " (N=" + n + ", " + p + "): " + run.verdict());
      }
    }
    assertThat(wrong).isEmpty();
  }
}
