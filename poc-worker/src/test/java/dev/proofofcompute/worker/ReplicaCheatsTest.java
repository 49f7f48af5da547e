package dev.proofofcompute.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.protocol.JobDecision;
import dev.proofofcompute.protocol.JobSpec;
import dev.proofofcompute.protocol.ProtocolException;
import dev.proofofcompute.protocol.ProviderSession;
import dev.proofofcompute.protocol.ReplicationProtocol;
import dev.proofofcompute.protocol.SchemeProtocol;
import dev.proofofcompute.protocol.TaskSpec;
import dev.proofofcompute.protocol.WorkloadCatalog;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplicaCheatsTest {
  static final WorkloadCatalog CATALOG = WorkloadCatalog.standard();
  static final ReplicationProtocol PROTOCOL = ReplicationProtocol.create(CATALOG);

  static JobSpec job(long seed, int replicas, int quorum) {
    MatMul w = MatMul.create();
    return new JobSpec(
        ProtocolRuns.id("job", seed),
        w.id(),
        w.inputCodec().encode(MatMulInput.random(seed, 4, 5, 3)),
        "replication",
        ReplicationProtocol.encodeParameters(replicas, quorum, Optional.empty()));
  }

  static Bytes honestOutput(long seed) {
    MatMul w = MatMul.create();
    return w.outputCodec().encode(w.execute(MatMulInput.random(seed, 4, 5, 3)));
  }

  /** Runs one replica per behaviour and decides the job. */
  static JobDecision.Decided decide(JobSpec job, List<Behaviour> behaviours, long seed)
      throws ProtocolException {
    return (JobDecision.Decided) decision(job, behaviours, seed);
  }

  static JobDecision decision(JobSpec job, List<Behaviour> behaviours, long seed)
      throws ProtocolException {
    List<SchemeProtocol.TaskOutcome> outcomes = new ArrayList<>();
    for (int r = 0; r < behaviours.size(); r++) {
      Behaviour b = behaviours.get(r);
      NodeIdentity id = ProtocolRuns.identity(seed * 100 + r);
      ProtocolRuns.Run run =
          ProtocolRuns.run(
              PROTOCOL,
              job,
              r,
              id,
              task -> session(task, id, b, seed),
              PROTOCOL::validate,
              seed * 100 + r);
      outcomes.add(run.outcome(id));
    }
    return PROTOCOL.decide(job, outcomes);
  }

  static ProviderSession session(TaskSpec task, NodeIdentity id, Behaviour b, long seed)
      throws ProtocolException {
    return Strategies.execute(PROTOCOL, CATALOG, task, id, b, seed, RandomSource.seeded(seed));
  }

  static Verdict verdict(JobDecision.Decided d, int replica) {
    return new ArrayList<>(d.verdicts().values()).get(replica);
  }

  @Test
  void aColludingMajorityWinsTheQuorumWithTheSameWrongResult() throws ProtocolException {
    for (long seed = 1; seed <= 10; seed++) {
      JobSpec job = job(seed, 3, 2);
      JobDecision.Decided d =
          decide(
              job,
              List.of(
                  new Behaviour.Collude("g1"), new Behaviour.Collude("g1"), new Behaviour.Honest()),
              seed);
      // The known limit of replication: a colluding majority is indistinguishable from the truth.
      assertThat(d.result()).as(ProtocolRuns.seedNote(seed)).isPresent();
      assertThat(d.result().get()).as(ProtocolRuns.seedNote(seed)).isNotEqualTo(honestOutput(seed));
      assertThat(verdict(d, 0)).isInstanceOf(Verdict.Accepted.class);
      assertThat(verdict(d, 1)).isInstanceOf(Verdict.Accepted.class);
      assertThat(verdict(d, 2))
          .as(ProtocolRuns.seedNote(seed))
          .isInstanceOfSatisfying(
              Verdict.Rejected.class,
              r -> assertThat(r.reason()).isEqualTo(Verdict.Reason.OUTVOTED));
    }
  }

  @Test
  void aColludingMinorityIsOutvoted() throws ProtocolException {
    for (long seed = 1; seed <= 10; seed++) {
      JobDecision.Decided d =
          decide(
              job(seed, 3, 2),
              List.of(new Behaviour.Collude("g1"), new Behaviour.Honest(), new Behaviour.Honest()),
              seed);
      assertThat(d.result()).contains(honestOutput(seed));
      assertThat(verdict(d, 0))
          .as(ProtocolRuns.seedNote(seed))
          .isInstanceOfSatisfying(
              Verdict.Rejected.class,
              r -> assertThat(r.reason()).isEqualTo(Verdict.Reason.OUTVOTED));
    }
  }

  @Test
  void membersOfDifferentGroupsDoNotAgree() throws ProtocolException {
    // Three different results: no quorum yet, the coordinator runs another replica.
    assertThat(
            decision(
                job(3, 3, 2),
                List.of(
                    new Behaviour.Collude("a"), new Behaviour.Collude("b"), new Behaviour.Honest()),
                3))
        .isInstanceOf(JobDecision.MoreReplicas.class);
  }

  @Test
  void aCopycatThatRevealsACopiedResultFailsToOpenItsOwnCommitment() throws ProtocolException {
    for (long i = 1; i <= 10; i++) {
      long seed = i;
      JobSpec job = job(seed, 3, 2);
      NodeIdentity id = ProtocolRuns.identity(seed);
      ProtocolRuns.Run run =
          ProtocolRuns.run(
              PROTOCOL,
              job,
              0,
              id,
              task -> {
                ReplicaCheats.SealedReplica s =
                    (ReplicaCheats.SealedReplica) session(task, id, new Behaviour.Copycat(), seed);
                // It committed to a made-up result, then "finds" the honest one and reveals it.
                assertThat(s.committedOutput()).isNotEqualTo(honestOutput(seed));
                s.substitute(honestOutput(seed));
                return s;
              },
              PROTOCOL::validate,
              seed);
      assertThat(run.check())
          .as(ProtocolRuns.seedNote(seed))
          .isInstanceOfSatisfying(
              dev.proofofcompute.protocol.TaskCheck.Failed.class,
              f -> assertThat(f.verdict().reason()).isEqualTo(Verdict.Reason.COMMITMENT_MISMATCH));
    }
  }

  @Test
  void aCopycatThatFindsNothingRevealsItsMadeUpResultAndIsOutvoted() throws ProtocolException {
    for (long seed = 1; seed <= 10; seed++) {
      JobDecision.Decided d =
          decide(
              job(seed, 3, 2),
              List.of(new Behaviour.Copycat(), new Behaviour.Honest(), new Behaviour.Honest()),
              seed);
      assertThat(d.result()).contains(honestOutput(seed));
      assertThat(verdict(d, 0))
          .as(ProtocolRuns.seedNote(seed))
          .isInstanceOfSatisfying(
              Verdict.Rejected.class,
              r -> assertThat(r.reason()).isEqualTo(Verdict.Reason.OUTVOTED));
      assertThat(verdict(d, 1)).isInstanceOf(Verdict.Accepted.class);
    }
  }

  @Test
  void honestReplicasAreAllAccepted() throws ProtocolException {
    JobDecision.Decided d =
        decide(
            job(5, 3, 2),
            List.of(new Behaviour.Honest(), new Behaviour.LazyValidator(), new Behaviour.Crash()),
            5);
    assertThat(d.result()).contains(honestOutput(5));
    assertThat(d.verdicts().values()).allMatch(v -> v instanceof Verdict.Accepted);
  }
}
