package dev.proofofcompute.translog.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.TestEntries;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One signed request per entry, except a batched request: one entry per operation, each marked with
 * its own {@code batch-op} index (docs/coordinator.md, "Batched requests").
 */
class ReplayCheckTest {
  static final LogEntry REQUEST = TestEntries.signedDeposit(TestEntries.identity(5), 3);

  /**
   * An entry authorised by {@link #REQUEST}, with {@code batch-op} set to {@code op} (a long, or a
   * text to test a malformed index; "none": no index).
   */
  static LogEntry entry(long seq, Object op) {
    CborMap.Builder b = CborMap.builder().put("seq", seq);
    if (op instanceof Long l) {
      b.put(Authorisation.NodeRequest.BATCH_OP_FIELD, l);
    } else if (op instanceof String s && !s.equals("none")) {
      b.put(Authorisation.NodeRequest.BATCH_OP_FIELD, new CborText(s));
    }
    return LogEntry.ofNodeRequest(
        EntryKind.COMMITMENT,
        REQUEST.time(),
        b.build(),
        (Authorisation.NodeRequest) REQUEST.authorisation());
  }

  static List<String> run(LogEntry... entries) {
    ReplayCheck check = new ReplayCheck();
    List<String> found = new ArrayList<>();
    for (int i = 0; i < entries.length; i++) {
      check.check(i, entries[i], d -> found.add(d.kind().name() + " " + d.where()));
    }
    return found;
  }

  @Test
  void oneEntryPerSingleRequestPasses() {
    assertThat(run(REQUEST, TestEntries.signedDeposit(TestEntries.identity(5), 4))).isEmpty();
  }

  @Test
  void aSingleRequestUsedTwiceIsAReplay() {
    assertThat(run(REQUEST, entry(1, "none"))).containsExactly("REPLAYED_REQUEST entry 1");
  }

  @Test
  void aBatchAuthorisesOneEntryPerOperation() {
    assertThat(run(entry(0, 0L), entry(1, 2L), entry(2, 1L), entry(3, 63L))).isEmpty();
  }

  @Test
  void oneOperationIndexTwiceIsAReplay() {
    assertThat(run(entry(0, 0L), entry(1, 1L), entry(2, 1L)))
        .containsExactly("REPLAYED_REQUEST entry 2");
  }

  @Test
  void markedAndUnmarkedUsesOfOneRequestAreAReplay() {
    assertThat(run(entry(0, 0L), entry(1, "none"))).containsExactly("REPLAYED_REQUEST entry 1");
    assertThat(run(entry(0, "none"), entry(1, 0L))).containsExactly("REPLAYED_REQUEST entry 1");
  }

  @Test
  void anIndexThatIsNoUnsignedIntegerIsNamed() {
    assertThat(run(entry(0, -1L))).containsExactly("REPLAYED_REQUEST entry 0");
    assertThat(run(entry(0, "zero"))).containsExactly("REPLAYED_REQUEST entry 0");
  }
}
