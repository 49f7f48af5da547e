package dev.proofofcompute.translog.audit;

import dev.proofofcompute.translog.SignedTreeHead;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of an audit.
 *
 * @param discrepancies everything found wrong, in the order found; empty means the audit passed
 * @param entriesAudited how many entries were read and checked
 * @param auditedHead the head the entries were checked against, if any head was valid
 * @param nextState the state to save for the next audit: the audited head when it is consistent
 *     with the previous state, otherwise the previous state unchanged (null when there is none)
 */
public record AuditReport(
    List<Discrepancy> discrepancies,
    long entriesAudited,
    @Nullable SignedTreeHead auditedHead,
    @Nullable AuditState nextState) {

  public AuditReport {
    discrepancies = List.copyOf(discrepancies);
  }

  public boolean passed() {
    return discrepancies.isEmpty();
  }

  /** The state to save, if any. */
  public Optional<AuditState> stateToSave() {
    return Optional.ofNullable(nextState);
  }

  /** Whether a discrepancy of {@code kind} was found. */
  public boolean has(DiscrepancyKind kind) {
    return discrepancies.stream().anyMatch(d -> d.kind().equals(kind));
  }

  /** A short human summary: PASS or FAIL, then one line per discrepancy. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    SignedTreeHead head = auditedHead;
    sb.append(passed() ? "PASS" : "FAIL")
        .append(": ")
        .append(entriesAudited)
        .append(" entries audited");
    if (head != null) {
      sb.append(" against the head of size ")
          .append(head.treeSize())
          .append(" (root ")
          .append(head.rootHash().toHex(), 0, 16)
          .append("..., ")
          .append(head.timestamp())
          .append(')');
    }
    sb.append(", ").append(discrepancies.size()).append(" discrepancies");
    for (Discrepancy d : discrepancies) {
      sb.append('\n').append("  ").append(d);
    }
    return sb.toString();
  }
}
