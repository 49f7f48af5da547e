package dev.proofofcompute.workloads.mlp;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.workloads.SplitMix64;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeded random models and batches for tests, benchmarks and the arena. The same seed gives the
 * same model on every JVM ({@link SplitMix64}).
 *
 * <p>Weights are uniform int8, biases uniform in [-4096, 4096]. The requantisation after a layer of
 * width {@code in} scales by about {@code 1 / (128 · sqrt(in))}: a product of {@code in} terms of
 * two roughly uniform int8 values has a standard deviation near {@code 74² · sqrt(in)}, so the
 * activations land mostly inside [0, 127] with some saturation, as in a trained network.
 */
public final class MlpGenerator {
  private static final int REQUANT_SHIFT = 30;

  private MlpGenerator() {}

  /**
   * A random model with layer widths {@code widths[0] -> widths[1] -> ... -> widths[L]}.
   *
   * @throws IllegalArgumentException on fewer than two widths or a width out of range
   */
  public static QuantizedMlp randomModel(long seed, int... widths) {
    if (widths.length < 2) {
      throw new IllegalArgumentException("a model needs at least an input and an output width");
    }
    SplitMix64 rnd = new SplitMix64(seed);
    List<Layer> layers = new ArrayList<>();
    List<Requantization> requants = new ArrayList<>();
    for (int k = 0; k + 1 < widths.length; k++) {
      int in = widths[k];
      int out = widths[k + 1];
      if (in < 1 || out < 1) {
        throw new IllegalArgumentException("layer widths are >= 1, got " + in + " -> " + out);
      }
      IntMatrix w = IntMatrix.generate(in, out, (r, c) -> rnd.nextInt(-128, 127));
      IntMatrix b = IntMatrix.generate(1, out, (r, c) -> rnd.nextInt(-4096, 4096));
      layers.add(new Layer(w, b));
      if (k + 2 < widths.length) {
        requants.add(new Requantization((1 << REQUANT_SHIFT) / (128 * isqrt(in)), REQUANT_SHIFT));
      }
    }
    return QuantizedMlp.of(layers, requants);
  }

  /** A random batch of {@code rows} int8 vectors of width {@code cols}. */
  public static IntMatrix randomBatch(long seed, int rows, int cols) {
    SplitMix64 rnd = new SplitMix64(seed);
    return IntMatrix.generate(rows, cols, (r, c) -> rnd.nextInt(-128, 127));
  }

  /** floor(sqrt(n)) for n >= 1, by integer search. */
  static int isqrt(int n) {
    int r = 1;
    while ((long) (r + 1) * (r + 1) <= n) {
      r++;
    }
    return r;
  }
}
