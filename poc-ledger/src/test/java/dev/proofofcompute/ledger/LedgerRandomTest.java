package dev.proofofcompute.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.crypto.random.SeededRandomSource;
import dev.proofofcompute.ledger.LedgerException.Reason;
import dev.proofofcompute.ledger.LedgerInvariantsExtension.TrackedLedgers;
import dev.proofofcompute.ledger.Operation.Bond;
import dev.proofofcompute.ledger.Operation.CloseJob;
import dev.proofofcompute.ledger.Operation.Deposit;
import dev.proofofcompute.ledger.Operation.EscrowJob;
import dev.proofofcompute.ledger.Operation.LockStake;
import dev.proofofcompute.ledger.Operation.ReleaseStake;
import dev.proofofcompute.ledger.Operation.Reward;
import dev.proofofcompute.ledger.Operation.Slash;
import dev.proofofcompute.ledger.Operation.Unbond;
import dev.proofofcompute.ledger.Operation.Withdraw;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Thousands of random operations, seeded, against {@link NaiveLedger}: after every step the ledger
 * and the model must agree on the outcome (applied, or refused for the same reason), on every
 * balance and on job state, and the invariants must hold. Retries and replays of earlier ids are
 * mixed in. The seed is printed and named in every failure; rerun one with {@code -Dledger.seed=N}.
 */
@ExtendWith(LedgerInvariantsExtension.class)
class LedgerRandomTest {
  private static final int STEPS = 3_000;
  private static final List<NodeId> NODES =
      List.of(
          Fixtures.node("n0"),
          Fixtures.node("n1"),
          Fixtures.node("n2"),
          Fixtures.node("n3"),
          Fixtures.node("n4"));

  private static final List<String> TASKS = List.of("t0", "t1", "t2", "t3");

