/**
 * The {@code heat-sim} workload: 2D heat diffusion on an N × N grid by explicit finite differences
 * in exact integer arithmetic, with fixed (Dirichlet) boundary values. It exposes the grid after
 * every time step for bisection disputes.
 */
@NullMarked
package dev.proofofcompute.workloads.heat;

import org.jspecify.annotations.NullMarked;
