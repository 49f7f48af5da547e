package dev.proofofcompute.stark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HashChainTranscriptTest {

  private static byte[] run(String domain, String label, byte[] data) {
    HashChainTranscript t = new HashChainTranscript(domain);
    t.absorb(label, data);
    return t.squeezeBytes("out", 40);
  }

  @Test
  void outputDependsOnEveryInputAndIsReproducible() {
    byte[] base = run("d", "a", new byte[] {1, 2});
    assertThat(run("d", "a", new byte[] {1, 2})).isEqualTo(base);
    assertThat(run("e", "a", new byte[] {1, 2})).isNotEqualTo(base);
    assertThat(run("d", "b", new byte[] {1, 2})).isNotEqualTo(base);
    assertThat(run("d", "a", new byte[] {1, 3})).isNotEqualTo(base);
    // Label and data boundaries are length-prefixed: ("a", 0x62...) differs from ("ab", ...).
    assertThat(run("d", "ab", new byte[] {2})).isNotEqualTo(run("d", "a", new byte[] {'b', 2}));
  }

  @Test
  void successiveSqueezesDiffer() {
    HashChainTranscript t = new HashChainTranscript("d");
    byte[] first = t.squeezeBytes("x", 32);
    byte[] second = t.squeezeBytes("x", 32);
    assertThat(second).isNotEqualTo(first);
    assertThat(t.squeezeBytes("x", 0)).isEmpty();
  }
}
