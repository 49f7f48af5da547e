/**
 * The {@code mlp-infer} workload: a quantised int8 multilayer perceptron, content-addressed by the
 * hash of its weights, run over a batch of int8 input vectors. It exposes each batch row as an
 * independent item (spot-checks, canaries) and each layer's product as a matrix product
 * (Freivalds).
 */
@NullMarked
package dev.proofofcompute.workloads.mlp;

import org.jspecify.annotations.NullMarked;
