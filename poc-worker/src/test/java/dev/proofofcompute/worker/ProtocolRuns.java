package dev.proofofcompute.worker;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.protocol.JobSpec;
import dev.proofofcompute.protocol.ProtocolException;
import dev.proofofcompute.protocol.ProviderSession;
import dev.proofofcompute.protocol.SchemeProtocol;
import dev.proofofcompute.protocol.TaskCheck;
import dev.proofofcompute.protocol.TaskSpec;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Plays the coordinator's side of one task in memory, through {@link SchemeProtocol} only: prepare
 * the task with a secret, let the worker's session commit, draw randomness after the commitment,
 * challenge, check, and hand validation work to a validator. Seeded.
 */
final class ProtocolRuns {
  static final Instant AS_OF = Instant.parse("2025-01-01T00:00:00Z");

  private ProtocolRuns() {}

  /** Makes a provider session for the provider's view of a task. */
  interface Provider {
    ProviderSession execute(TaskSpec task) throws ProtocolException;
  }

  /** Answers validation work. */
  interface Validator {
    Bytes validate(JobSpec job, Bytes work) throws ProtocolException;
  }

  record Run(TaskSpec task, ProviderSession session, Bytes commitment, TaskCheck check) {
    SchemeProtocol.TaskOutcome outcome(NodeIdentity provider) {
      return new SchemeProtocol.TaskOutcome(
          task.taskId(), task.replica(), info(provider), commitment, check);
    }
  }

  static SchemeProtocol.ProviderInfo info(NodeIdentity id) {
    return new SchemeProtocol.ProviderInfo(id.nodeId(), id.publicKey());
  }

  static NodeIdentity identity(long seed) {
    try {
      return NodeIdentity.fromSeed(digest("identity", seed).toBytes());
    } catch (DecodingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Digest digest(String what, long seed) {
    return Hashes.hash("poc/worker-test/" + what, ByteBuffer.allocate(8).putLong(seed).array());
  }

  static String id(String what, long seed) {
    return digest(what, seed).toHex();
  }

  static Run run(
      SchemeProtocol protocol,
      JobSpec job,
      int replica,
      NodeIdentity provider,
      Provider execute,
      Validator validator,
      long seed)
      throws ProtocolException {
    RandomSource coordinator = RandomSource.seeded(seed ^ 0x5eedL);
    TaskSpec task =
        protocol.prepareTask(
            id("task/" + job.jobId() + "/" + replica, seed),
            job,
            replica,
            coordinator.nextBytes(SchemeProtocol.SECRET_LENGTH));
    ProviderSession session = execute.execute(task.forProvider());
    Bytes commitment = session.commitment();
    // Drawn only now, after the commitment.
    Bytes randomness = coordinator.nextBytes(32);
    Bytes challenge = protocol.challenge(task, info(provider), commitment, randomness);
    Bytes response = session.respond(challenge);
    TaskCheck check = protocol.check(task, info(provider), commitment, challenge, response, AS_OF);
    if (check instanceof TaskCheck.NeedsValidation n) {
      Bytes report = validator.validate(job, n.work());
      check =
          protocol.completeValidation(
              task, info(provider), commitment, challenge, response, n.work(), report);
    }
    return new Run(task, session, commitment, check);
  }

  static String seedNote(long seed) {
    return "seed " + seed + " (rerun with this seed to reproduce)";
  }
}
