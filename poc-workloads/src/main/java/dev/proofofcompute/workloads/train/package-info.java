/**
 * The {@code mlp-train} workload: T steps of deterministic mini-batch SGD with momentum on a small
 * two-layer perceptron, in Q16.16 fixed-point integer arithmetic, over a data set generated from a
 * seed carried in the input. It exposes its state (weights, momentum, step counter) step by step
 * for bisection disputes.
 */
@NullMarked
package dev.proofofcompute.workloads.train;

import org.jspecify.annotations.NullMarked;
