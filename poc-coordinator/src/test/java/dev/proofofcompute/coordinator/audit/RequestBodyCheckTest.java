package dev.proofofcompute.coordinator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.coordinator.service.Coordination;
import dev.proofofcompute.coordinator.service.JobOptions;
import dev.proofofcompute.coordinator.service.SchemeRegistry;
import dev.proofofcompute.coordinator.service.TaskSecrets;
import dev.proofofcompute.core.message.RequestAuth;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.ledger.JobTerms;
import dev.proofofcompute.ledger.Operation;
import dev.proofofcompute.ledger.OperationId;
import dev.proofofcompute.ledger.SlashSplit;
import dev.proofofcompute.protocol.JobSpec;
import dev.proofofcompute.protocol.ReplicationProtocol;
import dev.proofofcompute.storage.RecordIds;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.RandomnessBeacon;
import dev.proofofcompute.translog.audit.AuditReport;
import dev.proofofcompute.translog.audit.Discrepancy;
import dev.proofofcompute.translog.audit.DiscrepancyKind;
import dev.proofofcompute.translog.ledger.LedgerOp;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The body check against a lying coordinator: {@link Scenario} logs a small network's requests —
 * registrations, deposit, bond, a replication job, leases (single and batched), the beacon flow, a
 * commitment, a reveal, a validator report whose body is too large to log, a release, a dispute
 * answer, a batched commit and respond — exactly as the coordinator does. Honest, it audits clean.
 * Each {@link Lie} changes one entry so that the log stays otherwise perfectly valid (heads,
 * proofs, signatures, beacon, ledger replay against the balances the lying log implies) and must be
 * named by {@link RequestBodyCheck} at that entry, and nothing else may be reported.
 */
class RequestBodyCheckTest {
  static final long SEED = 6061;
  static final SlashSplit SPLIT = new SlashSplit(5000, 2000, 3000);

  /** One way a coordinator lies about what a node asked for, and what names it. */
  enum Lie {
    NONE(null),
    DEPOSIT_AMOUNT(RequestBodyCheck.BODY_FIELD_MISMATCH),
    DEPOSIT_OTHER_BODY(RequestBodyCheck.BODY_DIGEST_MISMATCH),
    DEPOSIT_BY_GET(RequestBodyCheck.REQUEST_PATH_MISMATCH),
    DEPOSIT_FOR_ANOTHER_NODE(RequestBodyCheck.REQUEST_MALFORMED),
    REGISTER_ROLES(RequestBodyCheck.BODY_FIELD_MISMATCH),
    REGISTER_STAKE(RequestBodyCheck.BODY_FIELD_MISMATCH),
    JOB_REWARD(RequestBodyCheck.BODY_FIELD_MISMATCH),
    JOB_PARAMETERS(RequestBodyCheck.BODY_FIELD_MISMATCH),
    LEASE_KIND(RequestBodyCheck.BODY_FIELD_MISMATCH),
    COMMITMENT_SWAPPED(RequestBodyCheck.BODY_FIELD_MISMATCH),
    COMMITMENT_BY_ANOTHER_NODE(RequestBodyCheck.REQUEST_SIGNER_MISMATCH),
    HEARTBEAT_AS_COMMITMENT(RequestBodyCheck.REQUEST_PATH_MISMATCH),
    REVEAL_AS_OPENING(RequestBodyCheck.REQUEST_PATH_MISMATCH),
    RESPONSE_SWAPPED(RequestBodyCheck.BODY_FIELD_MISMATCH),
    RELEASE_OF_ANOTHER_LEASE(RequestBodyCheck.BODY_FIELD_MISMATCH),
    UNLOGGED_REPORT_ON_ANOTHER_TASK(RequestBodyCheck.BODY_FIELD_MISMATCH),
    ANSWER_SWAPPED(RequestBodyCheck.BODY_FIELD_MISMATCH),
    BATCH_OP_OF_ANOTHER_KIND(RequestBodyCheck.REQUEST_PATH_MISMATCH),
    BATCH_OP_OUT_OF_RANGE(RequestBodyCheck.BODY_FIELD_MISMATCH),
    BATCH_FIELD_SWAPPED(RequestBodyCheck.BODY_FIELD_MISMATCH),
    LEASE_BATCH_OVER_MAX(RequestBodyCheck.BODY_FIELD_MISMATCH);

