package dev.proofofcompute.schemes.spotcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.spotcheck.LongItemsWorkload.Batch;
import org.junit.jupiter.api.Test;

class SpotCheckProverTest {
  private final LongItemsWorkload workload = LongItemsWorkload.create();
  private final Digest taskId = Digest.sha256(new byte[] {31});
  private final Digest seedCommitment = Digest.sha256(new byte[] {32});

  @Test
  void commitsToEveryItemOutputOfTheBatchSeed31() throws Exception {
    Batch batch = LongItemsWorkload.randomBatch(17, RandomSource.seeded(31));
    SpotCheckExecution execution =
        SpotCheckProver.create(workload)
            .execute(new SpotCheckTask<>(taskId, batch, 17, seedCommitment));
    for (int i = 0; i < 17; i++) {
      assertThat(execution.outputs().get(i))
          .isEqualTo(workload.items().orElseThrow().executeItem(batch, i));
    }
  }

  @Test
  void refusesABatchOfAnotherSizeThanAnnounced() throws Exception {
    Batch batch = LongItemsWorkload.randomBatch(5, RandomSource.seeded(32));
    SpotCheckProver<Batch, LongItemsWorkload.Results> prover = SpotCheckProver.create(workload);
    assertThatThrownBy(() -> prover.execute(new SpotCheckTask<>(taskId, batch, 6, seedCommitment)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAWorkloadWithoutItems() {
    assertThatThrownBy(() -> SpotCheckProver.create(LongItemsWorkload.withoutItems()))
        .isInstanceOf(PolicyException.class);
  }
}
