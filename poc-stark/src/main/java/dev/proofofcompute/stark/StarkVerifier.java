package dev.proofofcompute.stark;

import static dev.proofofcompute.stark.Protocol.DOMAIN_OFFSET;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.transcript.Transcript;
import dev.proofofcompute.stark.air.Air;
import dev.proofofcompute.stark.air.BoundaryConstraint;
import dev.proofofcompute.stark.field.Ext2;
import dev.proofofcompute.stark.field.Goldilocks;
import dev.proofofcompute.stark.field.Ntt;
import dev.proofofcompute.stark.field.Polynomials;
import java.util.Arrays;
import java.util.List;

/**
 * Verifies STARK proofs against an AIR instance (the statement and its public inputs) and the
 * parameters the verifier demands.
 *
 * <p>Design: replays the prover's Fiat–Shamir transcript (see {@link StarkProver}) and checks, in
 * order: the parameters and proof shape; the DEEP-ALI identity {@code H(z) = Σ α_j C_j(z)/Z_j(z)}
 * from the sent out-of-domain frame (ethSTARK documentation, eprint 2021/582); the proof-of-work
 * nonce; the Merkle batch openings of the trace, the composition segments and every FRI layer at
 * the query positions; the DEEP composition value recomputed from the opened rows against FRI layer
 * 0; each FRI folding step; and the remainder polynomial at the last layer's positions.
 * Verification fails closed: any failure, including an unexpected runtime error, ends in {@link
 * VerificationException} with a reason.
 */
public final class StarkVerifier {
  private final StarkParameters parameters;

  private StarkVerifier(StarkParameters parameters) {
    this.parameters = parameters;
  }

  /** A verifier that accepts only proofs made with exactly {@code parameters}. */
  public static StarkVerifier create(StarkParameters parameters) {
    return new StarkVerifier(parameters);
  }

  public StarkParameters parameters() {
    return parameters;
  }

  /**
   * Decodes and verifies an encoded proof.
   *
   * @throws VerificationException when the encoding is malformed or the proof is invalid
   */
  public void verify(Air air, Bytes encodedProof) throws VerificationException {
    StarkProof proof;
    try {
      proof = StarkProof.decode(encodedProof);
    } catch (DecodingException e) {
      throw new VerificationException("malformed proof: " + e.getMessage(), e);
    }
    verify(air, proof);
  }

  /**
   * Verifies that {@code proof} shows a trace satisfying {@code air} exists.
   *
   * @throws VerificationException with the reason, when it does not
   */
  public void verify(Air air, StarkProof proof) throws VerificationException {
    try {
      check(air, proof);
    } catch (VerificationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new VerificationException("proof verification failed: " + e, e);
    }
  }

