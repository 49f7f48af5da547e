package dev.proofofcompute.crypto.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.crypto.Bytes;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NodeIdTest {

  @Test
  void nodeIdIsSha256OfTheRawPublicKey() throws Exception {
    for (long seed = 1; seed <= 5; seed++) {
      NodeIdentity identity = NodeIdentity.generate(NodeIdentityTest.seededRandom(seed));
      byte[] raw = identity.publicKey().raw().toByteArray();
      byte[] expected = MessageDigest.getInstance("SHA-256").digest(raw);
      assertThat(identity.nodeId().toHex())
          .as("seed %d", seed)
          .isEqualTo(HexFormat.of().formatHex(expected));
      assertThat(identity.publicKey().nodeId()).isEqualTo(identity.nodeId());
    }
  }

  /** RFC 8032 §7.1 TEST 1 public key, hashed independently with MessageDigest. */
  @Test
  void nodeIdOfAPublishedKey() throws Exception {
    Bytes raw = Bytes.fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    NodeId id = NodePublicKey.fromRaw(raw).nodeId();
    String expected =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw.toByteArray()));
    assertThat(id.toHex()).isEqualTo(expected);
    assertThat(id.toString()).isEqualTo(expected);
    assertThat(id.shortForm()).isEqualTo(expected.substring(0, 12));
    assertThat(NodeId.fromHex(expected)).isEqualTo(id).hasSameHashCodeAs(id);
  }
}
