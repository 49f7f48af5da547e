/**
 * {@code CoordinatorClient}: the coordinator's API over {@code java.net.http}, every request signed
 * with the node's key; used by the tests, the {@code poc} command and the worker agent.
 */
@NullMarked
package dev.proofofcompute.coordinator.client;

import org.jspecify.annotations.NullMarked;
