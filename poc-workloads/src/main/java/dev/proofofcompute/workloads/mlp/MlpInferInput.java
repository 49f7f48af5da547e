package dev.proofofcompute.workloads.mlp;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.crypto.Digest;

/**
 * A batch for {@code mlp-infer}: the weights hash the requester expects (a workload for other
 * weights refuses the input) and one int8 input vector per row.
 */
public record MlpInferInput(Digest weightsHash, IntMatrix batch) {
  /**
   * @throws IllegalArgumentException when the batch has an entry outside int8
   */
  public MlpInferInput {
    if (!batch.isInt8()) {
      throw new IllegalArgumentException("the batch has an entry outside int8 [-128, 127]");
    }
  }
}
