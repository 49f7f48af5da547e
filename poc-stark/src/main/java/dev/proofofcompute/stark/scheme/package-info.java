/**
 * The {@code stark} verification scheme in the scheme SPI of {@code poc-core}: a job whose workload
 * states its result as an AIR ({@link dev.proofofcompute.stark.scheme.AirWorkload}) can ask for a
 * STARK proof; {@link dev.proofofcompute.stark.scheme.StarkSchemeProver} makes the proof bytes and
 * {@link dev.proofofcompute.stark.scheme.StarkSchemeVerifier} turns a claimed output and proof into
 * a {@link dev.proofofcompute.core.scheme.Verdict} without re-executing the workload. Pure: no I/O,
 * no clock.
 */
@NullMarked
package dev.proofofcompute.stark.scheme;

import org.jspecify.annotations.NullMarked;
