/**
 * The coordinator's application services: node registration and accounts, job submission, task
 * leases, the verification pipeline (commit, challenge, check, validation, decision, disputes) and
 * settlement through the ledger, and the scheduler. Every request runs in one storage transaction;
 * nothing but long-poll waiters lives in memory, so a restarted coordinator (or a second one on the
 * same PostgreSQL database) carries on where the first stopped.
 */
@NullMarked
package dev.proofofcompute.coordinator.service;

import org.jspecify.annotations.NullMarked;
