package dev.proofofcompute.stark;

import static dev.proofofcompute.stark.Protocol.DOMAIN_OFFSET;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.transcript.Transcript;
import dev.proofofcompute.stark.air.Air;
import dev.proofofcompute.stark.air.BoundaryConstraint;
import dev.proofofcompute.stark.air.Trace;
import dev.proofofcompute.stark.field.Ext2;
import dev.proofofcompute.stark.field.Goldilocks;
import dev.proofofcompute.stark.field.Ntt;
import dev.proofofcompute.stark.field.Polynomials;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;

/**
 * Proves that a trace satisfies an AIR.
 *
 * <p>Design, following the ethSTARK documentation (Ben-Sasson et al., eprint 2021/582) and
 * Winterfell's prover:
 *
 * <ol>
 *   <li>Interpolate each trace column over the trace domain {@code <ω_n>} and evaluate it on the
 *       coset {@code 7·<ω_N>}, {@code N = n·blowup}; commit to the rows with a Merkle tree.
 *   <li>Draw one extension coefficient per constraint; evaluate the composition {@code H = Σ α_j
 *       C_j/Z_j} on the coset, where {@code Z} is the transition zerofier {@code (x^n - 1)/(x -
 *       ω^{n-1})} or a boundary's {@code (x - ω^row)}; interpolate and split {@code H} into {@code
 *       S} segments of degree below {@code n}, {@code H = Σ x^{in} H_i}; commit to them.
 *   <li>DEEP-ALI: draw {@code z} in the extension; send {@code T_c(z)}, {@code T_c(zω)}, {@code
 *       H_i(z)}; the verifier checks {@code H(z)} against the constraints at {@code z}.
 *   <li>Build the DEEP composition {@code D(x) = Σ γ_c (T_c(x) - T_c(z))/(x - z) + Σ δ_c (T_c(x) -
 *       T_c(zω))/(x - zω) + Σ ε_i (H_i(x) - H_i(z))/(x - z)}, of degree below {@code n} exactly
 *       when the sent values are right (ethSTARK; Ben-Sasson, Goldberg, Kopparty, Saraf,
 *       "DEEP-FRI", ITCS 2020).
 *   <li>FRI on {@code D}: commit to each layer, draw a folding challenge, fold by the folding
 *       factor until the degree bound is at most {@code maxRemainderLength}; send the remainder's
 *       coefficients.
 *   <li>Grind a nonce whose hash with the transcript has {@code grindingBits} leading zeros, then
 *       draw query positions and open every commitment there.
 * </ol>
 *
 * <p>An honest trace is checked against the AIR before proving; {@link #prove} refuses a trace that
 * does not satisfy it. Threads come only from the optional {@link ForkJoinPool}; the proof is the
 * same with or without one.
 */
public final class StarkProver {
  private final StarkParameters parameters;
  private final @Nullable ForkJoinPool pool;

  private StarkProver(StarkParameters parameters, @Nullable ForkJoinPool pool) {
    this.parameters = parameters;
    this.pool = pool;
  }

  /** A single-threaded prover. */
  public static StarkProver create(StarkParameters parameters) {
    return new StarkProver(parameters, null);
  }

  /** A prover that splits its work across {@code pool}. */
  public static StarkProver create(StarkParameters parameters, ForkJoinPool pool) {
    return new StarkProver(parameters, pool);
  }

  public StarkParameters parameters() {
    return parameters;
  }

  /**
   * Proves that {@code trace} satisfies {@code air}.
   *
   * @throws IllegalArgumentException when the trace does not fit or does not satisfy the AIR, or
   *     the blowup factor is below the composition degree
   */
  public StarkProof prove(Air air, Trace trace) {
    checkTrace(air, trace);
    return proveUnchecked(air, trace);
  }

