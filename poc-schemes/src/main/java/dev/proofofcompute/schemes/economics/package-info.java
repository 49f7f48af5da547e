/**
 * The economics of cheating as pure functions: the probability that a faked result escapes
 * spot-checks, canaries or replication, the expected value of cheating given stake, price, saving
 * and slash, and the cheapest verification parameters that make cheating a losing bet. See {@code
 * docs/schemes.md}.
 */
@NullMarked
package dev.proofofcompute.schemes.economics;

import org.jspecify.annotations.NullMarked;
