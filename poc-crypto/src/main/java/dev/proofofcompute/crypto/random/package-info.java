/**
 * Injectable randomness. Components that draw random values take a {@link
 * dev.proofofcompute.crypto.random.RandomSource}: a {@code SecureRandom}-backed one in production
 * and a seeded, platform-independent one in tests and simulations, whose seed is logged so that a
 * run can be replayed.
 */
@NullMarked
package dev.proofofcompute.crypto.random;

import org.jspecify.annotations.NullMarked;