    /** The name of the discrepancy that names this lie. */
    final @Nullable String named;

    Lie(@Nullable DiscrepancyKind named) {
      this.named = named == null ? null : named.name();
    }
  }

  /** A small network's log, with {@code lie} told at one entry ({@link #lied}). */
  static final class Scenario {
    final LogBuilder log = new LogBuilder(SEED);
    final Lie lie;
    final NodeIdentity requester = log.identity("requester");
    final NodeIdentity provider = log.identity("provider");
    final NodeIdentity validator = log.identity("validator");
    final NodeIdentity mallory = log.identity("mallory");
    final RandomSource random = RandomSource.seeded(SEED);
    long lied = -1;

    Scenario(Lie lie) throws Exception {
      this.lie = lie;
      build();
    }

    static String b64(Bytes b) {
      return Base64.getEncoder().encodeToString(b.toByteArray());
    }

    static Bytes json(String s) {
      return LogBuilder.utf8(s);
    }

    void mark(Lie l) {
      if (lie == l) {
        lied = log.entries.size();
      }
    }

    Authorisation.NodeRequest post(NodeIdentity who, String path, Bytes body) {
      return log.request(who, "POST", path, body);
    }

    static LedgerOp op(String id, Operation op) {
      return new LedgerOp(OperationId.of(id), op);
    }

    void register(NodeIdentity who, String role, Amount declared) {
      Amount stake = declared;
      Bytes body =
          json(
              "{\"publicKey\":\""
                  + who.publicKey().raw().toHex()
                  + "\",\"roles\":[\""
                  + role
                  + "\"]"
                  + (declared.isZero() ? "" : ",\"stake\":\"" + declared + "\"")
                  + "}");
      CborMap.Builder roles = CborMap.builder().put(role, true);
      if (lie == Lie.REGISTER_ROLES && who == validator) {
        mark(Lie.REGISTER_ROLES);
        roles = CborMap.builder().put("provider", true).put(role, true);
      }
      CborMap fields =
          CborMap.builder()
              .put("node", who.nodeId().toHex())
              .put("key", who.publicKey().raw())
              .put("roles", roles.build())
              .build();
      var auth = post(who, "/v1/nodes", body);
      if (who == mallory) {
        mark(Lie.REGISTER_STAKE);
        if (lie == Lie.REGISTER_STAKE) {
          stake = stake.plus(stake);
        }
      }
      if (stake.isZero()) {
        log.byNode(EntryKind.NODE_REGISTERED, fields, auth, body, -1);
      } else {
        log.byNode(
            EntryKind.NODE_REGISTERED,
            fields,
            auth,
            body,
            -1,
            op("bond:" + who.nodeId().toHex(), new Operation.Bond(who.nodeId(), stake)));
      }
    }

