/**
 * The transparency log (RFC 6962 / RFC 9162): every state change of the network as a typed,
 * canonically encoded {@link dev.proofofcompute.translog.LogEntry} carrying the signature that
 * authorised it, appended to a Merkle log ({@link dev.proofofcompute.translog.TransparencyLog})
 * whose storage is a port ({@link dev.proofofcompute.translog.LogStorage}); signed tree heads,
 * inclusion and consistency proofs read O(log n) stored subtree hashes; a commit-reveal {@link
 * dev.proofofcompute.translog.RandomnessBeacon} makes challenge randomness auditable. Pure: no I/O,
 * no threads, no wall clock. See {@code docs/translog.md}.
 */
@NullMarked
package dev.proofofcompute.translog;

import org.jspecify.annotations.NullMarked;
