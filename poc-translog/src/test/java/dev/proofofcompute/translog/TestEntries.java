package dev.proofofcompute.translog;

import dev.proofofcompute.core.message.SignedMessage;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.Ed25519Signature;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.random.RandomSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Identities and entries for the log tests, all derived from fixed seeds. */
public final class TestEntries {
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private TestEntries() {}

  public static NodeIdentity identity(int seed) {
    try {
      return NodeIdentity.fromSeed(RandomSource.seeded(seed).nextBytes(32));
    } catch (DecodingException e) {
      throw new AssertionError(e);
    }
  }

  public static NodeIdentity coordinator() {
    return identity(1000);
  }

  /** A node-signed deposit entry with a real signature. */
  public static LogEntry signedDeposit(NodeIdentity node, long seq) {
    Instant time = T0.plusMillis(seq);
    SignedMessage request =
        SignedMessage.sign(
            node,
            "poc/test/deposit/v1",
            time,
            RandomSource.seeded(seq).nextBytes(SignedMessage.NONCE_LENGTH),
            CborMap.builder().put("amount", 10 + seq).build());
    return LogEntry.ofNodeRequest(
        EntryKind.DEPOSIT,
        time,
        CborMap.builder().put("seq", seq).put("amount", 10 + seq).build(),
        new Authorisation.NodeRequest(request.signer(), request.body(), request.signature()));
  }

  /**
   * A structurally valid entry with a placeholder signature (64 zero bytes): cheap, for tests of
   * the Merkle machinery, which never checks signatures.
   */
  public static LogEntry unsignedEntry(NodeIdentity node, long seq) {
    try {
      return new LogEntry(
          seq % 3 == 0 ? EntryKind.LEASE : EntryKind.DEPOSIT,
          T0.plusMillis(seq),
          CborMap.builder().put("seq", seq).build(),
          new Authorisation.NodeRequest(
              node.publicKey(),
              Bytes.of(new byte[] {(byte) seq, (byte) (seq >> 8)}),
              Ed25519Signature.fromBytes(Bytes.of(new byte[64]))));
    } catch (DecodingException e) {
      throw new AssertionError(e);
    }
  }

  public static List<LogEntry> unsignedEntries(NodeIdentity node, long from, long count) {
    List<LogEntry> out = new ArrayList<>();
    for (long i = from; i < from + count; i++) {
      out.add(unsignedEntry(node, i));
    }
    return out;
  }
}