    void deposit(NodeIdentity who, long credits) {
      Bytes body = json("{\"amount\":\"" + credits + "\"}");
      Amount logged = Amount.ofCredits(credits);
      Bytes loggedBody = body;
      Authorisation.NodeRequest auth = post(who, "/v1/accounts/deposit", body);
      if (who == requester) {
        mark(Lie.DEPOSIT_AMOUNT);
        mark(Lie.DEPOSIT_OTHER_BODY);
        mark(Lie.DEPOSIT_BY_GET);
        mark(Lie.DEPOSIT_FOR_ANOTHER_NODE);
        switch (lie) {
          case DEPOSIT_AMOUNT -> logged = Amount.ofCredits(credits * 2);
          case DEPOSIT_OTHER_BODY -> {
            logged = Amount.ofCredits(credits * 2);
            loggedBody = json("{\"amount\":\"" + credits * 2 + "\"}");
          }
          case DEPOSIT_BY_GET ->
              auth = log.request(who, "GET", "/v1/accounts/" + who.nodeId().toHex(), Bytes.EMPTY);
          case DEPOSIT_FOR_ANOTHER_NODE -> {
            Bytes input =
                RequestAuth.signingInput(
                    "POST",
                    "/v1/accounts/deposit",
                    Digest.sha256(body),
                    log.clock.instant(),
                    random.nextBytes(16),
                    provider.nodeId());
            auth = new Authorisation.NodeRequest(who.publicKey(), input, who.sign(input));
          }
          default -> {}
        }
      }
      log.byNode(
          EntryKind.DEPOSIT,
          CborMap.builder().put("node", who.nodeId().toHex()).build(),
          auth,
          loggedBody,
          -1,
          op(
              "deposit:" + who.nodeId().toHex() + ":" + credits,
              new Operation.Deposit(who.nodeId(), logged)));
    }

    void bond(NodeIdentity who, long credits) {
      Bytes body = json("{\"amount\":\"" + credits + "\"}");
      log.byNode(
          EntryKind.STAKE,
          CborMap.builder().put("node", who.nodeId().toHex()).build(),
          post(who, "/v1/accounts/bond", body),
          body,
          -1,
          op(
              "bond:" + who.nodeId().toHex() + ":" + credits,
              new Operation.Bond(who.nodeId(), Amount.ofCredits(credits))));
    }

    String jobId = "";
    final MatMul matmul = MatMul.create();
    final Bytes input = matmul.inputCodec().encode(MatMulInput.random(SEED, 2, 3, 2));

    void job() throws Exception {
      String key = "job-1";
      jobId = Coordination.jobId(requester.nodeId(), key);
      Bytes body =
          json(
              "{\"workload\":{\"name\":\""
                  + matmul.id().name()
                  + "\",\"version\":"
                  + matmul.id().version()
                  + ",\"digest\":\""
                  + matmul.id().digest().toHex()
                  + "\"},\"input\":\""
                  + b64(input)
                  + "\",\"policy\":{\"scheme\":\"replication\",\"params\":{\"replicas\":3,"
                  + "\"quorum\":2}},\"terms\":{\"rewardPerTask\":\"10\",\"minStake\":\"20\","
                  + "\"slashSplit\":{\"requesterBps\":5000,\"treasuryBps\":2000,"
                  + "\"challengerBps\":3000}},\"idempotencyKey\":\""
                  + key
                  + "\"}");
      mark(Lie.JOB_REWARD);
      mark(Lie.JOB_PARAMETERS);
      long reward = lie == Lie.JOB_REWARD ? 12 : 10;
      Bytes parameters =
          lie == Lie.JOB_PARAMETERS
              ? ReplicationProtocol.encodeParameters(5, 3, Optional.empty())
              : ReplicationProtocol.encodeParameters(3, 2, Optional.empty());
      Bytes planned =
          SchemeRegistry.standard()
              .find("replication")
              .orElseThrow()
              .plan(new JobSpec(jobId, matmul.id(), input, "replication", parameters))
              .canonicalParameters();
      JobTerms terms =
          new JobTerms(
              Amount.ofCredits(reward),
              Amount.ZERO,
              JobOptions.defaultTasks(3),
              Amount.ofCredits(20),
              SPLIT);
      log.byNode(
          EntryKind.JOB_POSTED,
          CborMap.builder()
              .put("job", jobId)
              .put("key", key)
              .put(
                  "workload",
                  CborMap.builder()
                      .put("name", matmul.id().name())
                      .put("version", matmul.id().version())
                      .put("digest", matmul.id().digest())
                      .build())
              .put("scheme", "replication")
              .put("parameters", planned)
              .put("input", input)
              .put("terms", new JobOptions(terms, 3, Optional.empty()).encode())
              .put("replicas", 3)
              .build(),
          post(requester, "/v1/jobs", body),
          body,
          -1,
          op("escrow:" + jobId, new Operation.EscrowJob(jobId, requester.nodeId(), terms)));
    }

