package dev.proofofcompute.schemes.spotcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.random.RandomSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanarySetTest {
  private final LongItemsWorkload workload = LongItemsWorkload.create();

  @Test
  void computedCanariesCarryTheWorkloadsAnswersInTheTemplatesContextSeed5() throws Exception {
    RandomSource random = RandomSource.seeded(5);
    LongItemsWorkload.Batch template = LongItemsWorkload.randomBatch(4, random);
    List<Bytes> inputs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      inputs.add(LongItemsWorkload.u64(random.nextLong()));
    }
    CanarySet canaries = CanarySet.compute(workload, template, inputs);
    assertThat(canaries.size()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      long item = java.nio.ByteBuffer.wrap(inputs.get(i).toByteArray()).getLong();
      assertThat(canaries.get(i).input()).isEqualTo(inputs.get(i));
      assertThat(canaries.get(i).knownOutput())
          .isEqualTo(LongItemsWorkload.u64(LongItemsWorkload.mix(template.salt(), item)));
    }
  }

  @Test
  void noneAndEmpty() throws Exception {
    assertThat(CanarySet.none().size()).isZero();
    assertThat(
            CanarySet.compute(
                workload, LongItemsWorkload.randomBatch(1, RandomSource.seeded(1)), List.of()))
        .isEqualTo(CanarySet.none());
  }

  @Test
  void refusesAWorkloadWithoutItems() {
    LongItemsWorkload noItems = LongItemsWorkload.withoutItems();
    assertThatThrownBy(() ->
            CanarySet.compute(
                noItems,
                LongItemsWorkload.randomBatch(1, RandomSource.seeded(1)),
                List.of(LongItemsWorkload.u64(1))))
        .isInstanceOf(PolicyException.class);
  }

  @Test
  void isImmutable() {
    List<CanarySet.Canary> list = new ArrayList<>();
    list.add(new CanarySet.Canary(Bytes.of(new byte[] {1}), Bytes.of(new byte[] {2})));
    CanarySet set = new CanarySet(list);
    list.clear();
    assertThat(set.size()).isEqualTo(1);
  }
}
