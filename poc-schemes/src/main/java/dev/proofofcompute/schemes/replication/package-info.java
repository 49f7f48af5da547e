/**
 * The replication scheme: k providers run the same task, each first commits to its result with a
 * hash bound to its own id and a secret salt, and only when every commitment is in do they reveal;
 * the revealed outputs are grouped by equality (byte equality for exact workloads, a documented
 * tolerance for floating-point ones) and a group of at least q agreeing replicas decides the task.
 * Adaptive replication (BOINC style) lets a provider with a long run of valid results go unchecked
 * with a probability that never falls to zero. Pure: time and randomness are injected.
 */
@NullMarked
package dev.proofofcompute.schemes.replication;

import org.jspecify.annotations.NullMarked;
