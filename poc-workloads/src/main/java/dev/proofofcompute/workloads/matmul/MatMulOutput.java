package dev.proofofcompute.workloads.matmul;

import dev.proofofcompute.core.linalg.IntMatrix;

/** The exact int32 product {@code c = a × b}. */
public record MatMulOutput(IntMatrix c) {}
