package dev.proofofcompute.coordinator.service;

import dev.proofofcompute.coordinator.service.Coordination.JobRequest;
import dev.proofofcompute.coordinator.service.Coordination.Terms;
import dev.proofofcompute.coordinator.service.Views.Balances;
import dev.proofofcompute.coordinator.service.Views.ChallengeState;
import dev.proofofcompute.coordinator.service.Views.JobView;
import dev.proofofcompute.coordinator.service.Views.Lease;
import dev.proofofcompute.core.message.AuthenticatedRequest;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.crypto.time.ManualClock;
import dev.proofofcompute.ledger.LedgerInvariants;
import dev.proofofcompute.ledger.LedgerSnapshot;
import dev.proofofcompute.ledger.SlashSplit;
import dev.proofofcompute.protocol.JobSpec;
import dev.proofofcompute.protocol.ProtocolException;
import dev.proofofcompute.protocol.ProviderBehaviour;
import dev.proofofcompute.protocol.ProviderContext;
import dev.proofofcompute.protocol.ProviderSession;
import dev.proofofcompute.protocol.SchemeProtocol;
import dev.proofofcompute.protocol.TaskSpec;
import dev.proofofcompute.storage.NodeRole;
import dev.proofofcompute.storage.Storage;
import dev.proofofcompute.storage.Storages;
import dev.proofofcompute.storage.TaskKind;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A coordinator's services over a SQLite file, with a manual clock and seeded randomness, and
 * in-test nodes that drive them: requesters, honest or cheating providers (through the scheme's own
 * {@link SchemeProtocol#execute}), validators.
 */
final class ServiceFixture implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
  static final SlashSplit SPLIT = new SlashSplit(5000, 2000, 3000);

  final long seed;
  final ManualClock clock = ManualClock.at(T0);
  final RandomSource random;
  final Storage storage;
  final Coordination services;
  final SchemeRegistry schemes = SchemeRegistry.standard();
  private long counter;

  ServiceFixture(Path dir, long seed) throws DecodingException {
    this(dir, seed, ServiceSettings.defaults());
  }

  ServiceFixture(Path dir, long seed, ServiceSettings settings) throws DecodingException {
    this.seed = seed;
    this.random = RandomSource.seeded(seed);
    this.storage = Storages.open("sqlite:" + dir.resolve("coordinator.db"));
    this.services =
        Coordination.create(
            storage,
            clock,
            RandomSource.seeded(seed ^ 0x7777),
            schemes,
            settings,
            TaskSecrets.from(identity("coordinator")),
            identity("coordinator"),
            Observer.NONE);
  }

  NodeIdentity identity(String name) throws DecodingException {
    return NodeIdentity.fromSeed(
        Hashes.hash(
                "poc/test/identity",
                ByteBuffer.allocate(8).putLong(seed).array(),
                name.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .toBytes());
  }

  /** A freshly signed request of {@code node}: what the HTTP layer hands the services. */
  AuthenticatedRequest as(NodeIdentity node) {
    return as(node, Bytes.of(new byte[0]));
  }

  /** A freshly signed request of {@code node} with {@code body} (for the logged copy). */
  AuthenticatedRequest as(NodeIdentity node, Bytes body) {
    Bytes nonce = random.nextBytes(16);
    counter++;
    Bytes signed =
        dev.proofofcompute.core.message.RequestAuth.signingInput(
            "POST",
            "/v1/test",
            dev.proofofcompute.crypto.Digest.sha256(body),
            clock.instant(),
            nonce,
            node.nodeId());
    return new AuthenticatedRequest(
        node.publicKey(),
        clock.instant(),
        nonce,
        clock.instant().plusSeconds(60),
        signed,
        node.sign(signed).bytes(),
        body);
  }

  NodeIdentity node(String name, Amount deposit, Amount stake, NodeRole... roles) throws Exception {
    NodeIdentity id = identity(name);
    services.register(as(id), id.publicKey(), Set.of(roles), Amount.ZERO);
    if (!deposit.isZero()) {
      services.deposit(as(id), id.nodeId(), deposit);
    }
    if (!stake.isZero()) {
      services.transfer(as(id), Coordination.Transfer.BOND, stake);
    }
    return id;
  }

  static Terms terms(long reward, long fee, long stake) {
    return new Terms(
        Amount.ofCredits(reward),
        Amount.ofCredits(fee),
        Amount.ofCredits(stake),
        SPLIT,
        Optional.empty());
  }

  <I> JobView submit(
      NodeIdentity requester,
      String key,
      Workload<I, ?> workload,
      I input,
      String scheme,
      Bytes parameters,
      Terms terms)
      throws CoordinatorException {
    return services.submit(
        as(requester),
        new JobRequest(
            workload.id(),
            workload.inputCodec().encode(input),
            scheme,
            parameters,
            Optional.empty(),
            terms,
            key));
  }

  Balances balances(NodeIdentity n) throws CoordinatorException {
    return services.balances(as(n), n.nodeId());
  }

  /** The provider's session for a leased task, run with {@code behaviour}. */
  ProviderSession execute(NodeIdentity provider, Lease l, ProviderBehaviour behaviour)
      throws ProtocolException {
    SchemeProtocol protocol = schemes.find(l.scheme()).orElseThrow();
    TaskSpec spec =
        new TaskSpec(
            l.taskId(),
            new JobSpec(l.jobId(), l.workload(), l.jobInput(), l.scheme(), l.parameters()),
            l.replica(),
            l.taskInput(),
            Bytes.EMPTY);
    counter++;
    return protocol.execute(
        spec,
        new ProviderContext(
            provider, RandomSource.seeded(seed + counter), Optional.empty(), behaviour));
  }

  /** The log as stored: its entries, decoded. */
  java.util.List<dev.proofofcompute.translog.LogEntry> logEntries() {
    return storage.transaction(tx -> {
      java.util.List<dev.proofofcompute.translog.LogEntry> out = new java.util.ArrayList<>();
      for (Bytes b : tx.log().entries(0, tx.log().size())) {
        try {
          out.add(dev.proofofcompute.translog.LogEntry.decode(b));
        } catch (DecodingException e) {
          throw new IllegalStateException(e);
        }
      }
      return out;
    });
  }

  /** How many signed tree heads the log kept. */
  int heads() {
    return storage.transaction(tx -> {
      int n = 0;
      long from = 0;
      while (true) {
        var page = tx.log().treeHeads(from, dev.proofofcompute.storage.LogStore.MAX_HEADS_PER_READ);
        n += page.size();
        if (page.size() < dev.proofofcompute.storage.LogStore.MAX_HEADS_PER_READ) {
          return n;
        }
        from = page.get(page.size() - 1).treeSize() + 1;
      }
    });
  }

  /** The provider's side of one leased task, from lease to response. */
  record Executed(Lease lease, ProviderSession session, ChallengeState challenge) {}

  /** Leases, executes and commits one task as {@code provider}; empty if nothing was leased. */
  Optional<Executed> executeAndCommit(NodeIdentity provider, ProviderBehaviour behaviour)
      throws Exception {
    Optional<Lease> lease = services.lease(as(provider), TaskKind.EXECUTE, Duration.ZERO);
    if (lease.isEmpty()) {
      return Optional.empty();
    }
    Lease l = lease.get();
    SchemeProtocol protocol = schemes.find(l.scheme()).orElseThrow();
    TaskSpec spec =
        new TaskSpec(
            l.taskId(),
            new JobSpec(l.jobId(), l.workload(), l.jobInput(), l.scheme(), l.parameters()),
            l.replica(),
            l.taskInput(),
            Bytes.EMPTY);
    ProviderSession session =
        protocol.execute(
            spec,
            new ProviderContext(
                provider, RandomSource.seeded(seed + counter), Optional.empty(), behaviour));
    ChallengeState c = services.commit(as(provider), l.taskId(), l.leaseId(), session.commitment());
    return Optional.of(new Executed(l, session, c));
  }

  /** Answers the challenge of an executed task (polling it first if needed). */
  Views.TaskOutcomeView respond(NodeIdentity provider, Executed e) throws Exception {
    ChallengeState c = e.challenge();
    if (!c.ready()) {
      c = services.challenge(as(provider), e.lease().taskId(), e.lease().leaseId());
    }
    if (c.challenge().isEmpty()) {
      throw new AssertionError("no challenge for " + e.lease().taskId() + ": " + c);
    }
    Bytes response;
    try {
      response = e.session().respond(c.challenge().get());
    } catch (ProtocolException ex) {
      throw new AssertionError(ex);
    }
    return services.respond(as(provider), e.lease().taskId(), e.lease().leaseId(), response);
  }

  /** Leases one validation task and reports honestly; false if none was available. */
  boolean validate(NodeIdentity validator) throws Exception {
    Optional<Lease> lease = services.lease(as(validator), TaskKind.VALIDATE, Duration.ZERO);
    if (lease.isEmpty()) {
      return false;
    }
    Lease l = lease.get();
    SchemeProtocol protocol = schemes.find(l.scheme()).orElseThrow();
    Bytes report =
        protocol.validate(
            new JobSpec(l.jobId(), l.workload(), l.jobInput(), l.scheme(), l.parameters()),
            l.work().orElseThrow());
    services.report(as(validator), l.taskId(), l.leaseId(), report);
    return true;
  }

  LedgerSnapshot ledger() {
    return storage.transaction(tx -> tx.ledger().snapshot());
  }

  void checkInvariants() {
    LedgerInvariants.check(ledger());
  }

  NodeId id(NodeIdentity n) {
    return n.nodeId();
  }

  @Override
  public void close() {
    storage.close();
  }
}
