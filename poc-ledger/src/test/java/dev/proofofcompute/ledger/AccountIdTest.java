package dev.proofofcompute.ledger;

import static dev.proofofcompute.ledger.Fixtures.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AccountIdTest {
  private static final String HEX = PROVIDER.toHex();

  @Test
  void factoriesProduceTheCanonicalForms() {
    assertThat(AccountId.available(PROVIDER).value()).isEqualTo("node:" + HEX + ":available");
    assertThat(AccountId.bonded(PROVIDER).value()).isEqualTo("node:" + HEX + ":bonded");
    assertThat(AccountId.locked(PROVIDER).value()).isEqualTo("node:" + HEX + ":locked");
    assertThat(AccountId.escrow("job-7").value()).isEqualTo("job:job-7:escrow");
    assertThat(AccountId.treasury().value()).isEqualTo("treasury");
    assertThat(AccountId.external().value()).isEqualTo("external");
  }

  @Test
  void parseRoundTripsAndExposesKindNodeAndJob() {
    for (AccountId a :
        List.of(
            AccountId.available(PROVIDER),
            AccountId.bonded(PROVIDER),
            AccountId.locked(PROVIDER),
            AccountId.escrow("a.b_c-d/e"),
            AccountId.treasury(),
            AccountId.external())) {
      assertThat(AccountId.parse(a.value())).isEqualTo(a);
      assertThat(a.toString()).isEqualTo(a.value());
    }
    assertThat(AccountId.locked(PROVIDER).kind()).isEqualTo(AccountId.Kind.LOCKED);
    assertThat(AccountId.locked(PROVIDER).node()).contains(PROVIDER);
    assertThat(AccountId.locked(PROVIDER).jobId()).isEmpty();
    assertThat(AccountId.escrow("j1").kind()).isEqualTo(AccountId.Kind.ESCROW);
    assertThat(AccountId.escrow("j1").jobId()).contains("j1");
    assertThat(AccountId.escrow("j1").node()).isEmpty();
    assertThat(AccountId.treasury().kind()).isEqualTo(AccountId.Kind.TREASURY);
    assertThat(AccountId.external().kind()).isEqualTo(AccountId.Kind.EXTERNAL);
  }

  static Stream<String> nonCanonical() {
    String a64 = "a".repeat(64);
    return Stream.of(
        "",
        "Treasury",
        "treasury ",
        "external:x",
        "job::escrow",
        "job:a:b:escrow",
        "job:a b:escrow",
        "job:a:available",
        "job:a",
        "node:abc:available",
        "node:" + "g".repeat(64) + ":available",
        "node:" + "A".repeat(64) + ":available",
        "node:" + a64 + ":escrow",
        "node:" + a64 + ":",
        "node:" + a64,
        "node:" + a64 + "a:bonded");
  }

  @ParameterizedTest
  @MethodSource("nonCanonical")
  void rejectsNonCanonicalForms(String text) {
    assertThatThrownBy(() -> AccountId.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an account id");
  }

  @Test
  void rejectsOverlongJobIds() {
    assertThat(AccountId.escrow("j".repeat(Ids.MAX_LENGTH)).jobId()).isPresent();
    assertThatThrownBy(() -> AccountId.escrow("j".repeat(Ids.MAX_LENGTH + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 128 characters");
    assertThatThrownBy(() -> AccountId.escrow("job:1")).hasMessageContaining("':' at index 3");
  }

  @Test
  void ordersByString() {
    assertThat(AccountId.treasury().compareTo(AccountId.external())).isPositive();
    assertThat(AccountId.escrow("a").compareTo(AccountId.escrow("b"))).isNegative();
  }
}