  /** Checks every transition and boundary constraint on the trace domain. */
  static void checkTrace(Air air, Trace trace) {
    checkShape(air, trace);
    int n = trace.length();
    int w = trace.width();
    List<long[]> periodic = air.periodicColumns();
    long[] cur = new long[w];
    long[] next = new long[w];
    long[] per = new long[periodic.size()];
    long[] out = new long[air.transitionConstraintCount()];
    for (int i = 0; i < n - 1; i++) {
      for (int c = 0; c < w; c++) {
        cur[c] = trace.get(c, i);
        next[c] = trace.get(c, i + 1);
      }
      for (int p = 0; p < per.length; p++) {
        long[] cycle = periodic.get(p);
        per[p] = cycle[i % cycle.length];
      }
      air.evaluateTransition(cur, next, per, out);
      for (int j = 0; j < out.length; j++) {
        if (out[j] != 0) {
          throw new IllegalArgumentException(
              "trace violates transition constraint "
                  + j
                  + " between rows "
                  + i
                  + " and "
                  + (i + 1));
        }
      }
    }
    for (BoundaryConstraint b : air.boundaryConstraints()) {
      if (trace.get(b.column(), b.row()) != b.value()) {
        throw new IllegalArgumentException(
            "trace violates the boundary constraint on column " + b.column() + " row " + b.row());
      }
    }
  }

  private static void checkShape(Air air, Trace trace) {
    if (trace.width() != air.traceWidth() || trace.length() != air.traceLength()) {
      throw new IllegalArgumentException(
          "trace is "
              + trace.width()
              + "x"
              + trace.length()
              + ", the AIR expects "
              + air.traceWidth()
              + "x"
              + air.traceLength());
    }
  }

