package dev.proofofcompute.translog.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.translog.SignedTreeHead;
import dev.proofofcompute.translog.TestEntries;
import org.junit.jupiter.api.Test;

class AuditStateTest {

  @Test
  void roundTripsAndRejectsAnythingElse() throws Exception {
    SignedTreeHead head =
        SignedTreeHead.sign(
            TestEntries.coordinator(), 77, Digest.sha256(new byte[] {7}), TestEntries.T0);
    AuditState state = new AuditState(head);
    assertThat(AuditState.decode(state.encode())).isEqualTo(state);
    Bytes v2 = CborMap.builder().put("v", 2).put("head", head.toCbor()).build().encode();
    assertThatThrownBy(() -> AuditState.decode(v2))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("version 2");
    Bytes extra =
        CborMap.builder().put("v", 1).put("head", head.toCbor()).put("x", 1).build().encode();
    assertThatThrownBy(() -> AuditState.decode(extra)).isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> AuditState.decode(Bytes.fromHex("01")))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void aTamperedSavedHeadIsReportedNotTrusted() {
    AuditFixture f = AuditFixture.honest(6);
    SignedTreeHead h = f.heads.get(1);
    AuditState tampered =
        new AuditState(
            new SignedTreeHead(
                h.treeSize() + 5, h.rootHash(), h.timestamp(), h.keyId(), h.signature()));
    AuditReport report = f.auditor().audit(new LocalLogSource(f.log), f.heads, tampered);
    assertThat(report.discrepancies())
        .extracting(d -> d.kind().name() + " " + d.where())
        .containsExactly("BAD_TREE_HEAD saved audit state");
  }
}
