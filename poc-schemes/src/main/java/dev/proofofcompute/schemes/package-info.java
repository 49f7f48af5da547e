/**
 * Verification schemes for untrusted compute, as a pure library (no I/O, threads or clock): each
 * scheme pairs what a provider must produce with what a validator checks, and returns a {@link
 * dev.proofofcompute.core.scheme.Verdict}. Sub-packages hold one scheme each, plus the economics
 * that size a scheme's parameters so that cheating does not pay.
 */
@NullMarked
package dev.proofofcompute.schemes;

import org.jspecify.annotations.NullMarked;
