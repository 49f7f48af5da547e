package dev.proofofcompute.ledger;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.money.Amount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A business event that moves value: one of ten records, each an immutable description of intent
 * whose effect {@link LedgerRules#plan} decides against the current balances. Records validate
 * their own shape (positive amounts, valid ids, distinct parties) when built; everything that
 * depends on ledger state is checked by the rules.
 *
 * <p>Contract for storage adapters: {@link #accounts()} lists, sorted and without repeats, every
 * account the operation may debit or credit, so that an adapter can lock exactly those rows, in one
 * global order, before it plans; {@link #affectedJob()} names the job whose state it reads or
 * changes, if any.
 *
 * <p>Encoding: a deterministic CBOR map whose {@code "op"} field names the variant ({@code
 * deposit}, {@code withdraw}, {@code bond}, {@code unbond}, {@code escrow-job}, {@code lock-stake},
 * {@code release-stake}, {@code reward}, {@code slash}, {@code close-job}) and whose other fields
 * are the record's components (see each {@code toCbor}). {@link #fromCbor} is strict: unknown or
 * missing fields, wrong types and invalid values are rejected, so an operation has exactly one
 * encoding and a stored operation replays byte for byte.
 */
public sealed interface Operation {
  /** Most validator fees in one reward. */
  int MAX_VALIDATORS = 256;

  /** Every account this operation may touch, sorted, without repeats. */
  List<AccountId> accounts();

  /** The job whose state this operation reads or changes; empty for plain balance moves. */
  default Optional<String> affectedJob() {
    return Optional.empty();
  }

  /** The canonical CBOR form. */
  CborMap toCbor();

  /** The canonical bytes: {@code toCbor().encode()}. */
  default Bytes toBytes() {
    return toCbor().encode();
  }

  /**
   * Reads {@link #toCbor()} output.
   *
   * @throws DecodingException if {@code value} is not a map, names an unknown operation, or has
   *     missing, unknown, mistyped or invalid fields
   */
  static Operation fromCbor(CborValue value) throws DecodingException {
    if (!(value instanceof CborMap map)) {
      throw new DecodingException("an operation is a CBOR map");
    }
    String op = map.getText("op");
    try {
      return switch (op) {
        case "deposit" -> {
          map.requireOnlyKeys("op", "node", "amount");
          yield new Deposit(LedgerCbor.node(map, "node"), LedgerCbor.amount(map, "amount"));
        }
        case "withdraw" -> {
          map.requireOnlyKeys("op", "node", "amount");
          yield new Withdraw(LedgerCbor.node(map, "node"), LedgerCbor.amount(map, "amount"));
        }
        case "bond" -> {
          map.requireOnlyKeys("op", "node", "amount");
          yield new Bond(LedgerCbor.node(map, "node"), LedgerCbor.amount(map, "amount"));
        }
        case "unbond" -> {
          map.requireOnlyKeys("op", "node", "amount");
          yield new Unbond(LedgerCbor.node(map, "node"), LedgerCbor.amount(map, "amount"));
        }
        case "escrow-job" -> {
          map.requireOnlyKeys("op", "job", "requester", "terms");
          yield new EscrowJob(
              LedgerCbor.id(map, "job", "job id"),
              LedgerCbor.node(map, "requester"),
              LedgerCbor.terms(map.getMap("terms")));
        }
        case "lock-stake" -> {
          map.requireOnlyKeys("op", "node", "job", "task", "amount");
          yield new LockStake(
              LedgerCbor.node(map, "node"),
              LedgerCbor.id(map, "job", "job id"),
              LedgerCbor.id(map, "task", "task id"),
              LedgerCbor.amount(map, "amount"));
        }
        case "release-stake" -> {
          map.requireOnlyKeys("op", "node", "job", "task", "amount");
          yield new ReleaseStake(
              LedgerCbor.node(map, "node"),
              LedgerCbor.id(map, "job", "job id"),
              LedgerCbor.id(map, "task", "task id"),
              LedgerCbor.amount(map, "amount"));
        }
        case "reward" -> {
          map.requireOnlyKeys("op", "job", "task", "provider", "amount", "fees");
          CborArray array = map.getArray("fees");
          if (array.size() > MAX_VALIDATORS) {
            throw new DecodingException("reward: more than " + MAX_VALIDATORS + " fees");
          }
          List<Fee> fees = new ArrayList<>(array.size());
          for (CborValue item : array.items()) {
            if (!(item instanceof CborMap fee)) {
              throw new DecodingException("reward: a fee is a CBOR map");
            }
            fee.requireOnlyKeys("validator", "amount");
            fees.add(new Fee(LedgerCbor.node(fee, "validator"), LedgerCbor.amount(fee, "amount")));
          }
          yield new Reward(
              LedgerCbor.id(map, "job", "job id"),
              LedgerCbor.id(map, "task", "task id"),
              LedgerCbor.node(map, "provider"),
              LedgerCbor.amount(map, "amount"),
              fees);
        }
        case "slash" -> {
          map.requireOnlyKeys(
              "op", "job", "task", "provider", "amount", "requester", "challenger", "split");
          NodeId challenger =
              map.get("challenger").isPresent() ? LedgerCbor.node(map, "challenger") : null;
          yield new Slash(
              LedgerCbor.id(map, "job", "job id"),
              LedgerCbor.id(map, "task", "task id"),
              LedgerCbor.node(map, "provider"),
              LedgerCbor.amount(map, "amount"),
              LedgerCbor.node(map, "requester"),
              challenger,
              LedgerCbor.split(map.getMap("split")));
        }
        case "close-job" -> {
          map.requireOnlyKeys("op", "job", "requester");
          yield new CloseJob(
              LedgerCbor.id(map, "job", "job id"), LedgerCbor.node(map, "requester"));
        }
        default -> throw new DecodingException("unknown operation '" + op + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new DecodingException(op + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses {@link #toBytes()} output.
   *
   * @throws DecodingException on anything but the canonical encoding of an operation
   */
  static Operation parse(Bytes encoded) throws DecodingException {
    return fromCbor(CborDecoder.decodeCanonical(encoded));
  }

  /** Outside world -> the node's available funds. */
  record Deposit(NodeId node, Amount amount) implements Operation {
    public Deposit {
      OperationSupport.positive("deposit", amount);
    }

    @Override
    public List<AccountId> accounts() {
      return OperationSupport.sorted(AccountId.external(), AccountId.available(node));
    }

    @Override
    public CborMap toCbor() {
      return OperationSupport.nodeAmount("deposit", node, amount);
    }
  }

  /** The node's available funds -> outside world. */
  record Withdraw(NodeId node, Amount amount) implements Operation {
    public Withdraw {
      OperationSupport.positive("withdrawal", amount);
    }

    @Override
    public List<AccountId> accounts() {
      return OperationSupport.sorted(AccountId.available(node), AccountId.external());
    }

    @Override
    public CborMap toCbor() {
      return OperationSupport.nodeAmount("withdraw", node, amount);
    }
  }

  /** The node's available funds -> its bonded stake. */
  record Bond(NodeId node, Amount amount) implements Operation {
    public Bond {
      OperationSupport.positive("bond", amount);
    }

    @Override
    public List<AccountId> accounts() {
      return OperationSupport.sorted(AccountId.available(node), AccountId.bonded(node));
    }

    @Override
    public CborMap toCbor() {
      return OperationSupport.nodeAmount("bond", node, amount);
    }
  }

  /** The node's bonded stake (not locked behind any task) -> its available funds. */
  record Unbond(NodeId node, Amount amount) implements Operation {
    public Unbond {
      OperationSupport.positive("unbond", amount);
    }

    @Override
    public List<AccountId> accounts() {
      return OperationSupport.sorted(AccountId.bonded(node), AccountId.available(node));
    }

    @Override
    public CborMap toCbor() {
      return OperationSupport.nodeAmount("unbond", node, amount);
    }
  }

  /**
   * Opens job {@code jobId} with {@code terms}: the requester's available funds -> the job's
   * escrow, the whole {@link JobTerms#budget()}. Job ids are never reused, even after a close.
   */
  record EscrowJob(String jobId, NodeId requester, JobTerms terms) implements Operation {
    public EscrowJob {
      Ids.require("job id", jobId);
    }

    @Override
    public List<AccountId> accounts() {
      return OperationSupport.sorted(AccountId.available(requester), AccountId.escrow(jobId));
    }

    @Override
    public Optional<String> affectedJob() {
      return Optional.of(jobId);
    }

    @Override
    public CborMap toCbor() {
      return CborMap.builder()
          .put("op", "escrow-job")
          .put("job", jobId)
          .put("requester", requester.digest())
          .put("terms", LedgerCbor.terms(terms))
          .build();
    }
  }

  /**
   * A provider takes task {@code taskId} of open job {@code jobId}: its bonded stake -> its locked
   * stake, at least the job's {@link JobTerms#minStake()}. One lock per (node, job, task).
   */
  record LockStake(NodeId node, String jobId, String taskId, Amount amount) implements Operation {
    public LockStake {
      Ids.require("job id", jobId);
      Ids.require("task id", taskId);
      OperationSupport.positive("stake lock", amount);
    }

    @Override
    public List<AccountId> accounts() {
      return OperationSupport.sorted(AccountId.bonded(node), AccountId.locked(node));
    }

    @Override
    public Optional<String> affectedJob() {
      return Optional.of(jobId);
    }

    public StakeLock lock() {
      return new StakeLock(node, jobId, taskId);
    }

    @Override
    public CborMap toCbor() {
      return OperationSupport.stakeMap("lock-stake", node, jobId, taskId, amount);
    }
  }

  /**
   * The stake a provider locked for a task goes back, whole, to its bonded stake: the task was
   * accepted, its lease expired, or its verdict was inconclusive. Never a loss, and allowed even
   * after the job is closed. {@code amount} must equal the lock.
   */
  record ReleaseStake(NodeId node, String jobId, String taskId, Amount amount)
      implements Operation {
    public ReleaseStake {
      Ids.require("job id", jobId);
      Ids.require("task id", taskId);
      OperationSupport.positive("stake release", amount);
    }

    @Override
    public List<AccountId> accounts() {
      return OperationSupport.sorted(AccountId.locked(node), AccountId.bonded(node));
    }

    @Override
    public Optional<String> affectedJob() {
      return Optional.of(jobId);
    }

    public StakeLock lock() {
      return new StakeLock(node, jobId, taskId);
    }

    @Override
    public CborMap toCbor() {
      return OperationSupport.stakeMap("release-stake", node, jobId, taskId, amount);
    }
  }

  /**
   * Settles task {@code taskId} of open job {@code jobId} as accepted: escrow -> the provider's
   * available funds ({@code amount}, at most the job's reward per task) and escrow -> each
   * validator's available funds (together at most the job's fee per task). Whatever the terms
   * allowed and this reward did not pay stays in escrow and is refunded at {@link CloseJob}. A task
   * is settled at most once. Zero amounts are allowed and move nothing.
   */
  record Reward(
      String jobId, String taskId, NodeId provider, Amount amount, List<Fee> validatorFees)
      implements Operation {
    public Reward {
      Ids.require("job id", jobId);
      Ids.require("task id", taskId);
      validatorFees = List.copyOf(validatorFees);
      if (validatorFees.size() > MAX_VALIDATORS) {
        throw new IllegalArgumentException(
            "a reward pays at most " + MAX_VALIDATORS + " validators, got " + validatorFees.size());
      }
      Set<NodeId> seen = new HashSet<>();
      for (Fee fee : validatorFees) {
        if (fee.validator().equals(provider)) {
          throw new IllegalArgumentException(
              "the provider cannot be paid a validator fee on its own task");
        }
        if (!seen.add(fee.validator())) {
          throw new IllegalArgumentException(
              "validator " + fee.validator().shortForm() + " is paid twice");
        }
      }
    }

    @Override
    public List<AccountId> accounts() {
      return Stream.concat(
              Stream.of(AccountId.escrow(jobId), AccountId.available(provider)),
              validatorFees.stream().map(f -> AccountId.available(f.validator())))
          .distinct()
          .sorted()
          .toList();
    }

    @Override
    public Optional<String> affectedJob() {
      return Optional.of(jobId);
    }

    /** The sum of the validator fees. */
    public Amount totalFees() {
      Amount total = Amount.ZERO;
      for (Fee f : validatorFees) {
        total = total.plus(f.amount());
      }
      return total;
    }

    @Override
    public CborMap toCbor() {
      List<CborValue> fees = new ArrayList<>(validatorFees.size());
      for (Fee f : validatorFees) {
        fees.add(
            CborMap.builder()
                .put("validator", f.validator().digest())
                .put("amount", LedgerCbor.amount(f.amount()))
                .build());
      }
      return CborMap.builder()
          .put("op", "reward")
          .put("job", jobId)
          .put("task", taskId)
          .put("provider", provider.digest())
          .put("amount", LedgerCbor.amount(amount))
          .put("fees", new CborArray(fees))
          .build();
    }
  }

  /**
   * A provider was caught (a {@code Rejected} verdict) on task {@code taskId}: {@code amount} of
   * the stake it locked for that task is divided by {@code split} (which must be the job's) between
   * the requester's available funds, the treasury and the challenger's available funds (the
   * treasury when there is no challenger); the rest of that lock returns to the provider's bonded
   * stake, so the lock is gone afterwards.
   *
   * <p>A slash does <b>not</b> settle the task and touches no escrow: the task's budget stays in
   * escrow, to pay an honest provider who redoes the task or to be refunded at {@link CloseJob}.
   */
  record Slash(
      String jobId,
      String taskId,
      NodeId provider,
      Amount amount,
      NodeId requester,
      @Nullable NodeId challenger,
      SlashSplit split)
      implements Operation {
    public Slash {
      Ids.require("job id", jobId);
      Ids.require("task id", taskId);
      OperationSupport.positive("slash", amount);
      if (provider.equals(challenger)) {
        throw new IllegalArgumentException("a provider cannot be the challenger of its own slash");
      }
    }

    public Optional<NodeId> challengerId() {
      return Optional.ofNullable(challenger);
    }

    public StakeLock lock() {
      return new StakeLock(provider, jobId, taskId);
    }

    @Override
    public List<AccountId> accounts() {
      List<AccountId> all = new ArrayList<>();
      all.add(AccountId.locked(provider));
      all.add(AccountId.bonded(provider));
      all.add(AccountId.available(requester));
      all.add(AccountId.treasury());
      if (challenger != null) {
        all.add(AccountId.available(challenger));
      }
      return all.stream().distinct().sorted().toList();
    }

    @Override
    public Optional<String> affectedJob() {
      return Optional.of(jobId);
    }

    @Override
    public CborMap toCbor() {
      CborMap.Builder b =
          CborMap.builder()
              .put("op", "slash")
              .put("job", jobId)
              .put("task", taskId)
              .put("provider", provider.digest())
              .put("amount", LedgerCbor.amount(amount))
              .put("requester", requester.digest())
              .put("split", LedgerCbor.split(split));
      if (challenger != null) {
        b.put("challenger", challenger.digest());
      }
      return b.build();
    }
  }

  /**
   * Closes open job {@code jobId}: whatever is left in its escrow -> the requester's available
   * funds. Unsettled tasks are cancelled; nothing can be paid from the job afterwards.
   */
  record CloseJob(String jobId, NodeId requester) implements Operation {
    public CloseJob {
      Ids.require("job id", jobId);
    }

    @Override
    public List<AccountId> accounts() {
      return OperationSupport.sorted(AccountId.escrow(jobId), AccountId.available(requester));
    }

    @Override
    public Optional<String> affectedJob() {
      return Optional.of(jobId);
    }

    @Override
    public CborMap toCbor() {
      return CborMap.builder()
          .put("op", "close-job")
          .put("job", jobId)
          .put("requester", requester.digest())
          .build();
    }
  }
}
