package dev.proofofcompute.ledger;

import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.ledger.LedgerException.Reason;
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
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A deliberately naive reference model of the ledger for differential testing: balances as a map of
 * account strings to signed longs changed in place, no transfers, no shared code with {@link
 * LedgerRules} beyond the operation records. Each rule is written out again, in the documented
 * check order, so a disagreement with {@link Ledger} points at a bug in one of them.
 */
final class NaiveLedger {
  static final class Job {
    final NodeId requester;
    final long reward;
    final long fee;
    final int tasks;
    final long minStake;
    final SlashSplit split;
    final Set<String> settled = new HashSet<>();
    boolean open = true;

    Job(NodeId requester, JobTerms terms) {
      this.requester = requester;
      this.reward = terms.rewardPerTask().units();
      this.fee = terms.validatorFeePerTask().units();
      this.tasks = terms.tasks();
      this.minStake = terms.minStake().units();
      this.split = terms.split();
    }
  }

  final Map<String, Long> balances = new HashMap<>();
  final Map<String, Job> jobs = new HashMap<>();
  final Map<StakeLock, Long> locks = new HashMap<>();
  final Map<OperationId, Operation> applied = new HashMap<>();

  /** Applies {@code op}; returns the reason it is refused, or null if it was applied. */
  @Nullable Reason apply(OperationId id, Operation op) {
    Operation earlier = applied.get(id);
    if (earlier != null) {
      return earlier.equals(op) ? null : Reason.CONFLICTING_REPLAY;
    }
    Reason refused = applyNew(op);
    if (refused == null) {
      applied.put(id, op);
    }
    return refused;
  }

  long lock(NodeId node, String job, String task) {
    return locks.getOrDefault(new StakeLock(node, job, task), 0L);
  }

