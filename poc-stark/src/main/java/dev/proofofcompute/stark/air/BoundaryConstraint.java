package dev.proofofcompute.stark.air;

import dev.proofofcompute.stark.field.Goldilocks;

/**
 * The assertion {@code trace[column][row] == value}.
 *
 * @param column the trace column
 * @param row the trace row
 * @param value a canonical Goldilocks element
 */
public record BoundaryConstraint(int column, int row, long value) {
  public BoundaryConstraint {
    if (column < 0 || row < 0) {
      throw new IllegalArgumentException("column and row must be non-negative");
    }
    if (!Goldilocks.isCanonical(value)) {
      throw new IllegalArgumentException("boundary value is not a canonical field element");
    }
  }
}
