package dev.proofofcompute.protocol;

import dev.proofofcompute.crypto.Bytes;

/**
 * A provider's executed task: holds what it needs to answer the challenge and dispute requests.
 * Lives in the worker's memory until the task is final.
 */
public interface ProviderSession {
  /** The commitment to send first (canonical CBOR). */
  Bytes commitment();

  /** The response to the coordinator's challenge (openings, result, proof, attestation, ...). */
  Bytes respond(Bytes challenge) throws ProtocolException;

  /** The answer to a dispute request addressed to this task. */
  Bytes answerDispute(Bytes request) throws ProtocolException;
}