    /** A provider lease of replica {@code replica}; returns its lease id. */
    String lease(int replica, Authorisation.NodeRequest auth, @Nullable Bytes body, long batchOp) {
      String task = RecordIds.executeTask(jobId, replica);
      String lease = "lease-" + replica;
      if (replica == 0) {
        mark(Lie.LEASE_KIND);
      }
      String kind = lie == Lie.LEASE_KIND && replica == 0 ? "validate" : "execute";
      log.byNode(
          EntryKind.LEASE,
          CborMap.builder()
              .put("task-id", task)
              .put("lease", lease)
              .put("job", jobId)
              .put("kind", kind)
              .put("replica", replica)
              .put("holder", provider.nodeId().toHex())
              .put("deadline", log.clock.instant().plusSeconds(30).toEpochMilli())
              .build(),
          auth,
          body,
          batchOp,
          op(
              "lock:" + task + ":" + lease,
              new Operation.LockStake(provider.nodeId(), jobId, task, Amount.ofCredits(20))));
      return lease;
    }

    Bytes commitment(int replica) {
      return Digest.sha256(new byte[] {(byte) replica, 1}).toBytes();
    }

    /** The beacon's commitment (coordinator), logged at lease time. */
    RandomnessBeacon.Secret beaconCommit(String task, String lease) {
      RandomnessBeacon.Secret s =
          RandomnessBeacon.draw(TaskSecrets.beaconTask(task, lease), random);
      log.byCoordinator(
          EntryKind.RANDOMNESS_COMMITTED,
          extend(RandomnessBeacon.commitBody(s.taskId(), s.commitment()), taskFields(task, lease)));
      return s;
    }

    /** The challenge and the reveal (coordinator), after the provider committed {@code c}. */
    void beaconChallenge(RandomnessBeacon.Secret s, String task, String lease, Bytes c) {
      log.byCoordinator(
          EntryKind.CHALLENGE,
          extend(
              RandomnessBeacon.challengeBody(s.taskId(), c, s.randomness(c)),
              taskFields(task, lease).put("challenge", json("{}"))));
      log.byCoordinator(
          EntryKind.RANDOMNESS_REVEALED,
          extend(RandomnessBeacon.revealBody(s), taskFields(task, lease)));
    }

    static CborMap.Builder taskFields(String task, String lease) {
      return CborMap.builder().put("task-id", task).put("lease", lease);
    }

    static CborMap extend(CborMap base, CborMap.Builder more) {
      CborMap.Builder b = CborMap.builder();
      base.entries().forEach(e -> b.put(e.key(), e.value()));
      more.build().entries().forEach(e -> b.put(e.key(), e.value()));
      return b.build();
    }

