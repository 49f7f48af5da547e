package dev.proofofcompute.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.crypto.random.SeededRandomSource;
import org.junit.jupiter.api.Test;

class SlashSplitTest {
  @Test
  void sharesMustSumToTheWhole() {
    assertThatThrownBy(() -> new SlashSplit(5_000, 5_000, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sum to 10000");
    assertThatThrownBy(() -> new SlashSplit(-1, 10_000, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> new SlashSplit(Integer.MAX_VALUE, Integer.MAX_VALUE, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exactDivisionHasNoRemainder() {
    SlashSplit.Shares s = new SlashSplit(7_000, 1_000, 2_000).divide(Amount.ofCredits(10));
    assertThat(s.requester()).isEqualTo(Amount.ofCredits(7));
    assertThat(s.treasury()).isEqualTo(Amount.ofCredits(1));
    assertThat(s.challenger()).isEqualTo(Amount.ofCredits(2));
  }

  @Test
  void theRoundingRemainderGoesToTheTreasury() {
    // 100 units by thirds-ish: floor(33.33) = 33 each to requester and challenger, 34 to treasury.
    SlashSplit.Shares s = new SlashSplit(3_333, 3_334, 3_333).divide(Amount.of(100));
    assertThat(s.requester()).isEqualTo(Amount.of(33));
    assertThat(s.challenger()).isEqualTo(Amount.of(33));
    assertThat(s.treasury()).isEqualTo(Amount.of(34));
    // Even a zero treasury share receives the remainder.
    SlashSplit.Shares t = new SlashSplit(5_000, 0, 5_000).divide(Amount.of(3));
    assertThat(t.requester()).isEqualTo(Amount.of(1));
    assertThat(t.challenger()).isEqualTo(Amount.of(1));
    assertThat(t.treasury()).isEqualTo(Amount.of(1));
  }

  @Test
  void sharesAlwaysSumExactlyAndFollowTheFloorRule() {
    SeededRandomSource random = RandomSource.seeded(0x5eed_51a5L);
    for (int i = 0; i < 2_000; i++) {
      int r = (int) random.nextLong(10_001);
      int c = (int) random.nextLong(10_001 - r);
      SlashSplit split = new SlashSplit(r, 10_000 - r - c, c);
      Amount amount = Amount.of(random.nextLong(Long.MAX_VALUE));
      SlashSplit.Shares s = split.divide(amount);
      String why = "seed " + random.seed() + ", " + split + " of " + amount.units();
      assertThat(s.requester().plus(s.treasury()).plus(s.challenger())).as(why).isEqualTo(amount);
      assertThat(s.requester()).as(why).isEqualTo(amount.mulDiv(r, 10_000));
      assertThat(s.challenger()).as(why).isEqualTo(amount.mulDiv(c, 10_000));
      assertThat(s.treasury().minus(amount.mulDiv(split.treasuryBps(), 10_000)).units())
          .as(why)
          .isBetween(0L, 2L);
    }
  }
}
