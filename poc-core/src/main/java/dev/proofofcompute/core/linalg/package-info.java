/**
 * Exact integer and IEEE-754 matrices with canonical encodings: the operands of the matrix products
 * that Freivalds checks verify.
 */
@NullMarked
package dev.proofofcompute.core.linalg;

import org.jspecify.annotations.NullMarked;
