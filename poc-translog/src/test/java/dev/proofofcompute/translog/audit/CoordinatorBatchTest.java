package dev.proofofcompute.translog.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.merkle.InclusionProof;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.TestEntries;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Coordinator entries authorised by one signature per batch ({@link
 * Authorisation.CoordinatorBatch}): they round-trip, verify from the entry alone, and every single
 * bit flip of an encoded entry is either refused by the parser or named by the signature check —
 * also when the check has just verified the honest batch and caches its signature.
 */
class CoordinatorBatchTest {
  private static final NodeIdentity COORDINATOR = TestEntries.coordinator();

  private static List<LogEntry> batch(NodeIdentity key, int size, String task) {
    List<LogEntry.Draft> drafts = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      drafts.add(
          new LogEntry.Draft(
              i % 2 == 0 ? EntryKind.VERDICT : EntryKind.SETTLEMENT,
              TestEntries.T0.plusMillis(i),
              CborMap.builder().put("task", task + "-" + i).put("n", i).build()));
    }
    return LogEntry.signedByCoordinator(drafts, key);
  }

  private static List<Discrepancy> check(SignatureCheck check, long index, LogEntry entry) {
    List<Discrepancy> found = new ArrayList<>();
    check.check(index, entry, found::add);
    return found;
  }

  @Test
  void oneSignatureCoversEveryEntryOfTheBatch() throws Exception {
    for (int size : new int[] {1, 2, 5, 64}) {
      List<LogEntry> entries = batch(COORDINATOR, size, "t");
      SignatureCheck check = new SignatureCheck(COORDINATOR.publicKey());
      for (int i = 0; i < size; i++) {
        LogEntry e = entries.get(i);
        assertThat(LogEntry.decode(e.encode())).isEqualTo(e);
        Authorisation.CoordinatorBatch auth = (Authorisation.CoordinatorBatch) e.authorisation();
        assertThat(auth.proof().leafIndex()).isEqualTo(i);
        assertThat(auth.proof().treeSize()).isEqualTo(size);
        assertThat(auth.signature()).isEqualTo(entries.get(0).authorisation().signature());
        auth.verify(e, false);
        assertThat(check(check, i, e)).as("size %d, entry %d", size, i).isEmpty();
      }
    }
  }

  @Test
  void anEntryWithAnotherEntrysPlaceOrAnotherBatchsSignatureIsNamed() {
    List<LogEntry> a = batch(COORDINATOR, 4, "a");
    List<LogEntry> b = batch(COORDINATOR, 4, "b");
    SignatureCheck check = new SignatureCheck(COORDINATOR.publicKey());
    LogEntry first = a.get(0);
    // Entry 0's content with entry 1's authorisation (same batch, same signature).
    LogEntry swapped =
        new LogEntry(first.kind(), first.time(), first.body(), a.get(1).authorisation());
    // Entry 0 of batch a with the authorisation of entry 0 of batch b.
    LogEntry foreign =
        new LogEntry(first.kind(), first.time(), first.body(), b.get(0).authorisation());
    // An edited body under the original authorisation.
    LogEntry edited =
        new LogEntry(
            first.kind(),
            first.time(),
            CborMap.builder().put("task", "a-0").put("n", 7).build(),
            first.authorisation());
    assertThat(check(check, 0, first)).isEmpty();
    for (LogEntry bad : List.of(swapped, foreign, edited)) {
      assertThat(check(check, 0, bad))
          .extracting(d -> d.kind().name())
          .as("%s", bad)
          .containsExactly("BAD_SIGNATURE");
    }
  }

  @Test
  void aBatchSignedByAnUnpinnedKeyIsNamed() {
    NodeIdentity other = TestEntries.identity(4242);
    LogEntry e = batch(other, 3, "x").get(2);
    List<Discrepancy> found = check(new SignatureCheck(COORDINATOR.publicKey()), 2, e);
    assertThat(found).extracting(d -> d.kind().name()).containsExactly("BAD_SIGNATURE");
    assertThat(found.get(0).detail()).contains("not a coordinator's");
  }

  @Test
  void everyBitFlipOfAnEncodedEntryIsRefusedOrNamed() {
    List<LogEntry> entries = batch(COORDINATOR, 3, "flip");
    LogEntry target = entries.get(1);
    byte[] encoded = target.encode().toByteArray();
    int decoded = 0;
    for (int i = 0; i < encoded.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] flipped = encoded.clone();
        flipped[i] ^= (byte) (1 << bit);
        LogEntry parsed;
        try {
          parsed = LogEntry.decode(Bytes.of(flipped));
        } catch (DecodingException e) {
          continue;
        }
        decoded++;
        // A check that has just verified the honest batch (its signature is cached).
        SignatureCheck warm = new SignatureCheck(COORDINATOR.publicKey());
        assertThat(check(warm, 0, entries.get(0))).isEmpty();
        assertThat(check(warm, 1, parsed))
            .as("byte %d bit %d of %d bytes", i, bit, encoded.length)
            .extracting(d -> d.kind().name())
            .containsExactly("BAD_SIGNATURE");
      }
    }
    // Most flips inside byte strings (signature, root, proof, key) still parse.
    assertThat(decoded).isGreaterThan(encoded.length);
  }

  @Test
  void decodingRefusesAMalformedBatchAuthorisation() throws Exception {
    LogEntry e = batch(COORDINATOR, 3, "d").get(2);
    CborMap auth = e.authorisation().toCbor();
    Authorisation.CoordinatorBatch batch = (Authorisation.CoordinatorBatch) e.authorisation();
    assertRefused(e, auth, "root", new CborBytes(auth.getBytes("root").slice(0, 31)), "31 bytes");
    InclusionProof outside = new InclusionProof(3, 3, batch.proof().path());
    assertRefused(e, auth, "proof", new CborBytes(outside.toBytes()), "leaf 3 of 3");
    assertRefused(e, auth, "proof", new CborBytes(Bytes.of(new byte[] {7})), "inclusion proof");
    assertRefused(e, auth, "by", new CborText("coordinators"), "'coordinator-batch'");
  }

  private static void assertRefused(
      LogEntry e, CborMap auth, String field, CborValue value, String message) {
    CborMap.Builder b = CborMap.builder();
    auth.entries().stream()
        .filter(x -> !x.key().equals(new CborText(field)))
        .forEach(x -> b.put(x.key(), x.value()));
    b.put(field, value);
    Bytes encoded =
        CborMap.builder()
            .put("v", LogEntry.VERSION)
            .put("kind", e.kind().wireName())
            .put("time", e.time().toEpochMilli())
            .put("body", e.body())
            .put("auth", b.build())
            .build()
            .encode();
    assertThatThrownBy(() -> LogEntry.decode(encoded))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining(message);
  }
}
