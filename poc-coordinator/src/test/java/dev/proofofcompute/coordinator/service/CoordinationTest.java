package dev.proofofcompute.coordinator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.coordinator.service.ServiceFixture.Executed;
import dev.proofofcompute.coordinator.service.Views.JobView;
import dev.proofofcompute.coordinator.service.Views.TaskView;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.protocol.FreivaldsProtocol;
import dev.proofofcompute.protocol.ProviderBehaviour;
import dev.proofofcompute.protocol.ReplicationProtocol;
import dev.proofofcompute.protocol.SpotCheckProtocol;
import dev.proofofcompute.storage.JobStatus;
import dev.proofofcompute.storage.NodeRole;
import dev.proofofcompute.storage.NodeStatus;
import dev.proofofcompute.storage.TaskKind;
import dev.proofofcompute.storage.TaskState;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordinationTest {
  static final long SEED = 4242L;

  @TempDir Path dir;
  ServiceFixture f;
  NodeIdentity requester;
  NodeIdentity alice;
  NodeIdentity bob;
  NodeIdentity carol;
  NodeIdentity victor;

  @BeforeEach
  void start() throws Exception {
    f = new ServiceFixture(dir, SEED);
    requester = f.node("requester", Amount.ofCredits(1000), Amount.ZERO, NodeRole.REQUESTER);
    alice = f.node("alice", Amount.ofCredits(100), Amount.ofCredits(50), NodeRole.PROVIDER);
    bob = f.node("bob", Amount.ofCredits(100), Amount.ofCredits(50), NodeRole.PROVIDER);
    carol = f.node("carol", Amount.ofCredits(100), Amount.ofCredits(50), NodeRole.PROVIDER);
    victor = f.node("victor", Amount.ZERO, Amount.ZERO, NodeRole.VALIDATOR);
  }

  @AfterEach
  void close() {
    try {
      f.checkInvariants();
    } finally {
      f.close();
    }
  }

  JobView job(String id) throws CoordinatorException {
    return f.services.job(f.as(requester), id);
  }

  @Test
  void anHonestSpotCheckJobIsValidatedAcceptedAndPaid() throws Exception {
    JobView job =
        f.submit(
            requester,
            "spot-1",
            MatMul.create(),
            MatMulInput.random(SEED, 16, 4, 3),
            "spot-check",
            SpotCheckProtocol.encodeParameters(4, 2, 1),
            ServiceFixture.terms(10, 2, 20));
    assertThat(job.created()).isTrue();
    assertThat(f.balances(requester).available()).isEqualTo(Amount.ofCredits(1000 - 3 * 12));

    Executed e = f.executeAndCommit(alice, new ProviderBehaviour.Honest()).orElseThrow();
    assertThat(f.balances(alice).locked()).isEqualTo(Amount.ofCredits(20));
    assertThat(e.challenge().ready()).isTrue();
    var outcome = f.respond(alice, e);
    assertThat(outcome.state()).isEqualTo(TaskState.VALIDATING);
    assertThat(f.validate(victor)).isTrue();

    JobView done = job(job.jobId());
    assertThat(done.status()).as("seed %d: %s", SEED, done).isEqualTo(JobStatus.DECIDED);
    assertThat(done.tasks().get(0).verdict()).contains("accepted");
    assertThat(f.balances(alice).available()).isEqualTo(Amount.ofCredits(60));
    assertThat(f.balances(alice).locked()).isEqualTo(Amount.ZERO);
    assertThat(f.balances(alice).bonded()).isEqualTo(Amount.ofCredits(50));
    assertThat(f.balances(victor).available()).isEqualTo(Amount.ofCredits(2));
    // The unused budget (two more tasks) came back.
    assertThat(f.balances(requester).available()).isEqualTo(Amount.ofCredits(1000 - 12));
    assertThat(f.services.result(f.as(requester), job.jobId()).output()).isPresent();
  }

  @Test
  void aWrongSpotCheckProviderIsSlashedAndTheTaskRedoneElsewhere() throws Exception {
    JobView job =
        f.submit(
            requester,
            "spot-2",
            MatMul.create(),
            MatMulInput.random(SEED, 16, 4, 3),
            "spot-check",
            SpotCheckProtocol.encodeParameters(16, 2, 1),
            ServiceFixture.terms(10, 2, 20));
    Executed bad = f.executeAndCommit(bob, new ProviderBehaviour.Wrong(SEED)).orElseThrow();
    f.respond(bob, bad);
    while (f.validate(victor)) {}
    JobView mid = job(job.jobId());
    TaskView first =
        mid.tasks().stream().filter(t -> t.kind() == TaskKind.EXECUTE).findFirst().orElseThrow();
    assertThat(first.verdict()).as("seed %d: %s", SEED, mid).contains("rejected");
    assertThat(f.balances(bob).bonded()).isEqualTo(Amount.ofCredits(30));
    assertThat(f.balances(bob).locked()).isEqualTo(Amount.ZERO);
    assertThat(mid.status()).isEqualTo(JobStatus.OPEN);

    Executed good = f.executeAndCommit(alice, new ProviderBehaviour.Honest()).orElseThrow();
    f.respond(alice, good);
    while (f.validate(victor)) {}
    JobView done = job(job.jobId());
    assertThat(done.status()).as("%s", done).isEqualTo(JobStatus.DECIDED);
    assertThat(f.balances(alice).available()).isEqualTo(Amount.ofCredits(60));
    NodeStatus bobStatus = f.services.node(f.as(alice), bob.nodeId()).status();
    assertThat(bobStatus).isEqualTo(NodeStatus.THROTTLED);
  }

  @Test
  void replicationOutvotesTheWrongReplica() throws Exception {
    JobView job =
        f.submit(
            requester,
            "rep-1",
            MatMul.create(),
            MatMulInput.random(SEED, 4, 5, 3),
            "replication",
            ReplicationProtocol.encodeParameters(3, 2, Optional.empty()),
            ServiceFixture.terms(5, 0, 10));
    Executed a = f.executeAndCommit(alice, new ProviderBehaviour.Honest()).orElseThrow();
    assertThat(a.challenge().ready()).as("reveal waits for every replica").isFalse();
    Executed b = f.executeAndCommit(bob, new ProviderBehaviour.Wrong(SEED)).orElseThrow();
    Executed c = f.executeAndCommit(carol, new ProviderBehaviour.Honest()).orElseThrow();
    assertThat(c.challenge().ready()).isTrue();
    f.respond(alice, a);
    f.respond(bob, b);
    f.respond(carol, c);
    JobView done = job(job.jobId());
    assertThat(done.status()).as("%s", done).isEqualTo(JobStatus.DECIDED);
    assertThat(done.tasks())
        .extracting(TaskView::verdict)
        .containsExactly(Optional.of("accepted"), Optional.of("rejected"), Optional.of("accepted"));
    assertThat(f.balances(alice).available())
        .isEqualTo(Amount.ofCredits(58)); // reward 5 + the challenger share (30%) of bob's 10
    assertThat(f.balances(bob).bonded()).isEqualTo(Amount.ofCredits(40));
  }

  @Test
  void freivaldsChecksInTheCoordinator() throws Exception {
    JobView job =
        f.submit(
            requester,
            "fr-1",
            MatMul.create(),
            MatMulInput.random(SEED, 6, 5, 4),
            "freivalds",
            FreivaldsProtocol.encodeParameters(20, 1),
            ServiceFixture.terms(5, 0, 10));
    Executed a = f.executeAndCommit(alice, new ProviderBehaviour.Honest()).orElseThrow();
    f.respond(alice, a);
    assertThat(job(job.jobId()).status()).isEqualTo(JobStatus.DECIDED);
  }

  @Test
  void aLapsedLeaseGoesBackAndCostsNoStake() throws Exception {
    JobView job =
        f.submit(
            requester,
            "lapse",
            MatMul.create(),
            MatMulInput.random(SEED, 6, 5, 4),
            "freivalds",
            FreivaldsProtocol.encodeParameters(20, 1),
            ServiceFixture.terms(5, 0, 10));
    Executed slow = f.executeAndCommit(alice, new ProviderBehaviour.Honest()).orElseThrow();
    f.clock.advance(f.services.settings().leaseDuration().plusSeconds(1));
    assertThat(f.services.tick().expiredLeases()).isEqualTo(1);
    assertThat(f.balances(alice).locked()).isEqualTo(Amount.ZERO);
    assertThat(f.balances(alice).bonded()).isEqualTo(Amount.ofCredits(50));
    assertThatThrownBy(() -> f.respond(alice, slow))
        .isInstanceOf(CoordinatorException.class)
        .hasMessageContaining("lease");
    Executed fast = f.executeAndCommit(bob, new ProviderBehaviour.Honest()).orElseThrow();
    f.respond(bob, fast);
    assertThat(job(job.jobId()).status()).isEqualTo(JobStatus.DECIDED);
    assertThat(f.services.node(f.as(bob), alice.nodeId()).strikes()).isEqualTo(1);
  }

  @Test
  void badRequestsChangeNothing() throws Exception {
    var before = f.ledger();
    assertThatThrownBy(() ->
            f.submit(
                requester,
                "bad",
                MatMul.create(),
                MatMulInput.random(SEED, 4, 4, 4),
                "no-such-scheme",
                SpotCheckProtocol.encodeParameters(4, 2, 1),
                ServiceFixture.terms(5, 0, 10)))
        .isInstanceOf(CoordinatorException.class)
        .hasMessageContaining("unknown scheme");
    assertThatThrownBy(() ->
            f.submit(
                requester,
                "poor",
                MatMul.create(),
                MatMulInput.random(SEED, 4, 4, 4),
                "freivalds",
                FreivaldsProtocol.encodeParameters(20, 1),
                ServiceFixture.terms(5000, 0, 10)))
        .isInstanceOf(CoordinatorException.class)
        .hasMessageContaining("ledger");
    assertThat(f.ledger()).isEqualTo(before);
    assertThat(f.services.lease(f.as(alice), TaskKind.EXECUTE, Duration.ZERO)).isEmpty();
  }

  @Test
  void adaptiveReplicationTrustsAReputableProviderSometimesButNeverAlways() throws Exception {
    // Alice has a long run of valid results; bob has none.
    f.storage.run(tx ->
        tx.nodes().lock(alice.nodeId()).ifPresent(n -> tx.nodes().update(n.withReputation(40, 0))));
    int trusted = 0;
    int jobs = 24;
    for (int i = 0; i < jobs; i++) {
      JobView job =
          f.services.submit(
              f.as(requester),
              new Coordination.JobRequest(
                  MatMul.create().id(),
                  MatMul.create().inputCodec().encode(MatMulInput.random(SEED + i, 3, 3, 3)),
                  "replication",
                  ReplicationProtocol.encodeParameters(3, 2, Optional.empty()),
                  Optional.of(
                      new dev.proofofcompute.schemes.replication.AdaptiveSettings(10, 0.25)),
                  ServiceFixture.terms(1, 0, 1),
                  "adaptive-" + i));
      assertThat(job.replicas()).isEqualTo(1);
      Executed e = f.executeAndCommit(alice, new ProviderBehaviour.Honest()).orElseThrow();
      JobView after = job(job.jobId());
      if (after.replicas() == 1) {
        trusted++;
        assertThat(e.challenge().ready()).isTrue();
        f.respond(alice, e);
        assertThat(job(job.jobId()).status()).isEqualTo(JobStatus.DECIDED);
      } else {
        assertThat(after.replicas()).isEqualTo(3);
        // Replicated: the others run it; alice's reveal waits for their commitments.
        Executed b = f.executeAndCommit(bob, new ProviderBehaviour.Honest()).orElseThrow();
        Executed c = f.executeAndCommit(carol, new ProviderBehaviour.Honest()).orElseThrow();
        f.respond(alice, e);
        f.respond(bob, b);
        f.respond(carol, c);
        assertThat(job(job.jobId()).status()).isEqualTo(JobStatus.DECIDED);
      }
    }
    // p = max(1/40, 0.25) = 0.25: about 18 of 24 trusted; never all, never none (seeded).
    assertThat(trusted).as("seed %d", SEED).isBetween(1, jobs - 1);
    // Bob, below the threshold, is always replicated.
    JobView job =
        f.services.submit(
            f.as(requester),
            new Coordination.JobRequest(
                MatMul.create().id(),
                MatMul.create().inputCodec().encode(MatMulInput.random(SEED, 3, 3, 3)),
                "replication",
                ReplicationProtocol.encodeParameters(3, 2, Optional.empty()),
                Optional.of(new dev.proofofcompute.schemes.replication.AdaptiveSettings(10, 0.25)),
                ServiceFixture.terms(1, 0, 1),
                "adaptive-bob"));
    assertThat(f.executeAndCommit(bob, new ProviderBehaviour.Honest())).isPresent();
    assertThat(job(job.jobId()).replicas()).isEqualTo(3);
  }

  @Test
  void aResubmissionIsIdempotentAndAReusedKeyIsRefused() throws Exception {
    JobView first =
        f.submit(
            requester,
            "same",
            MatMul.create(),
            MatMulInput.random(SEED, 6, 5, 4),
            "freivalds",
            FreivaldsProtocol.encodeParameters(20, 1),
            ServiceFixture.terms(5, 0, 10));
    Amount after = f.balances(requester).available();
    JobView again =
        f.submit(
            requester,
            "same",
            MatMul.create(),
            MatMulInput.random(SEED, 6, 5, 4),
            "freivalds",
            FreivaldsProtocol.encodeParameters(20, 1),
            ServiceFixture.terms(5, 0, 10));
    assertThat(again.jobId()).isEqualTo(first.jobId());
    assertThat(again.created()).isFalse();
    assertThat(f.balances(requester).available()).isEqualTo(after);
    assertThatThrownBy(() ->
            f.submit(
                requester,
                "same",
                MatMul.create(),
                MatMulInput.random(SEED + 1, 6, 5, 4),
                "freivalds",
                FreivaldsProtocol.encodeParameters(20, 1),
                ServiceFixture.terms(5, 0, 10)))
        .hasMessageContaining("different job");
  }

  JobView bisectionJob(String key) throws Exception {
    return f.submit(
        requester,
        key,
        dev.proofofcompute.workloads.heat.HeatSim.create(),
        dev.proofofcompute.workloads.heat.HeatSimInput.random(SEED, 5, 16),
        "bisection",
        dev.proofofcompute.protocol.BisectionProtocol.encodeParameters(4),
        ServiceFixture.terms(5, 0, 10));
  }

  @Test
  void aDisputeIsAnsweredThroughTheServicesAndTheCheaterLoses() throws Exception {
    JobView job = bisectionJob("bis-1");
    Executed a = f.executeAndCommit(alice, new ProviderBehaviour.Honest()).orElseThrow();
    Executed b = f.executeAndCommit(bob, new ProviderBehaviour.Wrong(SEED)).orElseThrow();
    f.respond(alice, a);
    f.respond(bob, b);
    assertThat(job(job.jobId()).status()).isEqualTo(JobStatus.DISPUTED);
    for (int guard = 0; guard < 100 && job(job.jobId()).status() == JobStatus.DISPUTED; guard++) {
      for (var pair :
          java.util.List.of(java.util.Map.entry(alice, a), java.util.Map.entry(bob, b))) {
        for (Views.DisputeRequest r : f.services.pendingDisputes(f.as(pair.getKey()))) {
          f.services.answerDispute(
              f.as(pair.getKey()),
              r.disputeId(),
              r.taskId(),
              pair.getValue().session().answerDispute(r.request()));
        }
      }
    }
    JobView done = job(job.jobId());
    assertThat(done.status()).as("%s", done).isEqualTo(JobStatus.DECIDED);
    assertThat(done.tasks())
        .extracting(TaskView::verdictReason)
        .contains(Optional.of("DISPUTE_LOST"));
    assertThat(f.balances(alice).bonded()).isEqualTo(Amount.ofCredits(50));
    assertThat(f.balances(bob).bonded()).isEqualTo(Amount.ofCredits(40));
  }

  @Test
  void aSilentPartyForfeitsTheDisputeButNobodyIsSlashed() throws Exception {
    JobView job = bisectionJob("bis-2");
    Executed a = f.executeAndCommit(alice, new ProviderBehaviour.Honest()).orElseThrow();
    Executed b = f.executeAndCommit(bob, new ProviderBehaviour.Wrong(SEED)).orElseThrow();
    f.respond(alice, a);
    f.respond(bob, b);
    assertThat(job(job.jobId()).status()).isEqualTo(JobStatus.DISPUTED);
    f.clock.advance(f.services.settings().disputeAnswerWindow().plusSeconds(1));
    assertThat(f.services.tick().overdueDisputes()).isEqualTo(1);
    JobView done = job(job.jobId());
    assertThat(done.status()).isEqualTo(JobStatus.FAILED);
    assertThat(done.tasks())
        .extracting(TaskView::verdict)
        .containsOnly(Optional.of("inconclusive"));
    assertThat(f.balances(alice).bonded()).isEqualTo(Amount.ofCredits(50));
    assertThat(f.balances(bob).bonded()).isEqualTo(Amount.ofCredits(50));
    assertThat(f.balances(requester).available()).isEqualTo(Amount.ofCredits(1000));
  }

  @Test
  void aReleasedTaskReturnsItsStakeWithoutAFailurePoint() throws Exception {
    f.submit(
        requester,
        "rel",
        MatMul.create(),
        MatMulInput.random(SEED, 6, 5, 4),
        "freivalds",
        FreivaldsProtocol.encodeParameters(20, 1),
        ServiceFixture.terms(5, 0, 10));
    var lease = f.services.lease(f.as(alice), TaskKind.EXECUTE, Duration.ZERO).orElseThrow();
    assertThat(f.balances(alice).locked()).isEqualTo(Amount.ofCredits(10));
    f.services.release(f.as(alice), lease.taskId(), lease.leaseId());
    assertThat(f.balances(alice).locked()).isEqualTo(Amount.ZERO);
    assertThat(f.services.node(f.as(bob), alice.nodeId()).strikes()).isZero();
    assertThat(f.services.lease(f.as(bob), TaskKind.EXECUTE, Duration.ZERO)).isPresent();
  }

  @Test
  void repeatedRejectionsThrottleThenSuspend() throws Exception {
    for (int i = 0; i < 3; i++) {
      f.submit(
          requester,
          "cheat-" + i,
          MatMul.create(),
          MatMulInput.random(SEED + i, 6, 5, 4),
          "freivalds",
          FreivaldsProtocol.encodeParameters(20, 1),
          ServiceFixture.terms(5, 0, 10));
      Executed e = f.executeAndCommit(bob, new ProviderBehaviour.Wrong(SEED + i)).orElseThrow();
      f.respond(bob, e);
      var node = f.services.node(f.as(alice), bob.nodeId());
      if (i < 2) {
        assertThat(node.status()).isEqualTo(NodeStatus.THROTTLED);
        assertThatThrownBy(() -> f.services.lease(f.as(bob), TaskKind.EXECUTE, Duration.ZERO))
            .hasMessageContaining("throttled");
        f.clock.advance(Duration.ofMinutes(10));
      } else {
        assertThat(node.status()).isEqualTo(NodeStatus.SUSPENDED);
        assertThatThrownBy(() -> f.services.lease(f.as(bob), TaskKind.EXECUTE, Duration.ZERO))
            .hasMessageContaining("suspended");
      }
    }
  }
}
