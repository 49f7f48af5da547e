package dev.proofofcompute.schemes.spotcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpotCheckChallengeTest {
  private final Digest task = Digest.sha256(new byte[] {1});
  private final Bytes seed = Bytes.of(new byte[32]);

  @Test
  void roundTrips() throws Exception {
    SpotCheckChallenge challenge = new SpotCheckChallenge(task, seed, List.of(0L, 5L, 1L << 40));
    assertThat(SpotCheckChallenge.parse(challenge.toBytes())).isEqualTo(challenge);
  }

  @Test
  void indicesMustBeStrictlyIncreasingAndPresent() {
    assertThatThrownBy(() -> new SpotCheckChallenge(task, seed, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SpotCheckChallenge(task, seed, List.of(3L, 3L)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SpotCheckChallenge(task, seed, List.of(3L, 2L)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SpotCheckChallenge(task, seed, List.of(-1L)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SpotCheckChallenge(task, Bytes.of(new byte[31]), List.of(1L)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parserRejectsWhatTheConstructorRejects() {
    CborMap unsorted =
        CborMap.builder()
            .put("task", task)
            .put("seed", seed)
            .put("indices", CborArray.of(CborInteger.of(4), CborInteger.of(2)))
            .build();
    assertThatThrownBy(() -> SpotCheckChallenge.fromCbor(unsorted))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("strictly increasing");
    CborMap negative =
        CborMap.builder()
            .put("task", task)
            .put("seed", seed)
            .put("indices", CborArray.of(CborInteger.of(-4)))
            .build();
    assertThatThrownBy(() -> SpotCheckChallenge.fromCbor(negative))
        .isInstanceOf(DecodingException.class);
    CborMap shortSeed =
        CborMap.builder()
            .put("task", task)
            .put("seed", Bytes.of(new byte[8]))
            .put("indices", CborArray.of(CborInteger.of(1)))
            .build();
    assertThatThrownBy(() -> SpotCheckChallenge.fromCbor(shortSeed))
        .isInstanceOf(DecodingException.class);
  }
}
