package dev.proofofcompute.workloads.mlp;

import dev.proofofcompute.core.linalg.IntMatrix;

/** The int32 logits, one row per batch row. */
public record MlpInferOutput(IntMatrix logits) {}
