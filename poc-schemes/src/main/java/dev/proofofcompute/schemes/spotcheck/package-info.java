/**
 * The spot-check scheme (commit and sample) for workloads of independent items: the validator mixes
 * canary items with known answers into the requester's batch in a secret order, the provider
 * commits to a Merkle root over its per-item outputs, and only then does the validator reveal the
 * randomness that picks the sampled items; the provider opens those items and every canary with one
 * batch Merkle proof, and the validator recomputes the samples. Pure and deterministic given the
 * injected {@link dev.proofofcompute.crypto.random.RandomSource}. See {@code docs/schemes.md},
 * section "Spot-check".
 */
@NullMarked
package dev.proofofcompute.schemes.spotcheck;

import org.jspecify.annotations.NullMarked;