    void build() throws Exception {
      register(requester, "requester", Amount.ZERO);
      deposit(requester, 1000);
      register(provider, "provider", Amount.ZERO);
      deposit(provider, 300);
      bond(provider, 200);
      register(validator, "validator", Amount.ZERO);
      // The operator (the coordinator's key) credits mallory, who registers with a stake.
      Bytes credit = json("{\"nodeId\":\"" + mallory.nodeId().toHex() + "\",\"amount\":\"10\"}");
      log.byNode(
          EntryKind.DEPOSIT,
          CborMap.builder().put("node", mallory.nodeId().toHex()).build(),
          post(log.coordinator, "/v1/accounts/deposit", credit),
          credit,
          -1,
          op("deposit:operator", new Operation.Deposit(mallory.nodeId(), Amount.ofCredits(10))));
      register(mallory, "provider", Amount.ofCredits(5));
      job();

      // Replica 0: lease, beacon, commit, challenge, reveal.
      Bytes leaseBody = json("{\"role\":\"provider\",\"waitMillis\":0}");
      String task0 = RecordIds.executeTask(jobId, 0);
      String lease0 = lease(0, post(provider, "/v1/leases", leaseBody), leaseBody, -1);
      RandomnessBeacon.Secret s0 = beaconCommit(task0, lease0);
      Bytes c0 = commitment(0);
      Bytes commitBody =
          json("{\"leaseId\":\"" + lease0 + "\",\"commitment\":\"" + b64(c0) + "\"}");
      Authorisation.NodeRequest commitAuth =
          post(provider, "/v1/tasks/" + task0 + "/commit", commitBody);
      Bytes loggedCommitment = c0;
      Bytes loggedCommitBody = commitBody;
      mark(Lie.COMMITMENT_SWAPPED);
      mark(Lie.COMMITMENT_BY_ANOTHER_NODE);
      mark(Lie.HEARTBEAT_AS_COMMITMENT);
      switch (lie) {
        case COMMITMENT_SWAPPED -> loggedCommitment = commitment(9);
        case COMMITMENT_BY_ANOTHER_NODE ->
            commitAuth = post(mallory, "/v1/tasks/" + task0 + "/commit", commitBody);
        case HEARTBEAT_AS_COMMITMENT -> {
          loggedCommitBody = json("{\"leaseId\":\"" + lease0 + "\"}");
          commitAuth = post(provider, "/v1/tasks/" + task0 + "/heartbeat", loggedCommitBody);
        }
        default -> {}
      }
      log.byNode(
          EntryKind.COMMITMENT,
          extend(
              RandomnessBeacon.providerCommitmentBody(
                  TaskSecrets.beaconTask(task0, lease0), loggedCommitment),
              taskFields(task0, lease0)),
          commitAuth,
          loggedCommitBody,
          -1);
      beaconChallenge(s0, task0, lease0, loggedCommitment);
      Bytes response = Digest.sha256(new byte[] {7}).toBytes();
      Bytes respondBody =
          json("{\"leaseId\":\"" + lease0 + "\",\"response\":\"" + b64(response) + "\"}");
      mark(Lie.REVEAL_AS_OPENING);
      mark(Lie.RESPONSE_SWAPPED);
      log.byNode(
          lie == Lie.REVEAL_AS_OPENING ? EntryKind.OPENING : EntryKind.REVEAL,
          taskFields(task0, lease0)
              .put(
                  "response",
                  lie == Lie.RESPONSE_SWAPPED ? Digest.sha256(new byte[] {8}).toBytes() : response)
              .build(),
          post(provider, "/v1/tasks/" + task0 + "/response", respondBody),
          respondBody,
          -1);

      // A validator lease and a report too large to log (more than 64 KiB).
      String vtask = RecordIds.validateTask(task0, 0);
      Bytes vleaseBody = json("{\"role\":\"validator\"}");
      log.byNode(
          EntryKind.LEASE,
          CborMap.builder()
              .put("task-id", vtask)
              .put("lease", "v-lease")
              .put("job", jobId)
              .put("kind", "validate")
              .put("replica", 0)
              .put("holder", validator.nodeId().toHex())
              .put("deadline", log.clock.instant().plusSeconds(30).toEpochMilli())
              .put("parent", task0)
              .put("work", Digest.sha256(new byte[] {3}))
              .build(),
          post(validator, "/v1/leases", vleaseBody),
          vleaseBody,
          -1);
      Bytes report = random.nextBytes(70_000);
      Bytes reportBody = json("{\"leaseId\":\"v-lease\",\"report\":\"" + b64(report) + "\"}");
      mark(Lie.UNLOGGED_REPORT_ON_ANOTHER_TASK);
      log.byNode(
          EntryKind.VALIDATION,
          taskFields(
                  lie == Lie.UNLOGGED_REPORT_ON_ANOTHER_TASK
                      ? RecordIds.validateTask(task0, 1)
                      : vtask,
                  "v-lease")
              .put("parent", task0)
              .put("report", report)
              .build(),
          post(validator, "/v1/tasks/" + vtask + "/report", reportBody),
          null,
          -1);

      // Replica 1: leased, then released.
      String task1 = RecordIds.executeTask(jobId, 1);
      String lease1 = lease(1, post(provider, "/v1/leases", leaseBody), leaseBody, -1);
      beaconCommit(task1, lease1);
      Bytes releaseBody = json("{\"leaseId\":\"" + lease1 + "\"}");
      mark(Lie.RELEASE_OF_ANOTHER_LEASE);
      String released = lie == Lie.RELEASE_OF_ANOTHER_LEASE ? lease0 : lease1;
      log.byNode(
          EntryKind.LEASE_EXPIRED,
          taskFields(task1, released)
              .put("reason", "released")
              .put("holder", provider.nodeId().toHex())
              .build(),
          post(provider, "/v1/tasks/" + task1 + "/release", releaseBody),
          releaseBody,
          -1,
          op(
              "release:" + task1 + ":" + lease1,
              new Operation.ReleaseStake(provider.nodeId(), jobId, task1, Amount.ofCredits(20))));

      // A dispute question to replica 0 and its answer.
      String dispute = "dispute-1";
      Bytes question = json("{\"open\":[1]}");
      log.byCoordinator(
          EntryKind.DISPUTE,
          CborMap.builder()
              .put("task-id", task0)
              .put("dispute", dispute)
              .put("step", "ask")
              .put("request", question)
              .build());
      Bytes answer = Digest.sha256(new byte[] {4}).toBytes();
      Bytes answerBody = json("{\"taskId\":\"" + task0 + "\",\"answer\":\"" + b64(answer) + "\"}");
      mark(Lie.ANSWER_SWAPPED);
      log.byNode(
          EntryKind.DISPUTE,
          CborMap.builder()
              .put("task-id", task0)
              .put("dispute", dispute)
              .put("step", "answer")
              .put("request", question)
              .put(
                  "answer",
                  lie == Lie.ANSWER_SWAPPED ? Digest.sha256(new byte[] {5}).toBytes() : answer)
              .build(),
          post(provider, "/v1/disputes/" + dispute + "/answer", answerBody),
          answerBody,
          -1);

      // Replicas 2 and 3 leased by one batched request.
      Bytes leaseBatchBody = json("{\"role\":\"provider\",\"max\":2,\"waitMillis\":0}");
      Authorisation.NodeRequest leaseBatch = post(provider, "/v1/leases/batch", leaseBatchBody);
      String task2 = RecordIds.executeTask(jobId, 2);
      String lease2 = lease(2, leaseBatch, leaseBatchBody, 0);
      RandomnessBeacon.Secret s2 = beaconCommit(task2, lease2);
      String lease3 = lease(3, leaseBatch, null, 1);
      beaconCommit(RecordIds.executeTask(jobId, 3), lease3);
      if (lie == Lie.LEASE_BATCH_OVER_MAX) {
        mark(Lie.LEASE_BATCH_OVER_MAX);
        lease(4, leaseBatch, null, 2);
      }

      // Replica 2 commits and reveals in one batched request (after a heartbeat of replica 3).
      Bytes c2 = commitment(2);
      Bytes r2 = Digest.sha256(new byte[] {2, 2}).toBytes();
      Bytes batchBody =
          json(
              "{\"ops\":[{\"op\":\"heartbeat\",\"taskId\":\""
                  + RecordIds.executeTask(jobId, 3)
                  + "\",\"leaseId\":\""
                  + lease3
                  + "\"},{\"op\":\"commit\",\"taskId\":\""
                  + task2
                  + "\",\"leaseId\":\""
                  + lease2
                  + "\",\"commitment\":\""
                  + b64(c2)
                  + "\"},{\"op\":\"respond\",\"taskId\":\""
                  + task2
                  + "\",\"leaseId\":\""
                  + lease2
                  + "\",\"response\":\""
                  + b64(r2)
                  + "\"}]}");
      Authorisation.NodeRequest batch = post(provider, "/v1/tasks/batch", batchBody);
      log.byNode(
          EntryKind.COMMITMENT,
          extend(
              RandomnessBeacon.providerCommitmentBody(TaskSecrets.beaconTask(task2, lease2), c2),
              taskFields(task2, lease2)),
          batch,
          batchBody,
          1);
      beaconChallenge(s2, task2, lease2, c2);
      mark(Lie.BATCH_OP_OF_ANOTHER_KIND);
      mark(Lie.BATCH_OP_OUT_OF_RANGE);
      mark(Lie.BATCH_FIELD_SWAPPED);
      long respondOp =
          switch (lie) {
            case BATCH_OP_OF_ANOTHER_KIND -> 0;
            case BATCH_OP_OUT_OF_RANGE -> 7;
            default -> 2;
          };
      log.byNode(
          EntryKind.REVEAL,
          taskFields(task2, lease2)
              .put("response", lie == Lie.BATCH_FIELD_SWAPPED ? r2.concat(r2) : r2)
              .build(),
          batch,
          null,
          respondOp);
    }

