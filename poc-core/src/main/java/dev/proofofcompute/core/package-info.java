/**
 * The domain model shared by every node: identifiers, signed node messages, and the SPIs of
 * workloads and verification schemes. Pure: no I/O.
 */
@NullMarked
package dev.proofofcompute.core;

import org.jspecify.annotations.NullMarked;