  static LongStream seeds() {
    String fixed = System.getProperty("ledger.seed");
    return fixed != null
        ? LongStream.of(Long.parseLong(fixed))
        : LongStream.of(1L, 20_240_601L, 0x1ed9e7L, -7L);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void randomOperationsAgreeWithTheNaiveModel(long seed, TrackedLedgers tracked) {
    System.out.println(
        "LedgerRandomTest seed " + seed + " (rerun with -Dledger.seed=" + seed + ")");
    SeededRandomSource random = RandomSource.seeded(seed);
    Ledger ledger = tracked.track(new Ledger());
    NaiveLedger model = new NaiveLedger();
    List<OperationId> usedIds = new ArrayList<>();
    Map<Reason, Integer> refusals = new EnumMap<>(Reason.class);
    int appliedCount = 0;

    for (int step = 0; step < STEPS; step++) {
      Operation op = randomOperation(random, model);
      OperationId id;
      long roll = random.nextLong(100);
      if (roll < 10 && !usedIds.isEmpty()) {
        id = usedIds.get((int) random.nextLong(usedIds.size()));
        Operation earlier = model.applied.get(id);
        if (earlier != null && random.nextLong(2) == 0) {
          op = earlier; // a retry of the same operation
        }
      } else {
        id = OperationId.of("op-" + step);
      }
      String where = "seed " + seed + ", step " + step + ", " + id + ": " + op;

      @Nullable Reason expected = model.apply(id, op);
      @Nullable Reason actual = null;
      try {
        boolean fresh = ledger.posting(id).isEmpty();
        ledger.apply(id, op);
        if (fresh) {
          appliedCount++;
          usedIds.add(id);
        }
      } catch (LedgerException e) {
        actual = e.reason();
        refusals.merge(actual, 1, Integer::sum);
      }
      assertThat(actual).as("outcome at %s", where).isEqualTo(expected);
      assertThat(ledger.balances()).as("balances at %s", where).isEqualTo(model.nonZeroBalances());
      LedgerSnapshot snapshot = ledger.snapshot();
      assertThat(snapshot.jobs().keySet()).as("jobs at %s", where).isEqualTo(model.jobs.keySet());
      for (JobState j : snapshot.jobs().values()) {
        NaiveLedger.Job m = java.util.Objects.requireNonNull(model.jobs.get(j.jobId()));
        assertThat(j.open()).as("job %s open at %s", j.jobId(), where).isEqualTo(m.open);
        assertThat(snapshot.settledTasks().getOrDefault(j.jobId(), new TreeSet<>()))
            .as("job %s settled tasks at %s", j.jobId(), where)
            .isEqualTo(m.settled);
      }
      try {
        LedgerInvariants.check(snapshot);
      } catch (IllegalStateException e) {
        throw new AssertionError("invariant broken at " + where, e);
      }
    }
    System.out.println(
        "LedgerRandomTest seed " + seed + ": " + appliedCount + " postings, refusals " + refusals);
    // The generator must reach the interesting paths, or the agreement above proves little.
    assertThat(appliedCount).as("seed %s", seed).isGreaterThan(STEPS / 4);
    assertThat(ledger.postings())
        .as("seed %s: every kind of operation was applied", seed)
        .extracting(p -> p.operation().getClass().getSimpleName())
        .contains(
            "Deposit",
            "Withdraw",
            "Bond",
            "Unbond",
            "EscrowJob",
            "LockStake",
            "ReleaseStake",
            "Reward",
            "Slash",
            "CloseJob");
    assertThat(refusals.keySet())
        .as("seed %s", seed)
        .contains(
            Reason.INSUFFICIENT_FUNDS,
            Reason.CONFLICTING_REPLAY,
            Reason.TASK_ALREADY_SETTLED,
            Reason.NO_STAKE_LOCK,
            Reason.JOB_CLOSED);
  }

  private static Operation randomOperation(SeededRandomSource r, NaiveLedger model) {
    NodeId node = pick(r, NODES);
    List<String> open =
        model.jobs.entrySet().stream()
            .filter(e -> e.getValue().open)
            .map(e -> e.getKey())
            .sorted()
            .toList();
    // Mostly an open job; else a fresh or unknown id, or any job ever seen.
    long roll = r.nextLong(10);
    String job =
        roll < 7 && !open.isEmpty()
            ? pick(r, open)
            : roll < 9
                ? "j" + (model.jobs.size() + r.nextLong(2))
                : "j" + r.nextLong(model.jobs.size() + 1);
    String task = pick(r, TASKS);
    List<StakeLock> locks = model.locks.keySet().stream().sorted().toList();
    int kind = (int) r.nextLong(11);
    if ((kind == 7 || kind == 9) && !locks.isEmpty() && r.nextLong(4) != 0) {
      StakeLock held = pick(r, locks);
      node = held.node();
      job = held.jobId();
      task = held.taskId();
    }
    NaiveLedger.Job m = model.jobs.get(job);
    return switch (kind) {
      case 0, 1 -> new Deposit(node, positive(r, 200));
      case 2 -> new Withdraw(node, positive(r, 60));
      case 3 -> new Bond(node, positive(r, 80));
      case 4 -> new Unbond(node, positive(r, 40));
      case 5 -> {
        SlashSplit split =
            r.nextLong(2) == 0 ? Fixtures.SPLIT : new SlashSplit(3_333, 3_334, 3_333);
        JobTerms terms =
            new JobTerms(
                amount(r, 10), amount(r, 3), 1 + (int) r.nextLong(4), amount(r, 30), split);
        yield new EscrowJob(job, node, terms);
      }
      case 6 -> {
        Amount stake =
            m != null && r.nextLong(4) != 0
                ? Amount.of(Math.max(1, m.minStake + r.nextLong(3) - 1))
                : positive(r, 40);
        yield new LockStake(node, job, task, stake);
      }
      case 7 -> {
        long held = model.lock(node, job, task);
        Amount amount = held > 0 && r.nextLong(5) != 0 ? Amount.of(held) : positive(r, 40);
        yield new ReleaseStake(node, job, task, amount);
      }
      case 8 -> {
        long reward = m != null ? m.reward : 0;
        long fee = m != null ? m.fee : 0;
        Amount amount = Amount.of(r.nextLong(5) == 0 ? reward + 1 : r.nextLong(reward + 1));
        List<Fee> fees = new ArrayList<>();
        NodeId v1 = pick(r, NODES);
        if (!v1.equals(node)) {
          long f1 = r.nextLong(fee / 2 + 1);
          fees.add(new Fee(v1, Amount.of(f1)));
          NodeId v2 = pick(r, NODES);
          if (!v2.equals(node) && !v2.equals(v1)) {
            fees.add(new Fee(v2, Amount.of(r.nextLong(fee - f1 + 2))));
          }
        }
        yield new Reward(job, task, node, amount, fees);
      }
      case 9 -> {
        long held = model.lock(node, job, task);
        NodeId requester = m != null && r.nextLong(6) != 0 ? m.requester : pick(r, NODES);
        SlashSplit split = m != null && r.nextLong(8) != 0 ? m.split : Fixtures.SPLIT;
        Amount amount =
            held > 0 && r.nextLong(6) != 0 ? Amount.of(1 + r.nextLong(held)) : positive(r, 40);
        NodeId challenger = pick(r, NODES);
        yield new Slash(
            job,
            task,
            node,
            amount,
            requester,
            challenger.equals(node) || r.nextLong(3) == 0 ? null : challenger,
            split);
      }
      default -> {
        NodeId requester = m != null && r.nextLong(6) != 0 ? m.requester : node;
        yield new CloseJob(job, requester);
      }
    };
  }

  private static <T> T pick(SeededRandomSource r, List<T> items) {
    return items.get((int) r.nextLong(items.size()));
  }

  /** Up to {@code credits} credits, often with odd micro-units to exercise rounding. */
  private static Amount amount(SeededRandomSource r, long credits) {
    long units = r.nextLong(credits * Amount.UNITS_PER_CREDIT + 1);
    return Amount.of(r.nextLong(2) == 0 ? units : units - units % Amount.UNITS_PER_CREDIT);
  }

  private static Amount positive(SeededRandomSource r, long credits) {
    Amount a = amount(r, credits);
    return a.isZero() ? Amount.of(1) : a;
  }
}
