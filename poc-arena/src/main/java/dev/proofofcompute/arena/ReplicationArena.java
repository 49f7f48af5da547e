package dev.proofofcompute.arena;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.economics.CheatingEconomics;
import dev.proofofcompute.schemes.replication.AdaptiveReplication;
import dev.proofofcompute.schemes.replication.AdaptiveReplication.Decision;
import dev.proofofcompute.schemes.replication.AdaptiveSettings;
import dev.proofofcompute.schemes.replication.CommittedResult;
import dev.proofofcompute.schemes.replication.ReplicationParameters;
import dev.proofofcompute.schemes.replication.ReplicationRound;
import dev.proofofcompute.schemes.replication.ReplicationScheme;
import dev.proofofcompute.schemes.replication.Reputation;
import dev.proofofcompute.schemes.replication.ResultCommitment;
import dev.proofofcompute.schemes.replication.ResultComparator;
import dev.proofofcompute.schemes.replication.RoundOutcome;
import dev.proofofcompute.schemes.replication.RoundRefusedException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The replication scheme in the arena: {@code k} replicas commit, then reveal, and a quorum decides
 * ({@link ReplicationRound}); the provider under test is replica 0 (and 1, for a colluding pair),
 * the others are honest. Float replicas each sum in their own order. Verification work is the work
 * of the other replicas; execution work that of one honest execution.
 *
 * <p>Adaptive replication: the provider under test commits first, the round draws the decision from
 * the validator's randomness ({@link ReplicationRound#decideAdaptively}), and only on REPLICATE do
 * the other replicas run. Its detection is compared with {@link
 * CheatingEconomics#adaptiveCheckProbability} times {@code 1 -} {@link
 * CheatingEconomics#replicationEscape}.
 */
final class ReplicationArena {
  private static final Duration WINDOW = Duration.ofMinutes(10);
  private static final InstantSource CLOCK = InstantSource.fixed(Instant.EPOCH);
  private static final String SCHEME = ReplicationScheme.NAME;

  private final ArenaConfig config;

  ReplicationArena(ArenaConfig config) {
    this.config = config;
  }

  List<ScenarioResult> run() {
    int n = config.matrixSize();
    ReplicaJob<?, ?> exact = ReplicaJob.matMul(n);
    ReplicaJob<?, ?> floating = ReplicaJob.matMulF64(n);
    List<ScenarioResult> out = new ArrayList<>();
    int honest = config.honestRuns();
    int must = config.adversaryRuns();
    out.add(fixed(exact, 3, 2, new Behaviour.Honest(), honest));
    out.add(fixed(exact, 5, 3, new Behaviour.Honest(), honest));
    out.add(fixed(floating, 3, 2, new Behaviour.Honest(), honest));
    out.add(fixed(floating, 5, 3, new Behaviour.Honest(), honest));
    out.add(fixed(exact, 3, 2, new Behaviour.WrongResult(), must));
    out.add(fixed(floating, 3, 2, new Behaviour.WrongResult(), must));
    out.add(fixed(exact, 3, 2, new Behaviour.Lazy(0.25), must));
    out.add(fixed(exact, 3, 2, new Behaviour.Copycat(), must));
    out.add(fixed(exact, 3, 2, new Behaviour.ColludingPair(), must));
    out.add(fixed(exact, 5, 3, new Behaviour.ColludingPair(), must));
    out.add(fixed(floating, 5, 3, new Behaviour.ColludingPair(), must));
    out.add(fixed(exact, 3, 2, new Behaviour.Malformed(), must));
    out.add(adaptiveHonest(exact, honest));
    int sampled = config.samplingRuns();
    out.add(
        adaptive(exact, new AdaptiveSettings(10, 0.1), 20, new Behaviour.WrongResult(), sampled));
    out.add(
        adaptive(exact, new AdaptiveSettings(5, 0.05), 8, new Behaviour.WrongResult(), sampled));
    out.add(
        adaptive(exact, new AdaptiveSettings(10, 0.1), 20, new Behaviour.Grinder(1.0, 8), sampled));
    return out;
  }

  // ---- fixed replication: every task replicated ----

  private <I, O> ScenarioResult fixed(
      ReplicaJob<I, O> job, int k, int q, Behaviour behaviour, int runs) {
    ReplicationParameters parameters = parameters(job, k, q, AdaptiveSettings.alwaysReplicate());
    String policy = "k=" + k + " q=" + q;
    String workload = job.workload().id().name();
    RandomSource scenario =
        ArenaRandom.fork(
            config.seed(), SCHEME + "/" + workload + "/" + policy + "/" + behaviour.label());
    boolean pair = behaviour instanceof Behaviour.ColludingPair;
    double detection = pair ? (2 >= q ? 0 : 1) : 1 - CheatingEconomics.replicationEscape(k, q, 0);
    String expectation =
        switch (behaviour) {
          case Behaviour.Honest h -> "every replica accepted";
          case Behaviour.ColludingPair p ->
              2 >= q
                  ? "the pair holds a quorum of " + q + ": it wins and outvotes the honest replica"
                  : "the pair is short of the quorum of " + q + ": outvoted";
          case Behaviour.Copycat c -> "the copied commitment does not open under the copier's id";
          case Behaviour.Malformed m -> "non-canonical output or a foreign salt: rejected";
          default -> "one wrong replica never reaches the quorum: outvoted";
        };
    String theory =
        pair
            ? "a pair escapes iff 2 >= q"
            : "1 - CheatingEconomics.replicationEscape(" + k + ", " + q + ", 0)";
    Tally tally = new Tally(SCHEME, policy, workload, behaviour, expectation, job.model().unit());
    ResultComparator<O> comparator = job.comparator(parameters);
    for (int run = 0; run < runs; run++) {
      RandomSource r = ArenaRandom.child(scenario);
      I input = job.input(r);
      Digest task = Digest.of(r.nextBytes(Digest.LENGTH).toByteArray());
      List<NodeId> ids = providers(k, r);
      WorkMeter replicaWork = new WorkMeter();
      List<Submission> subs = new ArrayList<>();
      // Honest replicas first: a copycat copies replica 1.
      int adversaries = behaviour.honest() ? 0 : pair ? 2 : 1;
      List<Submission> honest = new ArrayList<>();
      O honest0 = job.honest(input, 0, new WorkMeter());
      for (int i = adversaries; i < k; i++) {
        WorkMeter meter = i == 0 ? new WorkMeter() : replicaWork;
        O output = i == 0 ? honest0 : job.honest(input, i, meter);
        honest.add(Submission.seal(task, ids.get(i), encode(job, output), r));
      }
      Bytes honestBytes = encode(job, honest0);
      boolean cheated = true;
      switch (behaviour) {
        case Behaviour.Honest h -> cheated = false;
        case Behaviour.WrongResult w -> {
          O wrong = job.withResult(MatrixEdits.corruptEntry(job.result(honest0), r));
          subs.add(Submission.seal(task, ids.get(0), encode(job, wrong), r));
        }
        case Behaviour.Lazy lazy -> {
          int rows = job.result(honest0).rows();
          O faked =
              job.withResult(
                  MatrixEdits.zeroRows(
                      job.result(honest0),
                      MatrixEdits.distinct(
                          rows, MatrixEdits.faked(rows, lazy.fakedFraction()), r)));
          Bytes bytes = encode(job, faked);
          cheated = !bytes.equals(honestBytes);
          subs.add(Submission.seal(task, ids.get(0), bytes, r));
        }
        case Behaviour.Copycat c -> {
          Submission victim = honest.get(0);
          subs.add(new Submission(ids.get(0), victim.commitment(), victim.salt(), victim.output()));
        }
        case Behaviour.ColludingPair p -> {
          O wrong = job.withResult(MatrixEdits.corruptEntry(job.result(honest0), r));
          subs.add(Submission.seal(task, ids.get(0), encode(job, wrong), r));
          subs.add(Submission.seal(task, ids.get(1), encode(job, wrong), r));
        }
        case Behaviour.Malformed m -> {
          if (run % 2 == 0) {
            Bytes trailing = honestBytes.concat(Bytes.of(new byte[] {0}));
            subs.add(Submission.seal(task, ids.get(0), trailing, r));
          } else {
            Submission s = Submission.seal(task, ids.get(0), honestBytes, r);
            subs.add(
                new Submission(
                    s.id(), s.commitment(), r.nextBytes(ResultCommitment.SALT_LENGTH), s.output()));
          }
        }
        case Behaviour.Grinder g -> throw notApplicable(behaviour);
        case Behaviour.LateWrongStep l -> throw notApplicable(behaviour);
      }
      subs.addAll(honest);
      RoundOutcome outcome = play(task, parameters, comparator, subs);
      tally.run();
      if (cheated) {
        tally.cheater(outcome.verdict(ids.get(0)).orElseThrow());
      }
      for (Submission s : honest) {
        tally.honest(outcome.verdict(s.id()).orElseThrow());
      }
      tally.work(job.model().execute(input), replicaWork.units());
    }
    return behaviour.honest() ? tally.honestResult() : tally.result(detection, theory);
  }

  // ---- adaptive replication ----

  /**
   * One honest provider working {@code runs} tasks in a row from a blank record, each replicated
   * with probability {@code p(CV)} (threshold 10, floor 0.1): no false positive, and the
   * verification work falls as its record grows.
   */
  private <I, O> ScenarioResult adaptiveHonest(ReplicaJob<I, O> job, int runs) {
    AdaptiveSettings settings = new AdaptiveSettings(10, 0.1);
    ReplicationParameters parameters = parameters(job, 3, 2, settings);
    String policy = adaptivePolicy(settings, -1);
    String workload = job.workload().id().name();
    Behaviour behaviour = new Behaviour.Honest();
    RandomSource scenario =
        ArenaRandom.fork(config.seed(), SCHEME + "/" + workload + "/" + policy + "/honest");
    Tally tally =
        new Tally(
            SCHEME,
            policy,
            workload,
            behaviour,
            "a run of honest tasks from a blank record: never rejected, replicated less as CV grows",
            job.model().unit());
    ResultComparator<O> comparator = job.comparator(parameters);
    Reputation reputation = Reputation.NONE;
    int replicated = 0;
    for (int run = 0; run < runs; run++) {
      RandomSource r = ArenaRandom.child(scenario);
      RandomSource validator = ArenaRandom.child(r);
      I input = job.input(r);
      Digest task = Digest.of(r.nextBytes(Digest.LENGTH).toByteArray());
      List<NodeId> ids = providers(3, r);
      WorkMeter replicaWork = new WorkMeter();
      Submission first =
          Submission.seal(task, ids.get(0), encode(job, job.honest(input, 0, new WorkMeter())), r);
      ReplicationRound<O> round = ReplicationRound.open(task, parameters, comparator, CLOCK);
      List<Submission> all = new ArrayList<>(List.of(first));
      try {
        round.commit(first.id(), first.commitment());
        if (round.decideAdaptively(reputation, validator) == Decision.REPLICATE) {
          replicated++;
          for (int i = 1; i < 3; i++) {
            Submission s =
                Submission.seal(
                    task, ids.get(i), encode(job, job.honest(input, i, replicaWork)), r);
            round.commit(s.id(), s.commitment());
            all.add(s);
          }
        }
        for (Submission s : all) {
          round.reveal(s.id(), s.salt(), s.output());
        }
      } catch (RoundRefusedException e) {
        throw new IllegalStateException("the arena sent a message the round refused", e);
      }
      RoundOutcome outcome = round.outcome().orElseThrow();
      tally.run();
      for (Submission s : all) {
        tally.honest(outcome.verdict(s.id()).orElseThrow());
      }
      reputation = outcome.updatedReputation(first.id(), reputation);
      tally.work(job.model().execute(input), replicaWork.units());
    }
    tally.metric("replicatedRuns", replicated);
    tally.metric("finalConsecutiveValid", (double) reputation.consecutiveValid());
    return tally.honestResult();
  }

  /**
   * A provider with {@code cv} consecutive valid results cheats on every task. Wrong result: it
   * commits a wrong output and is caught iff the task is replicated. Grinder: after the decision it
   * tries to replace its commitment with an honest one {@code attempts - 1} times; the round
   * refuses every second commitment, so it does no better.
   */
  private <I, O> ScenarioResult adaptive(
      ReplicaJob<I, O> job, AdaptiveSettings settings, long cv, Behaviour behaviour, int runs) {
    int k = 3;
    int q = 2;
    ReplicationParameters parameters = parameters(job, k, q, settings);
    String policy = adaptivePolicy(settings, cv);
    String workload = job.workload().id().name();
    RandomSource scenario =
        ArenaRandom.fork(
            config.seed(), SCHEME + "/" + workload + "/" + policy + "/" + behaviour.label());
    Reputation reputation = new Reputation(cv);
    double p = AdaptiveReplication.of(settings).checkProbability(reputation);
    double pEconomics =
        CheatingEconomics.adaptiveCheckProbability(
            cv, settings.trustThreshold(), settings.checkFloor());
    double theory = pEconomics * (1 - CheatingEconomics.replicationEscape(k, q, 0));
    String source =
        "CheatingEconomics.adaptiveCheckProbability("
            + cv
            + ", "
            + settings.trustThreshold()
            + ", "
            + settings.checkFloor()
            + ") * (1 - replicationEscape(3, 2, 0))";
    int attempts = behaviour instanceof Behaviour.Grinder g ? g.attempts() : 1;
    Tally tally =
        new Tally(
            SCHEME,
            policy,
            workload,
            behaviour,
            "caught exactly when replicated, with probability p(CV) = " + p,
            job.model().unit());
    ResultComparator<O> comparator = job.comparator(parameters);
    int refused = 0;
    for (int run = 0; run < runs; run++) {
      RandomSource r = ArenaRandom.child(scenario);
      RandomSource validator = ArenaRandom.child(r);
      I input = job.input(r);
      Digest task = Digest.of(r.nextBytes(Digest.LENGTH).toByteArray());
      List<NodeId> ids = providers(k, r);
      WorkMeter replicaWork = new WorkMeter();
      O honest0 = job.honest(input, 0, new WorkMeter());
      O wrong = job.withResult(MatrixEdits.corruptEntry(job.result(honest0), r));
      Submission cheat = Submission.seal(task, ids.get(0), encode(job, wrong), r);
      ReplicationRound<O> round = ReplicationRound.open(task, parameters, comparator, CLOCK);
      List<Submission> honest = new ArrayList<>();
      try {
        round.commit(cheat.id(), cheat.commitment());
        Decision decision = round.decideAdaptively(reputation, validator);
        if (decision == Decision.REPLICATE) {
          for (int a = 1; a < attempts; a++) {
            Submission reroll = Submission.seal(task, ids.get(0), encode(job, honest0), r);
            try {
              round.commit(reroll.id(), reroll.commitment());
              throw new IllegalStateException("the round accepted a second commitment");
            } catch (RoundRefusedException expected) {
              refused++;
            }
          }
          for (int i = 1; i < k; i++) {
            Submission s =
                Submission.seal(
                    task, ids.get(i), encode(job, job.honest(input, i, replicaWork)), r);
            round.commit(s.id(), s.commitment());
            honest.add(s);
          }
        }
        round.reveal(cheat.id(), cheat.salt(), cheat.output());
        for (Submission s : honest) {
          round.reveal(s.id(), s.salt(), s.output());
        }
      } catch (RoundRefusedException e) {
        throw new IllegalStateException("the arena sent a message the round refused", e);
      }
      RoundOutcome outcome = round.outcome().orElseThrow();
      tally.run();
      tally.cheater(outcome.verdict(cheat.id()).orElseThrow());
      for (Submission s : honest) {
        tally.honest(outcome.verdict(s.id()).orElseThrow());
      }
      tally.work(job.model().execute(input), replicaWork.units());
    }
    tally.metric("checkProbability", p);
    if (attempts > 1) {
      tally.metric("refusedRecommitments", refused);
    }
    return tally.result(theory, source);
  }

  // ---- helpers ----

  private static String adaptivePolicy(AdaptiveSettings s, long cv) {
    return "adaptive k=3 q=2 threshold="
        + s.trustThreshold()
        + " floor="
        + s.checkFloor()
        + (cv >= 0 ? " CV=" + cv : "");
  }

  private <I, O> ReplicationParameters parameters(
      ReplicaJob<I, O> job, int k, int q, AdaptiveSettings adaptive) {
    return switch (job.workload().outputKind()) {
      case EXACT -> ReplicationParameters.exact(k, q, adaptive, WINDOW, WINDOW);
      case FLOATING ->
          ReplicationParameters.floating(
              k, q, ReplicaJob.dotProductTolerance(config.matrixSize()), adaptive, WINDOW, WINDOW);
    };
  }

  /** {@code k} provider ids drawn from {@code random}. */
  private static List<NodeId> providers(int k, RandomSource random) {
    List<NodeId> ids = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      ids.add(new NodeId(Digest.of(random.nextBytes(Digest.LENGTH).toByteArray())));
    }
    return ids;
  }

  private static <I, O> Bytes encode(ReplicaJob<I, O> job, O output) {
    return job.workload().outputCodec().encode(output);
  }

  /** Commits every submission, then reveals every one, and returns the outcome. */
  private static <O> RoundOutcome play(
      Digest task,
      ReplicationParameters parameters,
      ResultComparator<O> comparator,
      List<Submission> subs) {
    ReplicationRound<O> round = ReplicationRound.open(task, parameters, comparator, CLOCK);
    try {
      for (Submission s : subs) {
        round.commit(s.id(), s.commitment());
      }
      for (Submission s : subs) {
        round.reveal(s.id(), s.salt(), s.output());
      }
    } catch (RoundRefusedException e) {
      throw new IllegalStateException("the arena sent a message the round refused", e);
    }
    return round.outcome().orElseThrow();
  }

  private static IllegalArgumentException notApplicable(Behaviour behaviour) {
    return new IllegalArgumentException(
        behaviour.label() + " has no meaning under fixed replication in the arena");
  }

  /** What one replica sends: its commitment, then its reveal (which a cheater may not match). */
  private record Submission(NodeId id, ResultCommitment commitment, Bytes salt, Bytes output) {
    static Submission seal(Digest task, NodeId id, Bytes output, RandomSource random) {
      CommittedResult sealed = CommittedResult.seal(task, id, output, random);
      return new Submission(id, sealed.commitment(), sealed.salt(), output);
    }
  }
}
