package dev.proofofcompute.ledger;

import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.money.Amount;
import java.util.List;
import java.util.stream.Stream;

/** Shape checks and encoders shared by the {@link Operation} records. */
final class OperationSupport {
  private OperationSupport() {}

  static void positive(String what, Amount amount) {
    if (amount.isZero()) {
      throw new IllegalArgumentException("a " + what + " moves a positive amount, got 0");
    }
  }

  static List<AccountId> sorted(AccountId... accounts) {
    return Stream.of(accounts).distinct().sorted().toList();
  }

  static CborMap nodeAmount(String op, NodeId node, Amount amount) {
    return CborMap.builder()
        .put("op", op)
        .put("node", node.digest())
        .put("amount", LedgerCbor.amount(amount))
        .build();
  }

  static CborMap stakeMap(String op, NodeId node, String jobId, String taskId, Amount amount) {
    return CborMap.builder()
        .put("op", op)
        .put("node", node.digest())
        .put("job", jobId)
        .put("task", taskId)
        .put("amount", LedgerCbor.amount(amount))
        .build();
  }
}
