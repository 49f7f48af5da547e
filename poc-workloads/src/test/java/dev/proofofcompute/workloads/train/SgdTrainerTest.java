package dev.proofofcompute.workloads.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.linalg.IntMatrix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SgdTrainerTest {
  private static final int ONE = FixedPoint.ONE;

  private static IntMatrix m(int... v) {
    return IntMatrix.of(1, v.length, v);
  }

  private static MlpParameters params(int w1, int b1, int w2, int b2) {
    return new MlpParameters(m(w1), m(b1), m(w2), m(b2));
  }

  @Test
  void oneStepKnownAnswer() {
    // 1-1-1 network, w1 = 1.0 (65536), b1 = 0, w2 = 0.5 (32768), b2 = 0, momentum 0;
    // lr = 0.5, mu = 0.5; one sample x = 1.0, y = 2.0.
    // z1 = 1*1 = 1.0 = h;  yhat = 1*0.5 = 0.5 (32768);  e = 0.5 - 2 = -1.5 (-98304)
    // gb2 = -1.5; gw2 = h*e = -1.5; dh = w2*e = -0.75 (-49152), z1 > 0 so dz = -0.75
    // gb1 = -0.75; gw1 = x*dz = -0.75.  Batch of 1: g = sum.  v = 0.5*0 + g = g.
    // w1 = 1 - 0.5*(-0.75) = 1.375 (90112); b1 = 0.375 (24576);
    // w2 = 0.5 - 0.5*(-1.5) = 1.25 (81920); b2 = 0.75 (49152).
    MlpTrainState s0 = new MlpTrainState(0, params(ONE, 0, ONE / 2, 0), params(0, 0, 0, 0));
    SgdTrainer.Sample sample = new SgdTrainer.Sample(m(ONE), m(2 * ONE));
    MlpTrainState s1 = SgdTrainer.sgdStep(s0, List.of(sample), ONE / 2, ONE / 2);
    assertThat(s1)
        .isEqualTo(
            new MlpTrainState(
                1, params(90112, 24576, 81920, 49152), params(-49152, -49152, -98304, -98304)));

    // Step 2 with zero error, to exercise momentum: x = 0, so z1 = b1 = 0.375 = h;
    // yhat = 0.75 + 0.375*1.25 = 0.75 + 0.46875 = 1.21875 (79872); take y = yhat, so e = 0 and
    // dz = w2*0 = 0: every gradient is 0. v = 0.5*v: (-24576, -24576, -49152, -49152);
    // w = w - 0.5*v: w1 = 90112 + 12288 = 102400, b1 = 24576 + 12288 = 36864,
    // w2 = 81920 + 24576 = 106496, b2 = 49152 + 24576 = 73728.
    SgdTrainer.Sample still = new SgdTrainer.Sample(m(0), m(79872));
    MlpTrainState s2 = SgdTrainer.sgdStep(s1, List.of(still), ONE / 2, ONE / 2);
    assertThat(s2)
        .isEqualTo(
            new MlpTrainState(
                2, params(102400, 36864, 106496, 73728), params(-24576, -24576, -49152, -49152)));
  }

  @Test
  void batchGradientIsTheRoundedMean() {
    // w1 = 0 makes z1 = 0 (no ReLU gradient); w2 = 0 and b2 = 0 make yhat = 0, so e = -y.
    // Targets 1 and 2^-16: gb2 sum = -(65536 + 1) = -65537, mean -32768.5 rounds half up to -32768.
    // v = -32768, b2 = 0 - 1.0 * (-32768) = 32768 with lr = 1.0, mu = 0.
    MlpTrainState s0 = new MlpTrainState(0, params(0, 0, 0, 0), params(0, 0, 0, 0));
    List<SgdTrainer.Sample> batch =
        List.of(new SgdTrainer.Sample(m(ONE), m(ONE)), new SgdTrainer.Sample(m(ONE), m(1)));
    MlpTrainState s1 = SgdTrainer.sgdStep(s0, batch, ONE, 0);
    assertThat(s1.weights().b2()).isEqualTo(m(32768));
    assertThat(s1.momentum().b2()).isEqualTo(m(-32768));
  }

  /**
   * Differential test against a reference written the other way round: weight-major (each gradient
   * entry summed over the batch on its own), with 2D indexing through {@code IntMatrix.get} and
   * {@code Math.floorDiv} for every rounding. 64-bit sums cannot overflow here, so the order of the
   * terms cannot matter and the two must agree exactly.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {3L, 4L, 5L})
  void agreesWithAWeightMajorReference(long seed) {
    MlpTrainInput in = new MlpTrainInput(seed, 3, 5, 2, 7, 4, 6, ONE / 8, ONE / 3);
    IntMatrix teacher = SgdTrainer.teacher(in);
    MlpTrainState s = SgdTrainer.initialState(in);
    for (int t = 1; t <= in.steps(); t++) {
      List<SgdTrainer.Sample> batch = new ArrayList<>();
      for (int b = 0; b < in.batchSize(); b++) {
        batch.add(SgdTrainer.sample(in, teacher, ((t - 1) * in.batchSize() + b) % in.samples()));
      }
      MlpTrainState expected = referenceStep(s, batch, in.learningRate(), in.momentum());
      s = SgdTrainer.step(in, s, t);
      assertThat(s).as("seed %d step %d", seed, t).isEqualTo(expected);
    }
  }

  private static long q(long a, long b) {
    return Math.floorDiv(a * b + (1L << 15), 1L << 16);
  }

  private static int sat(long v) {
    return v > Integer.MAX_VALUE
        ? Integer.MAX_VALUE
        : v < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) v;
  }

  private static MlpTrainState referenceStep(
      MlpTrainState s, List<SgdTrainer.Sample> batch, int lr, int mu) {
    MlpParameters p = s.weights();
    int nIn = p.inputs();
    int nHid = p.hidden();
    int nOut = p.outputs();
    int n = batch.size();
    int[][] z1 = new int[n][nHid];
    int[][] e = new int[n][nOut];
    int[][] dz = new int[n][nHid];
    for (int b = 0; b < n; b++) {
      IntMatrix x = batch.get(b).x();
      for (int i = 0; i < nHid; i++) {
        long acc = p.b1().get(0, i);
        for (int d = 0; d < nIn; d++) {
          acc += q(x.get(0, d), p.w1().get(d, i));
        }
        z1[b][i] = sat(acc);
      }
      for (int o = 0; o < nOut; o++) {
        long acc = p.b2().get(0, o);
        for (int i = 0; i < nHid; i++) {
          acc += q(Math.max(z1[b][i], 0), p.w2().get(i, o));
        }
        e[b][o] = sat((long) sat(acc) - batch.get(b).y().get(0, o));
      }
      for (int i = 0; i < nHid; i++) {
        long acc = 0;
        for (int o = 0; o < nOut; o++) {
          acc += q(p.w2().get(i, o), e[b][o]);
        }
        dz[b][i] = z1[b][i] > 0 ? sat(acc) : 0;
      }
    }
    MlpParameters v = s.momentum();
    int[][] gw1 = new int[nIn][nHid];
    int[][] gw2 = new int[nHid][nOut];
    int[] gb1 = new int[nHid];
    int[] gb2 = new int[nOut];
    for (int d = 0; d < nIn; d++) {
      for (int i = 0; i < nHid; i++) {
        long sum = 0;
        for (int b = 0; b < n; b++) {
          sum += q(batch.get(b).x().get(0, d), dz[b][i]);
        }
        gw1[d][i] = sat(Math.floorDiv(2 * sum + n, 2L * n));
      }
    }
    for (int i = 0; i < nHid; i++) {
      long sumB = 0;
      for (int b = 0; b < n; b++) {
        sumB += dz[b][i];
      }
      gb1[i] = sat(Math.floorDiv(2 * sumB + n, 2L * n));
      for (int o = 0; o < nOut; o++) {
        long sum = 0;
        for (int b = 0; b < n; b++) {
          sum += q(Math.max(z1[b][i], 0), e[b][o]);
        }
        gw2[i][o] = sat(Math.floorDiv(2 * sum + n, 2L * n));
      }
    }
    for (int o = 0; o < nOut; o++) {
      long sum = 0;
      for (int b = 0; b < n; b++) {
        sum += e[b][o];
      }
      gb2[o] = sat(Math.floorDiv(2 * sum + n, 2L * n));
    }
    int[][] nvw1 = new int[nIn][nHid];
    int[][] nw1 = new int[nIn][nHid];
    for (int d = 0; d < nIn; d++) {
      for (int i = 0; i < nHid; i++) {
        nvw1[d][i] = sat(q(mu, v.w1().get(d, i)) + gw1[d][i]);
        nw1[d][i] = sat(p.w1().get(d, i) - q(lr, nvw1[d][i]));
      }
    }
    int[][] nvw2 = new int[nHid][nOut];
    int[][] nw2 = new int[nHid][nOut];
    for (int i = 0; i < nHid; i++) {
      for (int o = 0; o < nOut; o++) {
        nvw2[i][o] = sat(q(mu, v.w2().get(i, o)) + gw2[i][o]);
        nw2[i][o] = sat(p.w2().get(i, o) - q(lr, nvw2[i][o]));
      }
    }
    int[] nvb1 = new int[nHid];
    int[] nb1 = new int[nHid];
    for (int i = 0; i < nHid; i++) {
      nvb1[i] = sat(q(mu, v.b1().get(0, i)) + gb1[i]);
      nb1[i] = sat(p.b1().get(0, i) - q(lr, nvb1[i]));
    }
    int[] nvb2 = new int[nOut];
    int[] nb2 = new int[nOut];
    for (int o = 0; o < nOut; o++) {
      nvb2[o] = sat(q(mu, v.b2().get(0, o)) + gb2[o]);
      nb2[o] = sat(p.b2().get(0, o) - q(lr, nvb2[o]));
    }
    return new MlpTrainState(
        s.step() + 1,
        new MlpParameters(
            IntMatrix.generate(nIn, nHid, (r, c) -> nw1[r][c]),
            IntMatrix.of(1, nHid, nb1),
            IntMatrix.generate(nHid, nOut, (r, c) -> nw2[r][c]),
            IntMatrix.of(1, nOut, nb2)),
        new MlpParameters(
            IntMatrix.generate(nIn, nHid, (r, c) -> nvw1[r][c]),
            IntMatrix.of(1, nHid, nvb1),
            IntMatrix.generate(nHid, nOut, (r, c) -> nvw2[r][c]),
            IntMatrix.of(1, nOut, nvb2)));
  }

  @Test
  void trainingReducesTheLossOnTheGeneratedTask() {
    long seed = 99L;
    MlpTrainInput in = new MlpTrainInput(seed, 4, 8, 2, 64, 16, 200, ONE / 16, ONE / 2);
    IntMatrix teacher = SgdTrainer.teacher(in);
    MlpTrainState s = SgdTrainer.initialState(in);
    long before = loss(in, teacher, s);
    for (int t = 1; t <= in.steps(); t++) {
      s = SgdTrainer.step(in, s, t);
    }
    long after = loss(in, teacher, s);
    assertThat(after).as("seed %d: loss %d -> %d", seed, before, after).isLessThan(before / 4);
  }

  /** Sum of squared errors over the data set, in units of 2^-32 (a test-side reference forward). */
  private static long loss(MlpTrainInput in, IntMatrix teacher, MlpTrainState s) {
    MlpParameters p = s.weights();
    long total = 0;
    for (int j = 0; j < in.samples(); j++) {
      SgdTrainer.Sample sample = SgdTrainer.sample(in, teacher, j);
      for (int o = 0; o < in.outputs(); o++) {
        double yhat = p.b2().get(0, o) / (double) ONE;
        for (int i = 0; i < in.hidden(); i++) {
          double z = p.b1().get(0, i) / (double) ONE;
          for (int d = 0; d < in.inputs(); d++) {
            z += sample.x().get(0, d) / (double) ONE * (p.w1().get(d, i) / (double) ONE);
          }
          yhat += Math.max(z, 0) * (p.w2().get(i, o) / (double) ONE);
        }
        double e = yhat - sample.y().get(0, o) / (double) ONE;
        total += (long) (e * e * ONE * ONE);
      }
    }
    return total;
  }

  @Test
  void stepRejectsAStateFromTheWrongStepOrShape() {
    MlpTrainInput in = new MlpTrainInput(1, 2, 3, 1, 8, 2, 5, ONE / 8, 0);
    MlpTrainState s0 = SgdTrainer.initialState(in);
    assertThatThrownBy(() -> SgdTrainer.step(in, s0, 2))
        .hasMessageContaining("needs the state after step 1, got step 0");
    assertThatThrownBy(() -> SgdTrainer.step(in, s0, 6)).hasMessageContaining("outside 1..5");
    MlpTrainInput other = new MlpTrainInput(1, 2, 4, 1, 8, 2, 5, ONE / 8, 0);
    assertThatThrownBy(() -> SgdTrainer.step(other, s0, 1))
        .hasMessageContaining("state has shape 2-3-1, the job 2-4-1");
  }

  @Test
  void inputBoundsAreChecked() {
    assertThatThrownBy(() -> new MlpTrainInput(1, 0, 3, 1, 8, 2, 5, 1, 0))
        .hasMessageContaining("inputs is in [1, 64], got 0");
    assertThatThrownBy(() -> new MlpTrainInput(1, 2, 3, 1, 8, 2, 5, 0, 0))
        .hasMessageContaining("learningRate");
    assertThatThrownBy(() -> new MlpTrainInput(1, 2, 3, 1, 8, 2, 5, 1, ONE))
        .hasMessageContaining("momentum is in [0, 65535]");
    assertThatThrownBy(() -> new MlpTrainInput(1, 2, 3, 1, 8, 2, 0, 1, 0))
        .hasMessageContaining("steps");
  }
}
