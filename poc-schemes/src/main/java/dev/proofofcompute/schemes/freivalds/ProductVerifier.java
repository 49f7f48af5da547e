package dev.proofofcompute.schemes.freivalds;

import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.crypto.VerificationException;

/**
 * Checks a claimed matrix product.
 *
 * <p>Contract: {@link #verify} returns normally only when the check of {@code c = a × b} passes. It
 * throws {@link VerificationException} when the claim fails, when the shapes do not chain, when the
 * operands are outside the range the check is sound for, and on any unexpected error — a verifier
 * fails closed. Randomness, if any, is drawn inside {@code verify}, after the claim exists.
 */
public interface ProductVerifier {
  /**
   * Verifies {@code c = a × b}.
   *
   * @param index the product's index in its chain, named in failure messages
   * @throws VerificationException when {@code c} is not accepted as {@code a × b}, with the reason
   */
  void verify(int index, Matrix a, Matrix b, Matrix c) throws VerificationException;
}