  private void check(Air air, StarkProof proof) throws VerificationException {
    StarkParameters p = parameters;
    if (!proof.parameters.equals(p)) {
      throw new VerificationException(
          "proof was made with " + proof.parameters + ", the verifier requires " + p);
    }
    int n = air.traceLength();
    if (proof.traceLength() != n) {
      throw new VerificationException(
          "proof is for a trace of " + proof.traceLength() + " rows, the statement has " + n);
    }
    int logN = Integer.numberOfTrailingZeros(n);
    int w = air.traceWidth();
    int segments = Protocol.compositionSegments(air);
    int blowup = p.blowupFactor();
    int bigN = n * blowup;
    int m = p.foldingFactor();
    if (segments > blowup) {
      throw new VerificationException("blowup factor is below the composition degree");
    }
    if (proof.oodCurrent.length != w) {
      throw new VerificationException("out-of-domain frame has the wrong width");
    }
    if (proof.oodComposition.length != segments) {
      throw new VerificationException("wrong number of composition segments");
    }
    int layers = p.friLayerCount(n);
    if (proof.friRoots.size() != layers) {
      throw new VerificationException("wrong number of FRI layers");
    }
    if (proof.remainder.length != p.remainderLength(n)) {
      throw new VerificationException("wrong FRI remainder length");
    }

    // Replay the transcript.
    Transcript fs = Protocol.transcript(p, air);
    fs.absorb("trace-root", proof.traceRoot.toByteArray());
    List<BoundaryConstraint> boundaries = air.boundaryConstraints();
    int t = air.transitionConstraintCount();
    Ext2[] alphas = Protocol.drawExts(fs, "composition", t + boundaries.size());
    fs.absorb("composition-root", proof.compositionRoot.toByteArray());
    Ext2 z = Protocol.drawOodPoint(fs);
    Ext2 zg = z.mul(Goldilocks.rootOfUnity(logN));
    fs.absorb(
        "ood-evaluations",
        Protocol.encodeExts(proof.oodCurrent, proof.oodNext, proof.oodComposition));
    Ext2[] deep = Protocol.drawExts(fs, "deep", 2 * w + segments);
    Ext2[] friAlphas = new Ext2[layers];
    for (int l = 0; l < layers; l++) {
      fs.absorb("fri-root", proof.friRoots.get(l).toByteArray());
      friAlphas[l] = Protocol.drawExt(fs, "fri-alpha");
    }
    fs.absorb("fri-remainder", Protocol.encodeExts(proof.remainder));
    byte[] powBuffer = Protocol.powBuffer(Protocol.powChallenge(fs));
    if (!Protocol.powValid(powBuffer, proof.powNonce, p.grindingBits(), Protocol.powDigest())) {
      throw new VerificationException("proof-of-work nonce does not meet the grinding target");
    }
    fs.absorb("grinding-nonce", proof.powNonce);
    int[] positions = Protocol.drawPositions(fs, p.queries(), bigN);

    checkOutOfDomain(air, proof, z, alphas, boundaries);

    // Trace and composition openings.
    checkOpening(proof.traceOpening, positions.length, w, "trace");
    MerkleTree.verify(
        proof.traceRoot, bigN, positions, proof.traceOpening.rows, proof.traceOpening.nodes);
    checkOpening(proof.compositionOpening, positions.length, 2 * segments, "composition");
    MerkleTree.verify(
        proof.compositionRoot,
        bigN,
        positions,
        proof.compositionOpening.rows,
        proof.compositionOpening.nodes);

    // DEEP composition at each query; the 2q denominators share one inversion.
    long omegaN = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(bigN));
    int queries = positions.length;
    long[] xs = new long[queries];
    Ext2[] denominators = new Ext2[2 * queries];
    for (int q = 0; q < queries; q++) {
      xs[q] = Goldilocks.mul(DOMAIN_OFFSET, Goldilocks.pow(omegaN, positions[q]));
      Ext2 x = Ext2.ofBase(xs[q]);
      denominators[2 * q] = x.sub(z);
      denominators[2 * q + 1] = x.sub(zg);
    }
    Ext2.batchInvert(denominators);
    Ext2[] values = new Ext2[queries];
    int[] pos = positions.clone();
    for (int q = 0; q < queries; q++) {
      values[q] =
          deepValue(
              proof.traceOpening.rows[q],
              proof.compositionOpening.rows[q],
              denominators[2 * q],
              denominators[2 * q + 1],
              proof.oodCurrent,
              proof.oodNext,
              proof.oodComposition,
              deep);
    }