  private @Nullable Reason applyNew(Operation op) {
    return switch (op) {
      case Deposit d -> {
        long outstanding = -get("external");
        if (outstanding > Long.MAX_VALUE - d.amount().units()) {
          yield Reason.AMOUNT_OVERFLOW;
        }
        yield move("external", avail(d.node()), d.amount().units());
      }
      case Withdraw w -> move(avail(w.node()), "external", w.amount().units());
      case Bond b -> move(avail(b.node()), bonded(b.node()), b.amount().units());
      case Unbond u -> move(bonded(u.node()), avail(u.node()), u.amount().units());
      case EscrowJob e -> {
        if (jobs.containsKey(e.jobId())) {
          yield Reason.JOB_EXISTS;
        }
        Reason r = move(avail(e.requester()), escrow(e.jobId()), e.terms().budget().units());
        if (r == null) {
          jobs.put(e.jobId(), new Job(e.requester(), e.terms()));
        }
        yield r;
      }
      case LockStake l -> {
        Job job = jobs.get(l.jobId());
        if (job == null) {
          yield Reason.UNKNOWN_JOB;
        }
        if (!job.open) {
          yield Reason.JOB_CLOSED;
        }
        if (job.settled.contains(l.taskId())) {
          yield Reason.TASK_ALREADY_SETTLED;
        }
        if (l.amount().units() < job.minStake) {
          yield Reason.STAKE_BELOW_MINIMUM;
        }
        StakeLock key = new StakeLock(l.node(), l.jobId(), l.taskId());
        if (locks.containsKey(key)) {
          yield Reason.STAKE_ALREADY_LOCKED;
        }
        Reason r = move(bonded(l.node()), locked(l.node()), l.amount().units());
        if (r == null) {
          locks.put(key, l.amount().units());
        }
        yield r;
      }
      case ReleaseStake r -> {
        StakeLock key = new StakeLock(r.node(), r.jobId(), r.taskId());
        Long held = locks.get(key);
        if (held == null) {
          yield Reason.NO_STAKE_LOCK;
        }
        if (held != r.amount().units()) {
          yield Reason.STAKE_LOCK_MISMATCH;
        }
        locks.remove(key);
        yield move(locked(r.node()), bonded(r.node()), held);
      }
      case Reward r -> {
        Job job = jobs.get(r.jobId());
        if (job == null) {
          yield Reason.UNKNOWN_JOB;
        }
        if (!job.open) {
          yield Reason.JOB_CLOSED;
        }
        if (job.settled.contains(r.taskId())) {
          yield Reason.TASK_ALREADY_SETTLED;
        }
        if (job.settled.size() == job.tasks) {
          yield Reason.ALL_TASKS_SETTLED;
        }
        if (r.amount().units() > job.reward) {
          yield Reason.EXCEEDS_TERMS;
        }
        long fees = 0;
        for (Fee f : r.validatorFees()) {
          fees += f.amount().units();
        }
        if (fees > job.fee) {
          yield Reason.EXCEEDS_TERMS;
        }
        if (get(escrow(r.jobId())) < r.amount().units() + fees) {
          yield Reason.INSUFFICIENT_FUNDS;
        }
        move(escrow(r.jobId()), avail(r.provider()), r.amount().units());
        for (Fee f : r.validatorFees()) {
          move(escrow(r.jobId()), avail(f.validator()), f.amount().units());
        }
        job.settled.add(r.taskId());
        yield null;
      }
      case Slash s -> {
        Job job = jobs.get(s.jobId());
        if (job == null) {
          yield Reason.UNKNOWN_JOB;
        }
        if (!job.requester.equals(s.requester())) {
          yield Reason.WRONG_REQUESTER;
        }
        if (!job.split.equals(s.split())) {
          yield Reason.TERMS_MISMATCH;
        }
        StakeLock key = new StakeLock(s.provider(), s.jobId(), s.taskId());
        Long held = locks.get(key);
        if (held == null) {
          yield Reason.NO_STAKE_LOCK;
        }
        long amount = s.amount().units();
        if (amount > held) {
          yield Reason.SLASH_EXCEEDS_STAKE;
        }
        long toRequester = share(amount, s.split().requesterBps());
        long toChallenger = share(amount, s.split().challengerBps());
        long toTreasury = amount - toRequester - toChallenger;
        String from = locked(s.provider());
        move(from, avail(s.requester()), toRequester);
        if (s.challenger() != null) {
          move(from, avail(s.challenger()), toChallenger);
        } else {
          move(from, "treasury", toChallenger);
        }
        move(from, "treasury", toTreasury);
        move(from, bonded(s.provider()), held - amount);
        locks.remove(key);
        yield null;
      }
      case CloseJob c -> {
        Job job = jobs.get(c.jobId());
        if (job == null) {
          yield Reason.UNKNOWN_JOB;
        }
        if (!job.requester.equals(c.requester())) {
          yield Reason.WRONG_REQUESTER;
        }
        if (!job.open) {
          yield Reason.JOB_CLOSED;
        }
        move(escrow(c.jobId()), avail(c.requester()), get(escrow(c.jobId())));
        job.open = false;
        yield null;
      }
    };
  }

  /** The non-zero balances, keyed and typed like {@link Ledger#balances()}. */
  Map<AccountId, Long> nonZeroBalances() {
    TreeMap<AccountId, Long> out = new TreeMap<>();
    balances.forEach((k, v) -> {
      if (v != 0) {
        out.put(AccountId.parse(k), v);
      }
    });
    return out;
  }

  private static long share(long amount, int bps) {
    return BigInteger.valueOf(amount)
        .multiply(BigInteger.valueOf(bps))
        .divide(BigInteger.valueOf(10_000))
        .longValueExact();
  }

  private long get(String account) {
    return balances.getOrDefault(account, 0L);
  }

  private @Nullable Reason move(String from, String to, long units) {
    if (!from.equals("external") && get(from) < units) {
      return Reason.INSUFFICIENT_FUNDS;
    }
    balances.put(from, get(from) - units);
    balances.put(to, get(to) + units);
    return null;
  }

  private static String avail(NodeId n) {
    return "node:" + n.toHex() + ":available";
  }

  private static String bonded(NodeId n) {
    return "node:" + n.toHex() + ":bonded";
  }

  private static String locked(NodeId n) {
    return "node:" + n.toHex() + ":locked";
  }

  private static String escrow(String job) {
    return "job:" + job + ":escrow";
  }
}
