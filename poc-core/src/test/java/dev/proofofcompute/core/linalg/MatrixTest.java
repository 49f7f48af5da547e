package dev.proofofcompute.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MatrixTest {

  @Test
  void intMatrixEncodingRoundTripsAndHasTheDocumentedLayout() throws DecodingException {
    IntMatrix m = IntMatrix.of(2, 3, new int[] {1, -2, 3, Integer.MIN_VALUE, 0, Integer.MAX_VALUE});
    Bytes enc = m.encode();
    assertThat(enc.toHex())
        .isEqualTo(
            "01"
                + "00000002"
                + "00000003"
                + "00000001"
                + "fffffffe"
                + "00000003"
                + "80000000"
                + "00000000"
                + "7fffffff");
    assertThat(Matrix.decode(enc)).isEqualTo(m);
  }

  @Test
  void doubleMatrixIsBitExact() throws DecodingException {
    DoubleMatrix a = DoubleMatrix.of(1, 3, new double[] {0.0, Double.NaN, 1.5});
    DoubleMatrix b = DoubleMatrix.of(1, 3, new double[] {-0.0, Double.NaN, 1.5});
    assertThat(a).isNotEqualTo(b);
    assertThat(Matrix.decode(a.encode())).isEqualTo(a);
    assertThat(a.encode().get(0)).isEqualTo((byte) 0x02);
  }

  @Test
  void seededRandomRoundTrips() throws DecodingException {
    long seed = 20261127L;
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < 200; i++) {
      int r = 1 + rnd.nextInt(9);
      int c = 1 + rnd.nextInt(9);
      IntMatrix m = IntMatrix.generate(r, c, (x, y) -> rnd.nextInt());
      assertThat(Matrix.decode(m.encode())).as("seed %d case %d", seed, i).isEqualTo(m);
    }
  }

  @Test
  void copiesInAndOut() {
    int[] raw = {1, 2};
    IntMatrix m = IntMatrix.of(1, 2, raw);
    raw[0] = 9;
    m.toRowMajorArray()[1] = 9;
    assertThat(m.get(0, 0)).isEqualTo(1);
    assertThat(m.get(0, 1)).isEqualTo(2);
  }

  @Test
  void malformedEncodingsAreRejectedWithAReason() {
    assertThatThrownBy(() -> Matrix.decode(Bytes.fromHex("01")))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("shorter than its header");
    assertThatThrownBy(() -> Matrix.decode(Bytes.fromHex("03000000010000000100000000")))
        .hasMessageContaining("unknown matrix kind 0x3");
    assertThatThrownBy(() -> Matrix.decode(Bytes.fromHex("010000000100000002000000")))
        .hasMessageContaining("needs 17 bytes, got 12");
    assertThatThrownBy(() -> Matrix.decode(Bytes.fromHex("01000000000000000100000000")))
        .hasMessageContaining("is empty or exceeds");
    // A huge claimed shape fails before any allocation.
    assertThatThrownBy(() -> Matrix.decode(Bytes.fromHex("01ffffffffffffffff")))
        .hasMessageContaining("exceeds");
    Bytes ok = IntMatrix.of(1, 1, new int[] {5}).encode();
    assertThatThrownBy(() -> Matrix.decode(ok.concat(Bytes.fromHex("00"))))
        .hasMessageContaining("needs 13 bytes, got 14");
  }

  @Test
  void int8RangeCheck() {
    assertThat(IntMatrix.of(1, 2, new int[] {-128, 127}).isInt8()).isTrue();
    assertThat(IntMatrix.of(1, 2, new int[] {-129, 0}).isInt8()).isFalse();
  }
}
