/**
 * Fiat–Shamir transcripts: a prover and a verifier absorb the same public messages in the same
 * order and squeeze identical challenges from them, so that an interactive public-coin protocol
 * (spot-check sampling, Freivalds vectors, STARK queries) becomes non-interactive. Challenges are
 * bound to every message absorbed before them and to the protocol label.
 */
@NullMarked
package dev.proofofcompute.crypto.transcript;

import org.jspecify.annotations.NullMarked;
