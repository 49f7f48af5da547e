/**
 * The worker agent a provider runs: it registers its node, deposits and stakes, leases tasks from a
 * coordinator, executes them with the job's {@link dev.proofofcompute.protocol.SchemeProtocol},
 * commits, answers the challenge and dispute questions, and does validation work when it serves as
 * a validator. Adversarial {@link dev.proofofcompute.worker.Behaviour}s turn it into one of the
 * cheaters the system must catch, for demos and tests. See {@code docs/worker.md}.
 */
@NullMarked
package dev.proofofcompute.worker;

import org.jspecify.annotations.NullMarked;
