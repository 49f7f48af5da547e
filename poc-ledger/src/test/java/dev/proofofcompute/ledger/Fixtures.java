package dev.proofofcompute.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.money.Amount;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Shared test values: named nodes, amounts in credits, standard job terms. */
final class Fixtures {
  static final NodeId REQUESTER = node("requester");
  static final NodeId PROVIDER = node("provider");
  static final NodeId PROVIDER2 = node("provider-2");
  static final NodeId VALIDATOR = node("validator");
  static final NodeId VALIDATOR2 = node("validator-2");
  static final NodeId CHALLENGER = node("challenger");

  /** 70% to the requester, 10% to the treasury, 20% to the challenger. */
  static final SlashSplit SPLIT = new SlashSplit(7_000, 1_000, 2_000);

  /** 3 tasks, reward 10, fee 2, minimum stake 50: a budget of 36 credits. */
  static final JobTerms TERMS = new JobTerms(credits(10), credits(2), 3, credits(50), SPLIT);

  private Fixtures() {}

  static NodeId node(String name) {
    return new NodeId(Digest.sha256(name.getBytes(StandardCharsets.UTF_8)));
  }

  static Amount credits(long n) {
    return Amount.ofCredits(n);
  }

  static OperationId id(String value) {
    return new OperationId(value);
  }

  /**
   * Asserts that {@code ledger} refuses {@code op} under {@code id} for {@code reason} and that the
   * refusal changed nothing.
   */
  static LedgerException assertRefused(
      Ledger ledger, String id, Operation op, LedgerException.Reason reason) {
    LedgerSnapshot before = ledger.snapshot();
    List<Posting> postingsBefore = ledger.postings();
    LedgerException e = catchThrowableOfType(LedgerException.class, () -> ledger.apply(id(id), op));
    assertThat(e).as("%s must be refused", op).isNotNull();
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    assertThat(ledger.snapshot()).as("state after a refusal").isEqualTo(before);
    assertThat(ledger.postings()).as("postings after a refusal").isEqualTo(postingsBefore);
    if (reason != LedgerException.Reason.CONFLICTING_REPLAY) {
      assertThat(ledger.posting(id(id))).as("a refused id is not recorded").isEmpty();
    }
    return e;
  }
}
