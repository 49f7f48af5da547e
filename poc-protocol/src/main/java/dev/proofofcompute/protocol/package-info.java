/**
 * The task protocol of every verification scheme, over bytes: what a provider sends (commitment,
 * then a response to a challenge), what the coordinator checks, what work it hands to validators,
 * and how it decides a job from its tasks. Pure: no I/O, no clock, no threads. The coordinator and
 * the worker agent both speak it; the coordinator persists the bytes between steps, so every
 * function here is a deterministic function of its arguments.
 */
@NullMarked
package dev.proofofcompute.protocol;

import org.jspecify.annotations.NullMarked;
