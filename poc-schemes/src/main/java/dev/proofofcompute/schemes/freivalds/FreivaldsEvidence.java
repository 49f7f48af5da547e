package dev.proofofcompute.schemes.freivalds;

import dev.proofofcompute.core.linalg.Matrix;
import java.util.List;

/**
 * What a provider submits under the {@code freivalds} scheme: its output and every product {@code
 * C_0 .. C_{L-1}} of the workload's matrix chain it claims to have computed.
 *
 * @param output the claimed output
 * @param products the claimed products, in chain order
 */
public record FreivaldsEvidence<O>(O output, List<Matrix> products) {
  public FreivaldsEvidence {
    products = List.copyOf(products);
  }
}
