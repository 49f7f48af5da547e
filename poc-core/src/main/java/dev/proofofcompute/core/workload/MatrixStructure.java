package dev.proofofcompute.core.workload;

import dev.proofofcompute.core.linalg.Matrix;
import java.util.List;

/**
 * A workload that is a chain of matrix products {@code C_k = A_k × B_k}, {@code k = 0..L-1}, where
 * each left operand {@code A_k} is computed cheaply (in O(n^2), elementwise) from the input and the
 * previous product {@code C_{k-1}} — a quantised MLP is such a chain (activations × weights, then
 * requantise and ReLU), a single product is a chain of length one.
 *
 * <p>A provider sends every product {@code C_k} as evidence; a verifier rebuilds each {@code A_k},
 * {@code B_k} from the claimed previous product, checks every claimed product with Freivalds'
 * algorithm, and derives the output from the last product, all without a single O(n^3) product.
 */
public interface MatrixStructure<I, O> {
  int productCount(I input);

  /** Prover side: the honest products {@code C_0 .. C_{L-1}}. */
  List<Matrix> products(I input);

  /** The left operand of product {@code k}, given the claimed products before it. */
  Matrix left(I input, List<Matrix> claimedBefore, int k);

  /** The right operand of product {@code k} (weights, a fixed matrix of the input). */
  Matrix right(I input, int k);

  /** The output implied by the claimed products (elementwise work on the last one). */
  O output(I input, List<Matrix> claimedProducts);
}
