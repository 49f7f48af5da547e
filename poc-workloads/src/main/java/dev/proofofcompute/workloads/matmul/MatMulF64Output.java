package dev.proofofcompute.workloads.matmul;

import dev.proofofcompute.core.linalg.DoubleMatrix;

/** The float64 product {@code c = a × b} in the fixed summation order of {@link MatrixProducts}. */
public record MatMulF64Output(DoubleMatrix c) {}
