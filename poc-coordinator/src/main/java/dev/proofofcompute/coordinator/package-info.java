/**
 * The coordinator: runs the job lifecycle (register, deposit, submit, lease, commit, challenge,
 * respond, check, validate, decide, dispute, settle) durably on {@code poc-storage}, with every
 * request one transaction, and serves it over a signed HTTP API.
 */
@NullMarked
package dev.proofofcompute.coordinator;

import org.jspecify.annotations.NullMarked;
