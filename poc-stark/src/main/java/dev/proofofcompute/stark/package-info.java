/**
 * A STARK over the Goldilocks field: {@link dev.proofofcompute.stark.StarkProver} turns an AIR and
 * a valid trace into a {@link dev.proofofcompute.stark.StarkProof} (trace and composition
 * commitments, DEEP out-of-domain evaluations, FRI with proof-of-work grinding, all non-interactive
 * by Fiat–Shamir), and {@link dev.proofofcompute.stark.StarkVerifier} checks it in milliseconds
 * without re-executing the computation. {@link dev.proofofcompute.stark.StarkParameters} holds the
 * security knobs and reports conjectured and provable security. Pure: no I/O, no clock; the prover
 * uses threads only from a caller-supplied {@link java.util.concurrent.ForkJoinPool}. The protocol
 * is described in {@code docs/stark.md}.
 */
@NullMarked
package dev.proofofcompute.stark;

import org.jspecify.annotations.NullMarked;
