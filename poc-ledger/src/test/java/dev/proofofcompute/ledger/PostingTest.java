package dev.proofofcompute.ledger;

import static dev.proofofcompute.ledger.Fixtures.PROVIDER;
import static dev.proofofcompute.ledger.Fixtures.REQUESTER;
import static dev.proofofcompute.ledger.Fixtures.TERMS;
import static dev.proofofcompute.ledger.Fixtures.credits;
import static dev.proofofcompute.ledger.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.ledger.LedgerInvariantsExtension.TrackedLedgers;
import dev.proofofcompute.ledger.Operation.Bond;
import dev.proofofcompute.ledger.Operation.CloseJob;
import dev.proofofcompute.ledger.Operation.Deposit;
import dev.proofofcompute.ledger.Operation.EscrowJob;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LedgerInvariantsExtension.class)
class PostingTest {
  @Test
  void aHistoryRoundTripsThroughCborAndReplaysToTheSameState(Ledger ledger, TrackedLedgers tracked)
      throws Exception {
    ledger.apply(id("d1"), new Deposit(REQUESTER, credits(100)));
    ledger.apply(id("d2"), new Deposit(PROVIDER, credits(80)));
    ledger.apply(id("b1"), new Bond(PROVIDER, credits(60)));
    ledger.apply(id("e1"), new EscrowJob("job-1", REQUESTER, TERMS));
    ledger.apply(id("c1"), new CloseJob("job-1", REQUESTER));

    List<Posting> decoded = new ArrayList<>();
    for (Posting p : ledger.postings()) {
      Posting back = Posting.parse(p.toBytes());
      assertThat(back).isEqualTo(p);
      assertThat(back.toBytes()).isEqualTo(p.toBytes());
      decoded.add(back);
    }
    Ledger replayed = tracked.track(Ledger.replay(decoded));
    assertThat(replayed.snapshot()).isEqualTo(ledger.snapshot());
    assertThat(replayed.postings()).isEqualTo(ledger.postings());
  }

  @Test
  void rejectsMalformedPostings(Ledger ledger) throws Exception {
    Posting p = ledger.apply(id("d1"), new Deposit(REQUESTER, credits(1)));
    CborMap ok = p.toCbor();
    assertThat(Posting.fromCbor(ok)).isEqualTo(p);

    CborMap extra = put(ok, "note", new CborText("x"));
    assertThatThrownBy(() -> Posting.fromCbor(extra)).hasMessageContaining("unexpected field");
    CborMap badId = put(ok, "id", new CborText("has space"));
    assertThatThrownBy(() -> Posting.fromCbor(badId))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("field 'id'");
    CborMap badLeg =
        put(
            ok,
            "transfers",
            new dev.proofofcompute.crypto.cbor.CborArray(List.of(new CborText("leg"))));
    assertThatThrownBy(() -> Posting.fromCbor(badLeg)).hasMessageContaining("a transfer is");
    assertThatThrownBy(() -> Posting.fromCbor(new CborText("posting")))
        .hasMessageContaining("a posting is a CBOR map");
  }

  private static CborMap put(CborMap map, String key, dev.proofofcompute.crypto.cbor.CborValue v) {
    List<CborMap.Entry> entries = new ArrayList<>();
    for (CborMap.Entry e : map.entries()) {
      if (!e.key().equals(new CborText(key))) {
        entries.add(e);
      }
    }
    entries.add(new CborMap.Entry(new CborText(key), v));
    return CborMap.ofEntries(entries);
  }
}
