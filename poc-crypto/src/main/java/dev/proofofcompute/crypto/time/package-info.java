/**
 * Injectable time. Components that need the current instant take a {@link java.time.InstantSource};
 * production passes {@link java.time.InstantSource#system()}, tests and simulations pass a {@link
 * dev.proofofcompute.crypto.time.ManualClock} that moves only when told to.
 */
@NullMarked
package dev.proofofcompute.crypto.time;

import org.jspecify.annotations.NullMarked;
