/**
 * Arithmetic for the STARK: the Goldilocks prime field {@code p = 2^64 - 2^32 + 1} as canonical
 * unsigned {@code long} values, its quadratic extension {@code F_p[u]/(u^2 - 7)} for the
 * out-of-domain and folding challenges, radix-2 number-theoretic transforms over the 2-adic
 * subgroups (two-adicity 32), coset low-degree extension and polynomial evaluation. Pure and
 * allocation-light: no I/O, no threads, no clock.
 */
@NullMarked
package dev.proofofcompute.stark.field;

import org.jspecify.annotations.NullMarked;
