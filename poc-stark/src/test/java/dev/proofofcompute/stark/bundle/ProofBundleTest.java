package dev.proofofcompute.stark.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.stark.StarkParameters;
import dev.proofofcompute.stark.StarkProver;
import dev.proofofcompute.stark.field.Goldilocks;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProofBundleTest {
  private static final StarkProver PROVER = StarkProver.create(StarkParameters.defaults());
  private static ProofBundle mimc;
  private static ProofBundle fibonacci;
  private static ProofBundle matVec;

  @BeforeAll
  static void prove() {
    Statement.MimcChain m = Statement.MimcChain.honest(42, 255);
    mimc = ProofBundle.prove(PROVER, m, m.trace());
    Statement.Fibonacci f = Statement.Fibonacci.honest(128, 1, 1);
    fibonacci = ProofBundle.prove(PROVER, f, f.trace());
    Statement.MatVec v = StatementTest.matVec();
    matVec = ProofBundle.prove(PROVER, v, v.trace());
  }

  @Test
  void bundlesRoundTripAndVerify() throws Exception {
    for (ProofBundle b : new ProofBundle[] {mimc, fibonacci, matVec}) {
      ProofBundle back = ProofBundle.decode(b.encode());
      assertThat(back).isEqualTo(b);
      assertThat(back.encode()).isEqualTo(b.encode());
      back.verify();
      assertThat(back.conjecturedSecurityBits()).isGreaterThanOrEqualTo(96);
    }
  }

  @Test
  void theEncodingIsTheDocumentedMap() throws DecodingException {
    CborMap map = CborDecoder.decodeCanonicalMap(mimc.encode());
    assertThat(map.getLong("version")).isEqualTo(1);
    assertThat(map.getText("air")).isEqualTo("mimc7-chain/v1");
    assertThat(map.getMap("publicInputs").getLong("steps")).isEqualTo(255);
    assertThat(map.getMap("parameters").getLong("queries")).isEqualTo(42);
    assertThat(map.getBytes("proof")).isEqualTo(mimc.proof());
  }

  @Test
  void aFalseStatementWithAnHonestProofIsRejected() {
    Statement.MimcChain m = (Statement.MimcChain) mimc.statement();
    ProofBundle lie =
        new ProofBundle(
            new Statement.MimcChain(m.seed(), m.steps(), Goldilocks.add(m.digest(), 1)),
            mimc.parameters(),
            mimc.proof());
    assertThatThrownBy(lie::verify).isInstanceOf(VerificationException.class);
  }

  @Test
  void aMatVecBundleBindsWeightsVectorAndResult() throws DecodingException {
    Statement.MatVec v = (Statement.MatVec) matVec.statement();
    CborMap map = CborDecoder.decodeCanonicalMap(matVec.encode());
    assertThat(map.getText("air")).isEqualTo("matvec/v1");
    assertThat(map.getMap("publicInputs").getBytes("weights")).isEqualTo(v.weights().encode());
    int[] w = v.weights().toRowMajorArray();
    w[5] += 1;
    int[] x = v.vector().toRowMajorArray();
    x[3] += 1;
    int[] y = v.result().toRowMajorArray();
    y[1] += 1;
    for (Statement.MatVec lie :
        new Statement.MatVec[] {
          new Statement.MatVec(IntMatrix.of(3, 4, w), v.vector(), v.result()),
          new Statement.MatVec(v.weights(), IntMatrix.of(4, 1, x), v.result()),
          new Statement.MatVec(v.weights(), v.vector(), IntMatrix.of(3, 1, y))
        }) {
      ProofBundle bundle = new ProofBundle(lie, matVec.parameters(), matVec.proof());
      ProofBundle back = ProofBundle.decode(bundle.encode());
      assertThatThrownBy(back::verify).isInstanceOf(VerificationException.class);
    }
  }

  @Test
  void everyFlippedByteOfAMatVecBundleIsRejectedOrFailsToDecodeSeed13() {
    SplittableRandom random = new SplittableRandom(13);
    byte[] bytes = matVec.encode().toByteArray();
    for (int trial = 0; trial < 60; trial++) {
      byte[] t = bytes.clone();
      // Half the flips land in the public inputs, which come before the proof.
      int at = trial % 2 == 0 ? random.nextInt(200) : random.nextInt(bytes.length);
      t[at] ^= (byte) (1 + random.nextInt(255));
      ProofBundle decoded;
      try {
        decoded = ProofBundle.decode(Bytes.of(t));
      } catch (DecodingException e) {
        assertThat(e.getMessage()).isNotBlank();
        continue;
      }
      ProofBundle d = decoded;
      assertThatThrownBy(d::verify)
          .as("seed 13, trial %d, byte %d", trial, at)
          .isInstanceOf(VerificationException.class);
    }
  }

  @Test
  void everyFlippedByteIsRejectedOrFailsToDecodeSeed11() {
    SplittableRandom random = new SplittableRandom(11);
    byte[] bytes = fibonacci.encode().toByteArray();
    for (int trial = 0; trial < 60; trial++) {
      byte[] t = bytes.clone();
      int at = random.nextInt(bytes.length);
      t[at] ^= (byte) (1 + random.nextInt(255));
      ProofBundle decoded;
      try {
        decoded = ProofBundle.decode(Bytes.of(t));
      } catch (DecodingException e) {
        assertThat(e.getMessage()).isNotBlank();
        continue;
      }
      ProofBundle d = decoded;
      assertThatThrownBy(d::verify)
          .as("seed 11, trial %d, byte %d", trial, at)
          .isInstanceOf(VerificationException.class);
    }
  }

  @Test
  void malformedBundlesAreRejectedWithTheField() throws DecodingException {
    CborMap map = CborDecoder.decodeCanonicalMap(mimc.encode());
    assertThatThrownBy(() -> ProofBundle.decode(with(map, "version", 2)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("version 2");
    assertThatThrownBy(() -> ProofBundle.decode(with(map, "air", "rescue/v1")))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("unknown AIR 'rescue/v1'");
    assertThatThrownBy(() -> ProofBundle.decode(with(map, "extra", 0)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("unexpected field");
    CborMap badParams = CborDecoder.decodeCanonicalMap(with(map.getMap("parameters"), "blowup", 3));
    assertThatThrownBy(() -> ProofBundle.decode(with(map, "parameters", badParams)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("parameters: blowup factor");
    assertThatThrownBy(() -> ProofBundle.decode(Bytes.fromHex("80")))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("CBOR map");
  }

  private static Bytes with(CborMap map, String key, Object value) {
    CborMap.Builder b = CborMap.builder();
    for (CborMap.Entry e : map.entries()) {
      if (!e.key().equals(new CborText(key))) {
        b.put(e.key(), e.value());
      }
    }
    switch (value) {
      case Integer i -> b.put(key, i.longValue());
      case String s -> b.put(key, s);
      case CborValue v -> b.put(key, v);
      default -> throw new IllegalArgumentException(value.toString());
    }
    return b.build().encode();
  }
}
