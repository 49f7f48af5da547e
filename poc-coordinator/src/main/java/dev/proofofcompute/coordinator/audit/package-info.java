/**
 * Audit checks that need the coordinator's scheme protocols: re-verifying, from the transparency
 * log alone, the verdicts whose evidence the log holds ({@link
 * dev.proofofcompute.coordinator.audit.VerdictCheck}). Plugged into {@code poc audit}.
 */
@NullMarked
package dev.proofofcompute.coordinator.audit;

import org.jspecify.annotations.NullMarked;
