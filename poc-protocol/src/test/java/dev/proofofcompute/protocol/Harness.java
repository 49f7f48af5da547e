package dev.proofofcompute.protocol;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.tee.scheme.Attester;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plays coordinator, providers and validators of a job in memory, through the {@link
 * SchemeProtocol} interfaces only: prepare tasks, execute, commit, draw randomness after the
 * commitment, challenge, respond, check, hand validation work to a validator, decide, and drive
 * disputes. Everything is seeded.
 */
final class Harness {
  static final Instant AS_OF = Instant.parse("2025-01-01T00:00:00Z");

  private Harness() {}

  /** A provider: its identity and behaviour. */
  record Provider(NodeIdentity identity, ProviderBehaviour behaviour, Optional<Attester> attester) {
    SchemeProtocol.ProviderInfo info() {
      return new SchemeProtocol.ProviderInfo(identity.nodeId(), identity.publicKey());
    }

    ProviderContext context(long seed) {
      return new ProviderContext(identity, RandomSource.seeded(seed), attester, behaviour);
    }
  }

  static Provider provider(long seed, ProviderBehaviour behaviour) {
    return new Provider(identity(seed), behaviour, Optional.empty());
  }

  static Provider provider(long seed, ProviderBehaviour behaviour, Attester attester) {
    return new Provider(identity(seed), behaviour, Optional.of(attester));
  }

  static NodeIdentity identity(long seed) {
    try {
      return NodeIdentity.fromSeed(digest("identity", seed).toBytes());
    } catch (DecodingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Digest digest(String what, long seed) {
    return Hashes.hash("poc/test/" + what, ByteBuffer.allocate(8).putLong(seed).array());
  }

  static String id(String what, long seed) {
    return digest(what, seed).toHex();
  }

  static <I> JobSpec job(
      long seed, Workload<I, ?> workload, I input, String scheme, Bytes parameters) {
    return new JobSpec(
        id("job", seed), workload.id(), workload.inputCodec().encode(input), scheme, parameters);
  }

  /** One task as the coordinator sees it, from its first message to its final check. */
  record Run(
      TaskSpec task,
      Provider provider,
      ProviderSession session,
      Bytes commitment,
      Bytes challenge,
      Bytes response,
      TaskCheck check) {
    SchemeProtocol.TaskOutcome outcome() {
      return new SchemeProtocol.TaskOutcome(
          task.taskId(), task.replica(), provider.info(), commitment, check);
    }
  }

  /** A validator that does its work honestly, or lazily approves without computing. */
  interface Validator {
    Bytes validate(SchemeProtocol protocol, JobSpec job, Bytes work) throws ProtocolException;
  }

  static final Validator HONEST_VALIDATOR = SchemeProtocol::validate;

  /** Runs one task to its final check. */
  static Run run(
      SchemeProtocol protocol,
      JobSpec job,
      int replica,
      Provider provider,
      long seed,
      Validator validator)
      throws ProtocolException {
    RandomSource coordinator = RandomSource.seeded(seed ^ 0x5eed);
    String taskId = id("task/" + job.jobId() + "/" + replica, seed);
    TaskSpec task =
        protocol.prepareTask(
            taskId, job, replica, coordinator.nextBytes(SchemeProtocol.SECRET_LENGTH));
    ProviderSession session = protocol.execute(task.forProvider(), provider.context(seed));
    Bytes commitment = session.commitment();
    // Only now, with the commitment stored, does the coordinator draw its randomness.
    Bytes randomness = coordinator.nextBytes(32);
    Bytes challenge = protocol.challenge(task, provider.info(), commitment, randomness);
    Bytes response = session.respond(challenge);
    TaskCheck check = protocol.check(task, provider.info(), commitment, challenge, response, AS_OF);
    if (check instanceof TaskCheck.NeedsValidation needs) {
      Bytes report = validator.validate(protocol, job, needs.work());
      check =
          protocol.completeValidation(
              task, provider.info(), commitment, challenge, response, needs.work(), report);
    }
    return new Run(task, provider, session, commitment, challenge, response, check);
  }

  /** Runs a job with one task per provider and decides it (disputes played to the end). */
  static Decision runJob(SchemeProtocol protocol, JobSpec job, List<Provider> providers, long seed)
      throws ProtocolException {
    List<Run> runs = new ArrayList<>();
    for (int r = 0; r < providers.size(); r++) {
      runs.add(run(protocol, job, r, providers.get(r), seed * 31 + r, HONEST_VALIDATOR));
    }
    return decide(protocol, job, runs);
  }

  /** The decision of a job over {@code runs}, with any dispute driven to its end. */
  static Decision decide(SchemeProtocol protocol, JobSpec job, List<Run> runs) {
    List<SchemeProtocol.TaskOutcome> outcomes = new ArrayList<>();
    for (Run r : runs) {
      outcomes.add(r.outcome());
    }
    JobDecision d = protocol.decide(job, outcomes);
    if (d instanceof JobDecision.OpenDispute(String a, String b)) {
      Run ra = find(runs, a);
      Run rb = find(runs, b);
      DisputeStep.Resolved resolved = playDispute(protocol, job, ra, rb);
      return new Decision(d, Optional.of(resolved), runs);
    }
    return new Decision(d, Optional.empty(), runs);
  }

  static DisputeStep.Resolved playDispute(SchemeProtocol protocol, JobSpec job, Run a, Run b) {
    List<SchemeProtocol.DisputeAnswer> answers = new ArrayList<>();
    for (int guard = 0; guard < 10_000; guard++) {
      DisputeStep step = protocol.dispute(job, a.outcome(), b.outcome(), answers);
      switch (step) {
        case DisputeStep.Resolved r -> {
          return r;
        }
        case DisputeStep.Ask(String taskId, Bytes request) -> {
          Run who = taskId.equals(a.task().taskId()) ? a : b;
          Bytes answer;
          try {
            answer = who.session().answerDispute(request);
          } catch (ProtocolException e) {
            throw new AssertionError("an honest session could not answer " + request, e);
          }
          answers.add(new SchemeProtocol.DisputeAnswer(taskId, request, answer));
        }
      }
    }
    throw new AssertionError("the dispute did not end");
  }

  private static Run find(List<Run> runs, String taskId) {
    for (Run r : runs) {
      if (r.task().taskId().equals(taskId)) {
        return r;
      }
    }
    throw new AssertionError("no task " + taskId);
  }

  /** A job's decision, the dispute that settled it if any, and its runs. */
  record Decision(JobDecision decision, Optional<DisputeStep.Resolved> dispute, List<Run> runs) {
    /** The final verdict of the task run by replica {@code r}. */
    Verdict verdict(int r) {
      String taskId = runs.get(r).task().taskId();
      if (dispute.isPresent()) {
        Verdict v = dispute.get().verdicts().get(taskId);
        if (v != null) {
          return v;
        }
      }
      if (decision instanceof JobDecision.Decided decided) {
        Verdict v = decided.verdicts().get(taskId);
        if (v != null) {
          return v;
        }
      }
      throw new AssertionError("no verdict for replica " + r + " in " + decision + " / " + dispute);
    }
  }

  /** {@code bytes} with bit {@code bit} flipped. */
  static Bytes flip(Bytes bytes, int bit) {
    byte[] b = bytes.toByteArray();
    b[bit / 8] ^= (byte) (1 << (bit % 8));
    return Bytes.of(b);
  }

  static String seedNote(long seed) {
    return "seed " + seed + " (rerun with this seed to reproduce)";
  }

  static Bytes utf8(String s) {
    return Bytes.of(s.getBytes(StandardCharsets.UTF_8));
  }
}