    List<LogEntry> entries() {
      return log.entries;
    }
  }

  static String describe(AuditReport r) {
    return r.summary();
  }

  @Test
  void anHonestLogPassesAndCountsTheBodyThatWasTooLargeToLog() throws Exception {
    Scenario s = new Scenario(Lie.NONE);
    RequestBodyCheck[] check = new RequestBodyCheck[1];
    AuditReport report = s.log.audit(() -> check[0] = RequestBodyCheck.standard());
    assertThat(report.discrepancies()).as(describe(report)).isEmpty();
    long nodeEntries =
        s.entries().stream()
            .filter(e -> e.authorisation() instanceof Authorisation.NodeRequest)
            .count();
    assertThat(check[0].bodiesNotLogged()).isEqualTo(1);
    assertThat(check[0].bodiesVerified()).isEqualTo(nodeEntries - 1);
  }

  @ParameterizedTest
  @EnumSource(value = Lie.class, mode = EnumSource.Mode.EXCLUDE, names = "NONE")
  void aLyingCoordinatorIsNamedByTheBodyCheckAlone(Lie lie) throws Exception {
    Scenario s = new Scenario(lie);
    assertThat(s.lied).as("the scenario tells %s", lie).isNotNegative();

    AuditReport without = s.log.audit();
    assertThat(without.discrepancies())
        .as("without the body check, %s passes every other check: %s", lie, describe(without))
        .isEmpty();

    AuditReport with = s.log.audit(RequestBodyCheck::standard);
    Set<String> found =
        with.discrepancies().stream()
            .map(d -> d.kind() + " at " + d.where())
            .collect(Collectors.toSet());
    assertThat(found)
        .as("%s (seed %d): %s", lie, SEED, describe(with))
        .containsExactly(lie.named + " at entry " + s.lied);
  }

  @Test
  void everyDiscrepancyNamesTheRequestedAndTheLoggedValue() throws Exception {
    Scenario s = new Scenario(Lie.DEPOSIT_AMOUNT);
    List<Discrepancy> found =
        new ArrayList<>(s.log.audit(RequestBodyCheck::standard).discrepancies());
    assertThat(found).hasSize(1);
    assertThat(found.get(0).detail())
        .contains("deposit")
        .contains(Amount.ofCredits(2000).toString())
        .contains(Amount.ofCredits(1000).toString());
  }
}
