package dev.proofofcompute.stark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.stark.air.FibonacciAir;
import org.junit.jupiter.api.Test;

class StarkProofTest {
  private static final StarkParameters SMALL = StarkVerifierTest.SMALL;

  private static StarkProof proof() {
    return StarkProver.create(SMALL)
        .prove(StarkVerifierTest.fibonacci(64), FibonacciAir.trace(64, 1, 1));
  }

  @Test
  void encodingRoundTripsAndStartsWithMagicAndVersion() throws Exception {
    StarkProof proof = proof();
    Bytes encoded = proof.encode();
    assertThat(encoded.slice(0, 5).toHex()).isEqualTo("5053544b01");
    StarkProof back = StarkProof.decode(encoded);
    assertThat(back).isEqualTo(proof).hasSameHashCodeAs(proof);
    assertThat(back.encode()).isEqualTo(encoded);
    assertThat(back.parameters()).isEqualTo(SMALL);
    assertThat(back.traceLength()).isEqualTo(64);
    assertThat(back.sizeInBytes()).isEqualTo(encoded.length());
  }

  @Test
  void malformedEncodingsGetAClearMessage() {
    FibonacciAir air = StarkVerifierTest.fibonacci(64);
    StarkProof proof = proof();
    Bytes good = proof.encode();
    assertThatThrownBy(() -> StarkProof.decode(good.slice(0, good.length() - 1)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> StarkProof.decode(good.slice(0, 3)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> StarkProof.decode(good.concat(Bytes.of(new byte[] {0}))))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("1 trailing bytes");
    byte[] version = good.toByteArray();
    version[4] = 2;
    assertThatThrownBy(() -> StarkProof.decode(Bytes.of(version)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("unsupported STARK proof version 2");
    byte[] magic = good.toByteArray();
    magic[0] = 'X';
    assertThatThrownBy(() -> StarkProof.decode(Bytes.of(magic)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("wrong magic");
    assertThatThrownBy(
            () -> StarkProof.decode(Bytes.of(new byte[StarkProof.MAX_ENCODED_LENGTH + 1])))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("over the limit");
    assertThatThrownBy(() -> StarkVerifier.create(SMALL).verify(air, Bytes.EMPTY))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("malformed proof");
    assertThatCode(() -> StarkVerifier.create(SMALL).verify(air, good)).doesNotThrowAnyException();
  }

  @Test
  void nonCanonicalFieldElementsAndBadParametersAreRejected() {
    byte[] bytes = proof().encode().toByteArray();
    // The first out-of-domain value starts after magic, version, parameters (7 bytes), log2 n,
    // two roots and the width byte.
    int ood = 4 + 1 + 7 + 1 + 64 + 1;
    byte[] nonCanonical = bytes.clone();
    for (int i = 0; i < 8; i++) {
      nonCanonical[ood + i] = (byte) 0xff;
    }
    assertThatThrownBy(() -> StarkProof.decode(Bytes.of(nonCanonical)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("non-canonical field element");
    byte[] badBlowup = bytes.clone();
    badBlowup[5] = 3;
    assertThatThrownBy(() -> StarkProof.decode(Bytes.of(badBlowup)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("invalid proof parameters");
    byte[] badLength = bytes.clone();
    badLength[12] = 40;
    assertThatThrownBy(() -> StarkProof.decode(Bytes.of(badLength)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("trace length");
  }
}