    // FRI layers.
    int size = bigN;
    long layerOffset = DOMAIN_OFFSET;
    for (int l = 0; l < layers; l++) {
      int leaves = size / m;
      int[] leafIndices = StarkProver.leafIndices(pos, leaves);
      StarkProof.Opening opening = proof.friOpenings.get(l);
      checkOpening(opening, leafIndices.length, 2 * m, "FRI layer " + l);
      MerkleTree.verify(proof.friRoots.get(l), leaves, leafIndices, opening.rows, opening.nodes);
      long rootInv = Goldilocks.inv(Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(size)));
      long offsetInv = Goldilocks.inv(layerOffset);
      Ext2[] coset = new Ext2[m];
      for (int q = 0; q < pos.length; q++) {
        int k = pos[q] & (leaves - 1);
        int slot = pos[q] / leaves;
        long[] row = opening.rows[Arrays.binarySearch(leafIndices, k)];
        if (!Ext2.of(row[2 * slot], row[2 * slot + 1]).equals(values[q])) {
          throw new VerificationException(
              "FRI layer " + l + " disagrees with the previous layer at a query");
        }
        for (int i = 0; i < m; i++) {
          coset[i] = Ext2.of(row[2 * i], row[2 * i + 1]);
        }
        long x0Inv = Goldilocks.mul(offsetInv, Goldilocks.pow(rootInv, k));
        values[q] = Protocol.fold(coset, x0Inv, friAlphas[l]);
        pos[q] = k;
      }
      size = leaves;
      layerOffset = Goldilocks.pow(layerOffset, m);
    }

    // Remainder.
    long omegaLast = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(size));
    for (int q = 0; q < pos.length; q++) {
      long x = Goldilocks.mul(layerOffset, Goldilocks.pow(omegaLast, pos[q]));
      if (!evaluateAtBase(proof.remainder, x).equals(values[q])) {
        throw new VerificationException("FRI remainder polynomial disagrees with the last layer");
      }
    }
  }

  private static void checkOpening(StarkProof.Opening opening, int rows, int width, String what)
      throws VerificationException {
    if (opening.rows.length != rows) {
      throw new VerificationException(
          what + " opening has " + opening.rows.length + " rows, expected " + rows);
    }
    for (long[] row : opening.rows) {
      if (row.length != width) {
        throw new VerificationException(what + " opening rows have the wrong width");
      }
    }
  }

  /** Checks the DEEP-ALI identity at the out-of-domain point. */
  private static void checkOutOfDomain(
      Air air, StarkProof proof, Ext2 z, Ext2[] alphas, List<BoundaryConstraint> boundaries)
      throws VerificationException {
    int n = air.traceLength();
    int t = air.transitionConstraintCount();
    List<long[]> cycles = air.periodicColumns();
    Ext2[] periodic = new Ext2[cycles.size()];
    for (int i = 0; i < periodic.length; i++) {
      long[] q = cycles.get(i).clone();
      Ntt.inverse(q);
      periodic[i] = Polynomials.evaluate(q, z.pow(n / q.length));
    }
    Ext2[] out = new Ext2[t];
    air.evaluateTransition(proof.oodCurrent.clone(), proof.oodNext.clone(), periodic, out);
    Ext2 acc = Ext2.ZERO;
    for (int k = 0; k < t; k++) {
      acc = acc.add(alphas[k].mul(out[k]));
    }
    long omegaN = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(n));
    long lastRow = Goldilocks.pow(omegaN, n - 1);
    Ext2 zn = z.pow(n);
    // C(z)/Z(z) with Z(z) = (z^n - 1)/(z - ω^(n-1)).
    acc = acc.mul(z.sub(lastRow)).mul(zn.sub(1).inv());
    for (int k = 0; k < boundaries.size(); k++) {
      BoundaryConstraint b = boundaries.get(k);
      if (b.column() >= air.traceWidth() || b.row() >= n) {
        throw new VerificationException("boundary constraint outside the trace");
      }
      Ext2 num = proof.oodCurrent[b.column()].sub(b.value());
      Ext2 den = z.sub(Goldilocks.pow(omegaN, b.row()));
      acc = acc.add(alphas[t + k].mul(num).mul(den.inv()));
    }
    Ext2 fromSegments = Ext2.ZERO;
    Ext2 zPow = Ext2.ONE;
    for (Ext2 segment : proof.oodComposition) {
      fromSegments = fromSegments.add(segment.mul(zPow));
      zPow = zPow.mul(zn);
    }
    if (!fromSegments.equals(acc)) {
      throw new VerificationException(
          "out-of-domain composition value does not match the constraints at z");
    }
  }

  private static Ext2 deepValue(
      long[] traceRow,
      long[] compositionRow,
      Ext2 inverseXMinusZ,
      Ext2 inverseXMinusZg,
      Ext2[] oodCurrent,
      Ext2[] oodNext,
      Ext2[] oodComposition,
      Ext2[] coefficients) {
    int w = traceRow.length;
    Ext2 accZ = Ext2.ZERO;
    Ext2 accZg = Ext2.ZERO;
    for (int c = 0; c < w; c++) {
      Ext2 v = Ext2.ofBase(traceRow[c]);
      accZ = accZ.add(coefficients[c].mul(v.sub(oodCurrent[c])));
      accZg = accZg.add(coefficients[w + c].mul(v.sub(oodNext[c])));
    }
    for (int s = 0; s < oodComposition.length; s++) {
      Ext2 h = Ext2.of(compositionRow[2 * s], compositionRow[2 * s + 1]);
      accZ = accZ.add(coefficients[2 * w + s].mul(h.sub(oodComposition[s])));
    }
    return accZ.mul(inverseXMinusZ).add(accZg.mul(inverseXMinusZg));
  }

  /** An extension polynomial at a base-field point: one Horner pass per coordinate. */
  private static Ext2 evaluateAtBase(Ext2[] coefficients, long x) {
    long a0 = 0;
    long a1 = 0;
    for (int i = coefficients.length - 1; i >= 0; i--) {
      a0 = Goldilocks.add(Goldilocks.mul(a0, x), coefficients[i].c0());
      a1 = Goldilocks.add(Goldilocks.mul(a1, x), coefficients[i].c1());
    }
    return Ext2.of(a0, a1);
  }
}
