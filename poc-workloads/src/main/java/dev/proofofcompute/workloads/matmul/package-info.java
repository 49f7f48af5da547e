/**
 * The {@code matmul} workloads: one exact int8 × int8 → int32 matrix product, and a float64 product
 * with a fixed summation order. Both expose the product as a one-product {@code MatrixStructure}
 * (for Freivalds checks) and the rows of the output as independent items (for spot-checks).
 */
@NullMarked
package dev.proofofcompute.workloads.matmul;

import org.jspecify.annotations.NullMarked;