  /** Proves without checking the trace first: for tests that show a bad trace is caught. */
  StarkProof proveUnchecked(Air air, Trace trace) {
    checkShape(air, trace);
    final int n = air.traceLength();
    final int logN = Integer.numberOfTrailingZeros(n);
    final int blowup = parameters.blowupFactor();
    final int bigN = n * blowup;
    final int w = air.traceWidth();
    final int segments = Protocol.compositionSegments(air);
    if (logN < 3 || logN > 24 || w > 255) {
      throw new IllegalArgumentException(
          "traces of 2^3 to 2^24 rows and at most 255 columns are supported, got " + w + "x" + n);
    }
    if (segments > blowup) {
      throw new IllegalArgumentException(
          "blowup factor " + blowup + " is below the composition degree " + segments);
    }
    if (Integer.numberOfTrailingZeros(bigN) > Goldilocks.TWO_ADICITY) {
      throw new IllegalArgumentException("evaluation domain exceeds 2^32");
    }
    Transcript fs = Protocol.transcript(parameters, air);

    // 1. Trace low-degree extension and commitment.
    long[][] traceCoefficients = new long[w][];
    long[][] traceLde = new long[w][];
    Parallel.range(
        pool,
        w,
        1,
        (from, to) -> {
          for (int c = from; c < to; c++) {
            long[] coefficients = trace.column(c);
            Ntt.inverse(coefficients);
            traceCoefficients[c] = coefficients;
            traceLde[c] = Ntt.evaluateOnCoset(coefficients, bigN, DOMAIN_OFFSET);
          }
        });
    MerkleTree traceTree =
        MerkleTree.commit(
            bigN,
            w,
            (i, row) -> {
              for (int c = 0; c < w; c++) {
                row[c] = traceLde[c][i];
              }
            },
            pool);
    fs.absorb("trace-root", traceTree.root().toByteArray());

    // 2. Constraint composition.
    List<BoundaryConstraint> boundaries = air.boundaryConstraints();
    int t = air.transitionConstraintCount();
    Ext2[] alphas = Protocol.drawExts(fs, "composition", t + boundaries.size());
    long[] xs = domainPoints(bigN);
    long[][] h = composition(air, traceLde, xs, alphas, boundaries);
    long[] h0 = Ntt.interpolateCoset(h[0], DOMAIN_OFFSET);
    long[] h1 = Ntt.interpolateCoset(h[1], DOMAIN_OFFSET);
    long[][] segmentCoefficients = new long[2 * segments][];
    long[][] segmentLde = new long[2 * segments][];
    Parallel.range(
        pool,
        2 * segments,
        1,
        (from, to) -> {
          for (int k = from; k < to; k++) {
            long[] src = (k & 1) == 0 ? h0 : h1;
            int seg = k >> 1;
            segmentCoefficients[k] = Arrays.copyOfRange(src, seg * n, (seg + 1) * n);
            segmentLde[k] = Ntt.evaluateOnCoset(segmentCoefficients[k], bigN, DOMAIN_OFFSET);
          }
        });
    MerkleTree compositionTree =
        MerkleTree.commit(
            bigN,
            2 * segments,
            (i, row) -> {
              for (int k = 0; k < 2 * segments; k++) {
                row[k] = segmentLde[k][i];
              }
            },
            pool);
    fs.absorb("composition-root", compositionTree.root().toByteArray());

    // 3. Out-of-domain evaluations.
    Ext2 z = Protocol.drawOodPoint(fs);
    Ext2 zg = z.mul(Goldilocks.rootOfUnity(logN));
    Ext2[] oodCurrent = new Ext2[w];
    Ext2[] oodNext = new Ext2[w];
    for (int c = 0; c < w; c++) {
      oodCurrent[c] = Polynomials.evaluate(traceCoefficients[c], z);
      oodNext[c] = Polynomials.evaluate(traceCoefficients[c], zg);
    }
    Ext2[] oodComposition = new Ext2[segments];
    for (int s = 0; s < segments; s++) {
      oodComposition[s] =
          Polynomials.evaluate(segmentCoefficients[2 * s], segmentCoefficients[2 * s + 1], z);
    }
    fs.absorb("ood-evaluations", Protocol.encodeExts(oodCurrent, oodNext, oodComposition));

    // 4. DEEP composition polynomial on the evaluation domain.
    Ext2[] deep = Protocol.drawExts(fs, "deep", 2 * w + segments);
    long[][] d =
        deepComposition(xs, traceLde, segmentLde, z, zg, oodCurrent, oodNext, oodComposition, deep);

    // 5. FRI commit phase.
    int m = parameters.foldingFactor();
    List<MerkleTree> friTrees = new ArrayList<>();
    List<long[][]> friLayers = new ArrayList<>();
    long[] c0 = d[0];
    long[] c1 = d[1];
    int size = bigN;
    long layerOffset = DOMAIN_OFFSET;
    int degreeBound = n;
    while (degreeBound > parameters.maxRemainderLength()) {
      final long[] l0 = c0;
      final long[] l1 = c1;
      final int leaves = size / m;
      MerkleTree tree =
          MerkleTree.commit(
              leaves,
              2 * m,
              (k, row) -> {
                for (int i = 0; i < m; i++) {
                  row[2 * i] = l0[k + i * leaves];
                  row[2 * i + 1] = l1[k + i * leaves];
                }
              },
              pool);
      friTrees.add(tree);
      friLayers.add(new long[][] {l0, l1});
      fs.absorb("fri-root", tree.root().toByteArray());
      Ext2 alpha = Protocol.drawExt(fs, "fri-alpha");
      long[] n0 = new long[leaves];
      long[] n1 = new long[leaves];
      long offsetInv = Goldilocks.inv(layerOffset);
      long rootInv = Goldilocks.inv(Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(size)));
      Parallel.range(
          pool,
          leaves,
          4096,
          (from, to) -> {
            long x0Inv = Goldilocks.mul(offsetInv, Goldilocks.pow(rootInv, from));
            for (int k = from; k < to; k++) {
              Protocol.foldInto(l0, l1, k, leaves, m, x0Inv, alpha, n0, n1);
              x0Inv = Goldilocks.mul(x0Inv, rootInv);
            }
          });
      c0 = n0;
      c1 = n1;
      size = leaves;
      layerOffset = Goldilocks.pow(layerOffset, m);
      degreeBound /= m;
    }
    long[] r0 = Ntt.interpolateCoset(c0, layerOffset);
    long[] r1 = Ntt.interpolateCoset(c1, layerOffset);
    Ext2[] remainder = new Ext2[degreeBound];
    for (int i = 0; i < degreeBound; i++) {
      remainder[i] = Ext2.of(r0[i], r1[i]);
    }
    fs.absorb("fri-remainder", Protocol.encodeExts(remainder));

    // 6. Grinding, then queries.
    long nonce = grind(Protocol.powChallenge(fs), parameters.grindingBits());
    fs.absorb("grinding-nonce", nonce);
    int[] positions = Protocol.drawPositions(fs, parameters.queries(), bigN);

