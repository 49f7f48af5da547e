package dev.proofofcompute.ledger;

import static dev.proofofcompute.ledger.Fixtures.SPLIT;
import static dev.proofofcompute.ledger.Fixtures.TERMS;
import static dev.proofofcompute.ledger.Fixtures.credits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.money.Amount;
import org.junit.jupiter.api.Test;

class JobTermsTest {
  @Test
  void budgetIsTasksTimesRewardPlusFee() {
    assertThat(TERMS.perTask()).isEqualTo(credits(12));
    assertThat(TERMS.budget()).isEqualTo(credits(36));
    assertThat(new JobTerms(Amount.ZERO, Amount.ZERO, 5, Amount.ZERO, SPLIT).budget())
        .isEqualTo(Amount.ZERO);
  }

  @Test
  void rejectsAnOverflowingBudget() {
    Amount half = Amount.of(Long.MAX_VALUE / 2 + 1);
    assertThatThrownBy(() -> new JobTerms(half, Amount.ZERO, 2, Amount.ZERO, SPLIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit");
    assertThatThrownBy(() -> new JobTerms(half, half, 1, Amount.ZERO, SPLIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit");
    assertThat(new JobTerms(half, Amount.ZERO, 1, Amount.ZERO, SPLIT).budget()).isEqualTo(half);
  }

  @Test
  void rejectsATaskCountOutOfRange() {
    assertThatThrownBy(() -> new JobTerms(credits(1), credits(1), 0, credits(1), SPLIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to");
    assertThatThrownBy(
            () -> new JobTerms(credits(1), credits(1), JobTerms.MAX_TASKS + 1, credits(1), SPLIT))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
