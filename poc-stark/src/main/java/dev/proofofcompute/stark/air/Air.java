package dev.proofofcompute.stark.air;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.stark.field.Ext2;
import java.util.List;

/**
 * A statement in algebraic intermediate representation (ethSTARK documentation, eprint 2021/582,
 * Winterfell's {@code Air} trait): a trace of {@link #traceWidth()} columns and {@link
 * #traceLength()} rows is valid when
 *
 * <ul>
 *   <li>every transition constraint evaluates to zero on each pair of consecutive rows {@code (i,
 *       i+1)}, {@code 0 <= i < traceLength - 1};
 *   <li>every boundary constraint holds.
 * </ul>
 *
 * <p>Transition constraints are polynomials in the current row, the next row and the periodic
 * column values; {@link #transitionDegree(int)} is the total degree when each trace and periodic
 * column counts as degree 1 (a periodic column's polynomial has degree below the trace length). The
 * same constraints are evaluated over the base field by the prover and over the extension by the
 * verifier at the out-of-domain point, so the two {@code evaluateTransition} methods must compute
 * the same polynomials.
 *
 * <p>An instance binds the public inputs: {@link #name()} and {@link #publicInputs()} are absorbed
 * into the Fiat–Shamir transcript, so a proof for one statement does not verify for another.
 */
public interface Air {
  /** A stable identifier of the constraint system, e.g. {@code "fibonacci/v1"}. */
  String name();

  /** The canonical encoding of the public inputs. */
  Bytes publicInputs();

  int traceWidth();

  /** A power of two, at least 8. */
  int traceLength();

  int transitionConstraintCount();

  /** The degree of transition constraint {@code index}, at least 1. */
  int transitionDegree(int index);

  /**
   * The periodic columns: each a cycle of values, its length a power of two dividing the trace
   * length; row {@code i} sees {@code cycle[i mod cycle.length]}. Copies.
   */
  List<long[]> periodicColumns();

  /** The boundary constraints. */
  List<BoundaryConstraint> boundaryConstraints();

  /**
   * Evaluates the transition constraints over the base field into {@code result}; the arrays hold
   * the current row, the next row and the periodic values for the current row.
   */
  void evaluateTransition(long[] current, long[] next, long[] periodic, long[] result);

  /** The same constraints over the extension field. */
  void evaluateTransition(Ext2[] current, Ext2[] next, Ext2[] periodic, Ext2[] result);
}
