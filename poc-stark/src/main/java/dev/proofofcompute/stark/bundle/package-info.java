/**
 * Offline proof bundles: one file that holds a statement (an AIR name and its public inputs), the
 * STARK parameters and the proof, as one canonical CBOR map ({@link
 * dev.proofofcompute.stark.bundle.ProofBundle}), so that anyone can check the proof later without
 * the job that produced it. {@link dev.proofofcompute.stark.bundle.Statement} names the statements
 * a bundle may carry. The format is described in {@code docs/stark.md}.
 */
@NullMarked
package dev.proofofcompute.stark.bundle;

import org.jspecify.annotations.NullMarked;
