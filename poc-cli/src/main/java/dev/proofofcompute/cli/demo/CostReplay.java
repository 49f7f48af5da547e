package dev.proofofcompute.cli.demo;

import dev.proofofcompute.cli.demo.DemoJobs.Job;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.protocol.JobDecision;
import dev.proofofcompute.protocol.JobSpec;
import dev.proofofcompute.protocol.ProtocolException;
import dev.proofofcompute.protocol.ProviderBehaviour;
import dev.proofofcompute.protocol.ProviderContext;
import dev.proofofcompute.protocol.ProviderSession;
import dev.proofofcompute.protocol.SchemeProtocol;
import dev.proofofcompute.protocol.TaskCheck;
import dev.proofofcompute.protocol.TaskSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replays one demo job honestly through its scheme's protocol in this JVM, timing each side: the
 * provider's work (execute, commit, respond) against the verification work (the coordinator's
 * challenge, check and decision, the validator's recomputation, and the extra replicas a replicated
 * scheme runs). It gives the job's honest result — the ground truth an accepted result is compared
 * with — and the overhead the report shows.
 *
 * <p>Why a replay rather than timings from the network: the worker processes share two cores with
 * each other and the coordinator, so their wall times measure the scheduler more than the work, and
 * the protocol's pure functions are exactly what the nodes run. Each job is replayed twice and the
 * faster of the two kept, so the first run's class loading and JIT are not billed to a scheme.
 */
final class CostReplay {
  /**
   * The replay of one job.
   *
   * @param honestResult the result an all-honest run accepts (empty if the scheme gives none)
   * @param executionNanos one provider's execution of one replica
   * @param verificationNanos everything done to verify it, extra replicas included
   */
  record Cost(Optional<Bytes> honestResult, long executionNanos, long verificationNanos) {}

  private CostReplay() {}

  static Cost run(DemoJobs jobs, Job job, long seed) {
    Cost best = once(jobs, job, seed);
    Cost second = once(jobs, job, seed);
    return new Cost(
        best.honestResult(),
        Math.min(best.executionNanos(), second.executionNanos()),
        Math.min(best.verificationNanos(), second.verificationNanos()));
  }

  private static Cost once(DemoJobs jobs, Job job, long seed) {
    try {
      SchemeProtocol p = jobs.protocols().require(job.scheme());
      String jobId = Hashes.hash("poc/demo/replay-job/v1", bytes(job.key())).toHex();
      JobSpec submitted =
          new JobSpec(
              jobId,
              job.impl().id(),
              job.input(),
              job.scheme(),
              DemoNetwork.paramsToCbor(job.params()));
      SchemeProtocol.JobPlan plan = p.plan(submitted);
      JobSpec spec =
          new JobSpec(
              jobId, job.impl().id(), job.input(), job.scheme(), plan.canonicalParameters());
      List<SchemeProtocol.TaskOutcome> outcomes = new ArrayList<>();
      long exec = 0;
      long verify = 0;
      long firstExec = -1;
      for (int r = 0; r < plan.replicas(); r++) {
        NodeIdentity provider = DemoNetwork.identity(seed, "replay-provider-" + r);
        SchemeProtocol.ProviderInfo info =
            new SchemeProtocol.ProviderInfo(provider.nodeId(), provider.publicKey());
        String taskId = Hashes.hash("poc/demo/replay-task/v1", bytes(jobId + "/" + r)).toHex();
        Bytes secret = Hashes.hash("poc/demo/replay-secret/v1", bytes(taskId)).toBytes();
        Bytes randomness = Hashes.hash("poc/demo/replay-randomness/v1", bytes(taskId)).toBytes();
        long t0 = System.nanoTime();
        TaskSpec task = p.prepareTask(taskId, spec, r, secret);
        long t1 = System.nanoTime();
        ProviderContext ctx =
            new ProviderContext(
                provider,
                RandomSource.seeded(ByteBuffer.wrap(randomness.toByteArray()).getLong()),
                Optional.empty(),
                new ProviderBehaviour.Honest());
        ProviderSession session = p.execute(task.forProvider(), ctx);
        Bytes commitment = session.commitment();
        long t2 = System.nanoTime();
        Bytes challenge = p.challenge(task, info, commitment, randomness);
        long t3 = System.nanoTime();
        Bytes response = session.respond(challenge);
        long t4 = System.nanoTime();
        TaskCheck check = p.check(task, info, commitment, challenge, response, Instant.EPOCH);
        if (check instanceof TaskCheck.NeedsValidation nv) {
          Bytes report = p.validate(spec, nv.work());
          check =
              p.completeValidation(task, info, commitment, challenge, response, nv.work(), report);
        }
        long t5 = System.nanoTime();
        long thisExec = (t2 - t1) + (t4 - t3);
        verify += (t1 - t0) + (t3 - t2) + (t5 - t4);
        if (firstExec < 0) {
          firstExec = thisExec;
        } else {
          verify += thisExec; // an extra replica is verification work
        }
        exec = firstExec;
        outcomes.add(new SchemeProtocol.TaskOutcome(taskId, r, info, commitment, check));
      }
      long t6 = System.nanoTime();
      JobDecision d = p.decide(spec, outcomes);
      verify += System.nanoTime() - t6;
      Optional<Bytes> result =
          d instanceof JobDecision.Decided dec ? dec.result() : Optional.empty();
      return new Cost(result, exec, verify);
    } catch (ProtocolException | DecodingException | RuntimeException e) {
      throw new IllegalStateException(
          "the honest replay of " + job.key() + " failed: " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
