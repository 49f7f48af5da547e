/**
 * The algebraic intermediate representation (AIR) that a STARK proves: an {@link
 * dev.proofofcompute.stark.air.Air} states a computation as a trace of field elements, transition
 * constraints of bounded degree between consecutive rows, boundary constraints that pin cells to
 * public values, and optional periodic columns. Built-in AIRs: a Fibonacci sequence and a MiMC-7
 * hash chain used as a sequential proof of work.
 */
@NullMarked
package dev.proofofcompute.stark.air;

import org.jspecify.annotations.NullMarked;
