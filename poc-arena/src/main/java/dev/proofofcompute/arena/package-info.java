/**
 * The adversarial arena: seeded runs of honest and cheating providers ({@link
 * dev.proofofcompute.arena.Behaviour}) against every verification scheme on small instances of the
 * built-in workloads, reported as counts (runs, caught, escaped, false positives), empirical
 * against theoretical detection with a 99% Wilson interval, and verification against execution cost
 * in deterministic work units. Pure: no I/O, threads or clock; the CLI prints and serialises the
 * {@link dev.proofofcompute.arena.ArenaReport}.
 */
@NullMarked
package dev.proofofcompute.arena;

import org.jspecify.annotations.NullMarked;
