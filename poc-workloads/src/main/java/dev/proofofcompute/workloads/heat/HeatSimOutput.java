package dev.proofofcompute.workloads.heat;

import dev.proofofcompute.core.linalg.IntMatrix;

/** The grid after the last time step. */
public record HeatSimOutput(IntMatrix grid) {}
