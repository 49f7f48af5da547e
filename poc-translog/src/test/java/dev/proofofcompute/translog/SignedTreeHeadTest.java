package dev.proofofcompute.translog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedTreeHeadTest {
  private static final NodeIdentity COORDINATOR = TestEntries.coordinator();
  private static final Digest ROOT = Digest.sha256(new byte[] {42});

  @Test
  void signsVerifiesAndRoundTrips() throws Exception {
    SignedTreeHead head = SignedTreeHead.sign(COORDINATOR, 1_000_000, ROOT, TestEntries.T0);
    head.verify(COORDINATOR.publicKey());
    assertThat(SignedTreeHead.decode(head.encode())).isEqualTo(head);
    assertThat(head.keyId()).isEqualTo(COORDINATOR.nodeId());
  }

  @Test
  void anotherKeyIsRejectedBeforeTheSignatureIsChecked() {
    SignedTreeHead head = SignedTreeHead.sign(COORDINATOR, 3, ROOT, TestEntries.T0);
    assertThatThrownBy(() -> head.verify(TestEntries.identity(5).publicKey()))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("signed by key");
    SignedTreeHead other = SignedTreeHead.sign(TestEntries.identity(5), 3, ROOT, TestEntries.T0);
    SignedTreeHead relabelled =
        new SignedTreeHead(3, ROOT, TestEntries.T0, COORDINATOR.nodeId(), other.signature());
    assertThatThrownBy(() -> relabelled.verify(COORDINATOR.publicKey()))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("bad signature");
  }

  /** Every single-byte change of the encoding fails to decode or fails to verify. */
  @Test
  void flippingAnyByteIsCaught() {
    SignedTreeHead head = SignedTreeHead.sign(COORDINATOR, 123_456, ROOT, TestEntries.T0);
    byte[] encoded = head.encode().toByteArray();
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < encoded.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] tampered = encoded.clone();
        tampered[i] ^= (byte) (1 << bit);
        try {
          SignedTreeHead.decode(Bytes.of(tampered)).verify(COORDINATOR.publicKey());
          accepted.add("byte " + i + " bit " + bit);
        } catch (DecodingException | VerificationException e) {
          // caught, as it must be
        }
      }
    }
    assertThat(accepted).isEmpty();
  }

  @Test
  void changingAnyFieldBreaksTheSignature() {
    SignedTreeHead head = SignedTreeHead.sign(COORDINATOR, 10, ROOT, TestEntries.T0);
    List<SignedTreeHead> changed =
        List.of(
            new SignedTreeHead(11, ROOT, head.timestamp(), head.keyId(), head.signature()),
            new SignedTreeHead(
                10,
                Digest.sha256(new byte[] {43}),
                head.timestamp(),
                head.keyId(),
                head.signature()),
            new SignedTreeHead(
                10, ROOT, head.timestamp().plusMillis(1), head.keyId(), head.signature()));
    for (SignedTreeHead h : changed) {
      assertThatThrownBy(() -> h.verify(COORDINATOR.publicKey()))
          .isInstanceOf(VerificationException.class);
    }
  }

  @Test
  void malformedInputIsRejectedWithAReason() {
    assertThatThrownBy(() -> SignedTreeHead.decode(Bytes.fromHex("a0")))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> SignedTreeHead.decode(Bytes.of(new byte[300])))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("exceeds");
    assertThatThrownBy(() -> SignedTreeHead.sign(COORDINATOR, -1, ROOT, TestEntries.T0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
