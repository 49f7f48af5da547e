package dev.proofofcompute.translog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.crypto.identity.Ed25519Verifier;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.merkle.MerkleHashes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class LogEntryTest {
  private static final NodeIdentity NODE = TestEntries.identity(1);
  private static final NodeIdentity COORDINATOR = TestEntries.coordinator();

  @Test
  void roundTripsAndHashesAsAnRfc6962Leaf() throws Exception {
    LogEntry node = TestEntries.signedDeposit(NODE, 5);
    LogEntry coord =
        LogEntry.signedByCoordinator(
            EntryKind.SETTLEMENT,
            TestEntries.T0,
            CborMap.builder().put("task", "t-1").build(),
            COORDINATOR);
    for (LogEntry e : List.of(node, coord)) {
      assertThat(LogEntry.decode(e.encode())).isEqualTo(e);
      assertThat(e.leafHash()).isEqualTo(MerkleHashes.leafHash(e.encode()));
    }
    ((Authorisation.NodeRequest) node.authorisation()).verify();
    Ed25519Verifier.create(COORDINATOR.publicKey())
        .verify(coord.coordinatorSigningBytes(), coord.authorisation().signature().bytes());
    assertThat(node.authorisation().signerId()).isEqualTo(NODE.nodeId());
  }

  @Test
  void everyKindHasAWireNameThatParsesBack() throws Exception {
    for (EntryKind kind : EntryKind.values()) {
      assertThat(EntryKind.fromWireName(kind.wireName())).isEqualTo(kind);
    }
    assertThat(EntryKind.RANDOMNESS_COMMITTED.wireName()).isEqualTo("randomness-committed");
    assertThatThrownBy(() -> EntryKind.fromWireName("LEASE"))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("unknown log entry kind");
  }

  private static Bytes with(LogEntry e, String key, @Nullable CborValue value) throws Exception {
    CborMap map = CborDecoder.decodeCanonicalMap(e.encode());
    List<CborMap.Entry> entries = new ArrayList<>();
    for (CborMap.Entry entry : map.entries()) {
      if (!entry.key().equals(new CborText(key))) {
        entries.add(entry);
      }
    }
    if (value != null) {
      entries.add(new CborMap.Entry(new CborText(key), value));
    }
    return CborMap.ofEntries(entries).encode();
  }

  @Test
  void decodingIsStrictWithClearErrors() throws Exception {
    LogEntry e = TestEntries.signedDeposit(NODE, 1);
    CborMap auth = e.authorisation().toCbor();
    assertRejected(with(e, "v", CborInteger.of(2)), "version 2");
    assertRejected(with(e, "kind", new CborText("teleport")), "unknown log entry kind");
    assertRejected(with(e, "time", CborInteger.of(-1)), "'time' is negative");
    assertRejected(with(e, "body", new CborBytes(Bytes.EMPTY)), "body");
    assertRejected(with(e, "extra", CborInteger.of(1)), "unexpected");
    assertRejected(with(e, "auth", null), "'auth' is missing");
    assertRejected(
        with(
            e,
            "auth",
            CborMap.builder()
                .put("by", "node")
                .put("key", auth.getBytes("key"))
                .put("request", auth.getBytes("request"))
                .put("sig", auth.getBytes("sig").slice(0, 63))
                .build()),
        "64 bytes");
    assertRejected(
        with(
            e,
            "auth",
            CborMap.builder()
                .put("by", "validator")
                .put("key", auth.getBytes("key"))
                .put("sig", auth.getBytes("sig"))
                .build()),
        "expected 'node', 'coordinator' or 'coordinator-batch'");
    assertRejected(
        with(
            e,
            "auth",
            CborMap.builder()
                .put("by", "coordinator")
                .put("key", auth.getBytes("key"))
                .put("request", auth.getBytes("request"))
                .put("sig", auth.getBytes("sig"))
                .build()),
        "unexpected field");
    // Non-canonical: a map with its keys out of order (hand-built two-key map).
    assertRejected(Bytes.fromHex("a2617601616101"), "log entry");
    // Trailing byte.
    assertRejected(e.encode().concat(Bytes.of(new byte[] {0})), "log entry");
  }

  private static void assertRejected(Bytes encoded, String message) {
    assertThatThrownBy(() -> LogEntry.decode(encoded))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining(message);
  }

  @Test
  void timesMustBeWholeMillisecondsAfterTheEpoch() {
    CborMap body = CborMap.EMPTY;
    assertThatThrownBy(() ->
            LogEntry.signedByCoordinator(
                EntryKind.VERDICT, TestEntries.T0.plusNanos(1), body, COORDINATOR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sub-millisecond");
    assertThatThrownBy(() ->
            LogEntry.signedByCoordinator(
                EntryKind.VERDICT, Instant.EPOCH.minusMillis(1), body, COORDINATOR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before the epoch");
  }
}