    StarkProof.Opening traceOpening = open(traceTree, positions, traceLde);
    StarkProof.Opening compositionOpening = open(compositionTree, positions, segmentLde);
    List<StarkProof.Opening> friOpenings = new ArrayList<>();
    int layerSize = bigN;
    for (int layer = 0; layer < friTrees.size(); layer++) {
      int leaves = layerSize / m;
      int[] leafIndices = leafIndices(positions, leaves);
      long[][] values = friLayers.get(layer);
      long[][] rows = new long[leafIndices.length][2 * m];
      for (int r = 0; r < leafIndices.length; r++) {
        for (int i = 0; i < m; i++) {
          rows[r][2 * i] = values[0][leafIndices[r] + i * leaves];
          rows[r][2 * i + 1] = values[1][leafIndices[r] + i * leaves];
        }
      }
      friOpenings.add(new StarkProof.Opening(rows, friTrees.get(layer).open(leafIndices)));
      layerSize = leaves;
    }
    List<Digest> friRoots = new ArrayList<>();
    for (MerkleTree tree : friTrees) {
      friRoots.add(tree.root());
    }
    return new StarkProof(
        parameters,
        logN,
        traceTree.root(),
        compositionTree.root(),
        oodCurrent,
        oodNext,
        oodComposition,
        friRoots,
        remainder,
        nonce,
        traceOpening,
        compositionOpening,
        friOpenings);
  }

  /**
   * The distinct leaves, ascending, that hold the query positions in a layer of that many leaves.
   */
  static int[] leafIndices(int[] positions, int leaves) {
    return Arrays.stream(positions).map(p -> p & (leaves - 1)).sorted().distinct().toArray();
  }

  private static StarkProof.Opening open(MerkleTree tree, int[] positions, long[][] columns) {
    long[][] rows = new long[positions.length][columns.length];
    for (int r = 0; r < positions.length; r++) {
      for (int c = 0; c < columns.length; c++) {
        rows[r][c] = columns[c][positions[r]];
      }
    }
    return new StarkProof.Opening(rows, tree.open(positions));
  }

  private long grind(byte[] challenge, int bits) {
    if (bits == 0) {
      return 0;
    }
    MessageDigest md = Protocol.powDigest();
    byte[] buffer = Protocol.powBuffer(challenge);
    for (long nonce = 0; ; nonce++) {
      if (Protocol.powValid(buffer, nonce, bits, md)) {
        return nonce;
      }
    }
  }

  /** The points {@code 7·ω_N^j} of the evaluation domain. */
  private long[] domainPoints(int bigN) {
    long[] xs = new long[bigN];
    long omega = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(bigN));
    Parallel.range(
        pool,
        bigN,
        1 << 14,
        (from, to) -> {
          long x = Goldilocks.mul(DOMAIN_OFFSET, Goldilocks.pow(omega, from));
          for (int j = from; j < to; j++) {
            xs[j] = x;
            x = Goldilocks.mul(x, omega);
          }
        });
    return xs;
  }

  /** The composition polynomial's evaluations on the evaluation domain, split coordinates. */
  private long[][] composition(
      Air air, long[][] traceLde, long[] xs, Ext2[] alphas, List<BoundaryConstraint> boundaries) {
    final int n = air.traceLength();
    final int bigN = xs.length;
    final int blowup = bigN / n;
    final int w = air.traceWidth();
    final int t = air.transitionConstraintCount();
    // Periodic columns: p(x) = q(x^(n/m)); x^(n/m) cycles with period blowup·m on the coset.
    List<long[]> cycles = air.periodicColumns();
    long[][] periodicTables = new long[cycles.size()][];
    for (int p = 0; p < cycles.size(); p++) {
      long[] q = cycles.get(p).clone();
      int m = q.length;
      Ntt.inverse(q);
      periodicTables[p] = Ntt.evaluateOnCoset(q, blowup * m, Goldilocks.pow(DOMAIN_OFFSET, n / m));
    }
    // Transition zerofier inverse: (x - ω^(n-1)) / (x^n - 1); x^n cycles with period blowup.
    long lastRow = Goldilocks.pow(Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(n)), n - 1);
    long[] vanishingInv = new long[blowup];
    long offN = Goldilocks.pow(DOMAIN_OFFSET, n);
    long omegaB = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(blowup));
    for (int j = 0; j < blowup; j++) {
      vanishingInv[j] = Goldilocks.sub(Goldilocks.mul(offN, Goldilocks.pow(omegaB, j)), 1);
    }
    Goldilocks.batchInvert(vanishingInv);
    // Boundary denominators 1/(x - ω^row), one batch per distinct row.
    TreeMap<Integer, long[]> rowInverses = new TreeMap<>();
    long omegaN = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(n));
    for (BoundaryConstraint b : boundaries) {
      if (b.row() >= n || b.column() >= w) {
        throw new IllegalArgumentException("boundary constraint outside the trace");
      }
      if (!rowInverses.containsKey(b.row())) {
        long point = Goldilocks.pow(omegaN, b.row());
        long[] inv = new long[bigN];
        Parallel.range(
            pool,
            bigN,
            1 << 14,
            (from, to) -> {
              for (int j = from; j < to; j++) {
                inv[j] = Goldilocks.sub(xs[j], point);
              }
              long[] slice = Arrays.copyOfRange(inv, from, to);
              Goldilocks.batchInvert(slice);
              System.arraycopy(slice, 0, inv, from, to - from);
            });
        rowInverses.put(b.row(), inv);
      }
    }
    long[][] rowInv = new long[boundaries.size()][];
    for (int k = 0; k < boundaries.size(); k++) {
      rowInv[k] = java.util.Objects.requireNonNull(rowInverses.get(boundaries.get(k).row()));
    }
    long[] h0 = new long[bigN];
    long[] h1 = new long[bigN];
    Parallel.range(
        pool,
        bigN,
        1 << 12,
        (from, to) -> {
          long[] cur = new long[w];
          long[] next = new long[w];
          long[] per = new long[periodicTables.length];
          long[] out = new long[t];
          for (int j = from; j < to; j++) {
            int jn = (j + blowup) & (bigN - 1);
            for (int c = 0; c < w; c++) {
              cur[c] = traceLde[c][j];
              next[c] = traceLde[c][jn];
            }
            for (int p = 0; p < per.length; p++) {
              long[] table = periodicTables[p];
              per[p] = table[j & (table.length - 1)];
            }
            air.evaluateTransition(cur, next, per, out);
            long a0 = 0;
            long a1 = 0;
            for (int k = 0; k < t; k++) {
              a0 = Goldilocks.add(a0, Goldilocks.mul(alphas[k].c0(), out[k]));
              a1 = Goldilocks.add(a1, Goldilocks.mul(alphas[k].c1(), out[k]));
            }
            long z = Goldilocks.mul(Goldilocks.sub(xs[j], lastRow), vanishingInv[j & (blowup - 1)]);
            a0 = Goldilocks.mul(a0, z);
            a1 = Goldilocks.mul(a1, z);
            for (int k = 0; k < rowInv.length; k++) {
              BoundaryConstraint b = boundaries.get(k);
              long v =
                  Goldilocks.mul(Goldilocks.sub(traceLde[b.column()][j], b.value()), rowInv[k][j]);
              Ext2 beta = alphas[t + k];
              a0 = Goldilocks.add(a0, Goldilocks.mul(beta.c0(), v));
              a1 = Goldilocks.add(a1, Goldilocks.mul(beta.c1(), v));
            }
            h0[j] = a0;
            h1[j] = a1;
          }
        });
    return new long[][] {h0, h1};
  }

  /** The DEEP composition polynomial's evaluations on the evaluation domain. */
  private long[][] deepComposition(
      long[] xs,
      long[][] traceLde,
      long[][] segmentLde,
      Ext2 z,
      Ext2 zg,
      Ext2[] oodCurrent,
      Ext2[] oodNext,
      Ext2[] oodComposition,
      Ext2[] coefficients) {
    int bigN = xs.length;
    int w = traceLde.length;
    int segments = oodComposition.length;
    // Constant parts: Σ γ_c T_c(z) + Σ ε_i H_i(z), and Σ δ_c T_c(zω).
    Ext2 constZ = Ext2.ZERO;
    Ext2 constZg = Ext2.ZERO;
    for (int c = 0; c < w; c++) {
      constZ = constZ.add(coefficients[c].mul(oodCurrent[c]));
      constZg = constZg.add(coefficients[w + c].mul(oodNext[c]));
    }
    for (int s = 0; s < segments; s++) {
      constZ = constZ.add(coefficients[2 * w + s].mul(oodComposition[s]));
    }
    final Ext2 kz = constZ;
    final Ext2 kzg = constZg;
    long[] d0 = new long[bigN];
    long[] d1 = new long[bigN];
    Parallel.range(
        pool,
        bigN,
        1 << 12,
        (from, to) -> {
          int len = to - from;
          // 1/(x - z) = ((x - z0) + z1 u) / ((x - z0)^2 - W z1^2); one batch inversion per point
          // set.
          long[] normZ = new long[len];
          long[] normZg = new long[len];
          long z1sq = Goldilocks.mul(Ext2.W, Goldilocks.square(z.c1()));
          long zg1sq = Goldilocks.mul(Ext2.W, Goldilocks.square(zg.c1()));
          for (int j = 0; j < len; j++) {
            normZ[j] =
                Goldilocks.sub(Goldilocks.square(Goldilocks.sub(xs[from + j], z.c0())), z1sq);
            normZg[j] =
                Goldilocks.sub(Goldilocks.square(Goldilocks.sub(xs[from + j], zg.c0())), zg1sq);
          }
          Goldilocks.batchInvert(normZ);
          Goldilocks.batchInvert(normZg);
          long[] r0 = new long[2];
          long[] r1 = new long[2];
          for (int j = 0; j < len; j++) {
            int at = from + j;
            long a0 = 0;
            long a1 = 0;
            long b0 = 0;
            long b1 = 0;
            for (int c = 0; c < w; c++) {
              long v = traceLde[c][at];
              a0 = Goldilocks.add(a0, Goldilocks.mul(coefficients[c].c0(), v));
              a1 = Goldilocks.add(a1, Goldilocks.mul(coefficients[c].c1(), v));
              b0 = Goldilocks.add(b0, Goldilocks.mul(coefficients[w + c].c0(), v));
              b1 = Goldilocks.add(b1, Goldilocks.mul(coefficients[w + c].c1(), v));
            }
            for (int s = 0; s < segments; s++) {
              Ext2 e = coefficients[2 * w + s];
              long s0 = segmentLde[2 * s][at];
              long s1 = segmentLde[2 * s + 1][at];
              long p0 = Goldilocks.mul(e.c0(), s0);
              long p1 = Goldilocks.mul(e.c1(), s1);
              a0 = Goldilocks.add(a0, Goldilocks.add(p0, Goldilocks.mul(Ext2.W, p1)));
              a1 =
                  Goldilocks.add(
                      a1, Goldilocks.add(Goldilocks.mul(e.c0(), s1), Goldilocks.mul(e.c1(), s0)));
            }
            a0 = Goldilocks.sub(a0, kz.c0());
            a1 = Goldilocks.sub(a1, kz.c1());
            b0 = Goldilocks.sub(b0, kzg.c0());
            b1 = Goldilocks.sub(b1, kzg.c1());
            long iz0 = Goldilocks.mul(Goldilocks.sub(xs[at], z.c0()), normZ[j]);
            long iz1 = Goldilocks.mul(z.c1(), normZ[j]);
            long ig0 = Goldilocks.mul(Goldilocks.sub(xs[at], zg.c0()), normZg[j]);
            long ig1 = Goldilocks.mul(zg.c1(), normZg[j]);
            Ext2.mulInto(a0, a1, iz0, iz1, r0, r1, 0);
            Ext2.mulInto(b0, b1, ig0, ig1, r0, r1, 1);
            d0[at] = Goldilocks.add(r0[0], r0[1]);
            d1[at] = Goldilocks.add(r1[0], r1[1]);
          }
        });
    return new long[][] {d0, d1};
  }
}
