/**
 * Freivalds' probabilistic check of matrix products (Freivalds 1977): a claimed {@code C = A × B}
 * is tested as {@code A(Br) = Cr} for fresh random vectors {@code r} in O(n^2) work instead of the
 * O(n^3) of recomputing it — exactly over the prime field GF(2^61 - 1) for integer matrices, and
 * with a derived rounding-error tolerance for float64 matrices. The scheme {@code freivalds} checks
 * every product of a workload's {@link dev.proofofcompute.core.workload.MatrixStructure} chain. See
 * {@code docs/schemes.md}.
 */
@NullMarked
package dev.proofofcompute.schemes.freivalds;

import org.jspecify.annotations.NullMarked;
