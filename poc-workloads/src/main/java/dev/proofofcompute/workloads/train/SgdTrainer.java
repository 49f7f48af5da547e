package dev.proofofcompute.workloads.train;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.workloads.SplitMix64;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic mini-batch SGD with heavy-ball momentum (Polyak 1964; Sutskever et al., ICML 2013,
 * eq. 1–2 without the Nesterov look-ahead) on {@code y = relu(x·W1 + b1)·W2 + b2} with the squared
 * error loss, in {@link FixedPoint Q16.16}.
 *
 * <p>Data, from {@code seed} with {@link SplitMix64} sub-streams: a teacher matrix {@code T}
 * ({@code in × out}, stream 0, entries uniform in [-1, 1]); initial weights (stream 1: {@code W1}
 * then {@code W2} row-major, uniform in [-1/2, 1/2]; biases and momentum zero); sample {@code j}
 * (stream {@code 2 + j}: {@code x} uniform in [-1, 1], target {@code y = x·T}). Step {@code t}
 * (1-based) uses samples {@code ((t-1)·B + b) mod N} for {@code b = 0..B-1}.
 *
 * <p>One step, every sum in 64 bits in the written order and saturated to int32 once when stored:
 *
 * <pre>
 *   for each sample b in order:
 *     z1 = b1 + x·W1;  h = max(z1, 0);  yhat = b2 + h·W2;  e = yhat - y
 *     gb2 += e;   gW2[i][o] += h[i]·e[o]
 *     dh[i] = Σ_o W2[i][o]·e[o];  dz[i] = z1[i] > 0 ? dh[i] : 0
 *     gb1 += dz;  gW1[d][i] += x[d]·dz[i]
 *   g = divRound(g_sum, B)                        (mean gradient; the factor 2 of d(e²) is in lr)
 *   v = mu·v + g;   w = w - lr·v                   (each tensor entry independently)
 * </pre>
 *
 * Products are {@link FixedPoint#mul}. Gradients use the weights from before the step.
 */
final class SgdTrainer {
  private static final int ONE = FixedPoint.ONE;

  private SgdTrainer() {}

  /** One sample: {@code x} ({@code 1 × in}) and its target {@code y} ({@code 1 × out}). */
  record Sample(IntMatrix x, IntMatrix y) {}

  static MlpTrainState initialState(MlpTrainInput in) {
    SplitMix64 rnd = SplitMix64.stream(in.seed(), 1);
    IntMatrix w1 = IntMatrix.generate(in.inputs(), in.hidden(), (r, c) -> half(rnd));
    IntMatrix w2 = IntMatrix.generate(in.hidden(), in.outputs(), (r, c) -> half(rnd));
    MlpParameters zeros = MlpParameters.zeros(in.inputs(), in.hidden(), in.outputs());
    return new MlpTrainState(0, new MlpParameters(w1, zeros.b1(), w2, zeros.b2()), zeros);
  }

  private static int half(SplitMix64 rnd) {
    return rnd.nextInt(-ONE / 2, ONE / 2);
  }

  /** The teacher matrix of the data set. */
  static IntMatrix teacher(MlpTrainInput in) {
    SplitMix64 rnd = SplitMix64.stream(in.seed(), 0);
    return IntMatrix.generate(in.inputs(), in.outputs(), (r, c) -> rnd.nextInt(-ONE, ONE));
  }

  /** Sample {@code j} of the data set. */
  static Sample sample(MlpTrainInput in, IntMatrix teacher, int j) {
    SplitMix64 rnd = SplitMix64.stream(in.seed(), 2L + j);
    int[] x = new int[in.inputs()];
    for (int d = 0; d < x.length; d++) {
      x[d] = rnd.nextInt(-ONE, ONE);
    }
    int[] y = new int[in.outputs()];
    for (int o = 0; o < y.length; o++) {
      long acc = 0;
      for (int d = 0; d < x.length; d++) {
        acc += FixedPoint.mul(x[d], teacher.get(d, o));
      }
      y[o] = FixedPoint.saturate(acc);
    }
    return new Sample(IntMatrix.of(1, x.length, x), IntMatrix.of(1, y.length, y));
  }

  /**
   * Step {@code t} of job {@code in} from {@code state}.
   *
   * @throws IllegalArgumentException when {@code state} is not the state after step {@code t-1} of
   *     a model of the job's shape
   */
  static MlpTrainState step(MlpTrainInput in, MlpTrainState state, int t) {
    if (t < 1 || t > in.steps()) {
      throw new IllegalArgumentException("step " + t + " is outside 1.." + in.steps());
    }
    if (state.step() != t - 1) {
      throw new IllegalArgumentException(
          "step " + t + " needs the state after step " + (t - 1) + ", got step " + state.step());
    }
    MlpParameters w = state.weights();
    if (w.inputs() != in.inputs() || w.hidden() != in.hidden() || w.outputs() != in.outputs()) {
      throw new IllegalArgumentException(
          "state has shape "
              + w.inputs()
              + "-"
              + w.hidden()
              + "-"
              + w.outputs()
              + ", the job "
              + in.inputs()
              + "-"
              + in.hidden()
              + "-"
              + in.outputs());
    }
    IntMatrix teacher = teacher(in);
    List<Sample> batch = new ArrayList<>(in.batchSize());
    for (int b = 0; b < in.batchSize(); b++) {
      int j = (int) (((long) (t - 1) * in.batchSize() + b) % in.samples());
      batch.add(sample(in, teacher, j));
    }
    return sgdStep(state, batch, in.learningRate(), in.momentum());
  }

  /** One SGD step on {@code batch}, exactly as in the class comment. */
  static MlpTrainState sgdStep(MlpTrainState state, List<Sample> batch, int lr, int mu) {
    MlpParameters p = state.weights();
    int nIn = p.inputs();
    int nHid = p.hidden();
    int nOut = p.outputs();
    int[] w1 = p.w1().toRowMajorArray();
    int[] b1 = p.b1().toRowMajorArray();
    int[] w2 = p.w2().toRowMajorArray();
    int[] b2 = p.b2().toRowMajorArray();
    long[] gw1 = new long[w1.length];
    long[] gb1 = new long[b1.length];
    long[] gw2 = new long[w2.length];
    long[] gb2 = new long[b2.length];
    int[] z1 = new int[nHid];
    int[] h = new int[nHid];
    int[] e = new int[nOut];
    int[] dz = new int[nHid];
    for (Sample s : batch) {
      int[] x = s.x().toRowMajorArray();
      int[] y = s.y().toRowMajorArray();
      for (int i = 0; i < nHid; i++) {
        long acc = b1[i];
        for (int d = 0; d < nIn; d++) {
          acc += FixedPoint.mul(x[d], w1[d * nHid + i]);
        }
        z1[i] = FixedPoint.saturate(acc);
        h[i] = Math.max(z1[i], 0);
      }
      for (int o = 0; o < nOut; o++) {
        long acc = b2[o];
        for (int i = 0; i < nHid; i++) {
          acc += FixedPoint.mul(h[i], w2[i * nOut + o]);
        }
        e[o] = FixedPoint.saturate((long) FixedPoint.saturate(acc) - y[o]);
      }
      for (int o = 0; o < nOut; o++) {
        gb2[o] += e[o];
      }
      for (int i = 0; i < nHid; i++) {
        for (int o = 0; o < nOut; o++) {
          gw2[i * nOut + o] += FixedPoint.mul(h[i], e[o]);
        }
      }
      for (int i = 0; i < nHid; i++) {
        long acc = 0;
        for (int o = 0; o < nOut; o++) {
          acc += FixedPoint.mul(w2[i * nOut + o], e[o]);
        }
        dz[i] = z1[i] > 0 ? FixedPoint.saturate(acc) : 0;
      }
      for (int i = 0; i < nHid; i++) {
        gb1[i] += dz[i];
      }
      for (int d = 0; d < nIn; d++) {
        for (int i = 0; i < nHid; i++) {
          gw1[d * nHid + i] += FixedPoint.mul(x[d], dz[i]);
        }
      }
    }
    MlpParameters v = state.momentum();
    int n = batch.size();
    int[] vw1 = v.w1().toRowMajorArray();
    int[] vb1 = v.b1().toRowMajorArray();
    int[] vw2 = v.w2().toRowMajorArray();
    int[] vb2 = v.b2().toRowMajorArray();
    update(w1, vw1, gw1, n, lr, mu);
    update(b1, vb1, gb1, n, lr, mu);
    update(w2, vw2, gw2, n, lr, mu);
    update(b2, vb2, gb2, n, lr, mu);
    MlpParameters weights =
        new MlpParameters(
            IntMatrix.of(nIn, nHid, w1),
            IntMatrix.of(1, nHid, b1),
            IntMatrix.of(nHid, nOut, w2),
            IntMatrix.of(1, nOut, b2));
    MlpParameters momentum =
        new MlpParameters(
            IntMatrix.of(nIn, nHid, vw1),
            IntMatrix.of(1, nHid, vb1),
            IntMatrix.of(nHid, nOut, vw2),
            IntMatrix.of(1, nOut, vb2));
    return new MlpTrainState(state.step() + 1, weights, momentum);
  }

  /** {@code v = mu·v + g/n; w = w - lr·v}, entry by entry, in place. */
  private static void update(int[] w, int[] v, long[] gSum, int n, int lr, int mu) {
    for (int i = 0; i < w.length; i++) {
      int g = FixedPoint.saturate(FixedPoint.divRound(gSum[i], n));
      v[i] = FixedPoint.saturate(FixedPoint.mul(mu, v[i]) + g);
      w[i] = FixedPoint.saturate((long) w[i] - FixedPoint.mul(lr, v[i]));
    }
  }
}
