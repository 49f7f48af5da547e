/**
 * Provider behaviours for spot-checks, honest and adversarial, for the arena and for tests: a lazy
 * provider that fakes a fraction of its items, a grinder that re-rolls its commitment to dodge the
 * samples, and a provider that answers the challenge with a malformed opening. They drive the same
 * public protocol messages as an honest provider; nothing here is used by the validator.
 */
@NullMarked
package dev.proofofcompute.schemes.spotcheck.adversary;

import org.jspecify.annotations.NullMarked;
