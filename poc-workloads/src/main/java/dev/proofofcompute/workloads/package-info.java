/**
 * The built-in deterministic workloads ({@code matmul}, {@code matmul-f64}, {@code mlp-infer},
 * {@code mlp-train}, {@code heat-sim}) and the registry that names them. Every workload is a pure,
 * bit-reproducible function: integer or fixed-point arithmetic where exactness matters, StrictMath
 * and a fixed reduction order otherwise; no I/O, threads or clock.
 */
@NullMarked
package dev.proofofcompute.workloads;

import org.jspecify.annotations.NullMarked;
