package dev.proofofcompute.translog.ledger;

import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.ledger.Operation;
import dev.proofofcompute.ledger.OperationId;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.LogEntry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger operations a log entry carries, in its body's {@code "ledger"} field, so that an
 * auditor can replay the money from the log alone:
 *
 * <pre>
 *   body   = { ..., "ledger": [ ledger-op, ... ] }         ; 1 to 16 operations, applied in order
 *   ledger-op = { "id": tstr,                              ; the OperationId (idempotency key)
 *                 "op": operation }                         ; poc-ledger Operation.toCbor()
 * </pre>
 *
 * Which operations an entry of each kind may carry, and whether it must carry one, is fixed here
 * (docs/translog.md, "Ledger operations in entries"): a kind that means money moved must say how,
 * and no entry may move money its kind does not explain (a {@code lease} entry cannot pay a
 * reward).
 */
public final class LedgerEntries {
  /** The body field. */
  public static final String FIELD = "ledger";

  /** Most operations in one entry. */
  public static final int MAX_OPS = 16;

  private record Rule(boolean required, Set<String> ops) {}

  private static final Map<EntryKind, Rule> RULES = new EnumMap<>(EntryKind.class);

  static {
    // A registration may bond the stake it declares (one signed request, one entry).
    RULES.put(EntryKind.NODE_REGISTERED, new Rule(false, Set.of("bond")));
    RULES.put(EntryKind.DEPOSIT, new Rule(true, Set.of("deposit")));
    RULES.put(EntryKind.WITHDRAWAL, new Rule(true, Set.of("withdraw")));
    RULES.put(EntryKind.STAKE, new Rule(true, Set.of("bond", "unbond")));
    RULES.put(EntryKind.JOB_POSTED, new Rule(true, Set.of("escrow-job")));
    RULES.put(EntryKind.JOB_CANCELLED, new Rule(false, Set.of("close-job")));
    RULES.put(EntryKind.LEASE, new Rule(false, Set.of("lock-stake")));
    RULES.put(EntryKind.LEASE_EXPIRED, new Rule(false, Set.of("release-stake")));
    RULES.put(EntryKind.VERDICT, new Rule(false, Set.of("release-stake")));
    RULES.put(EntryKind.SETTLEMENT, new Rule(true, Set.of("reward", "release-stake")));
    RULES.put(EntryKind.SLASH, new Rule(true, Set.of("slash")));
    RULES.put(EntryKind.REFUND, new Rule(true, Set.of("close-job")));
  }

  private LedgerEntries() {}

  /** The wire names of the operations an entry of {@code kind} may carry (empty: none). */
  public static Set<String> allowedOperations(EntryKind kind) {
    Rule rule = RULES.get(kind);
    return rule == null ? Set.of() : rule.ops();
  }

  /** Whether an entry of {@code kind} must carry at least one operation. */
  public static boolean requiresOperations(EntryKind kind) {
    Rule rule = RULES.get(kind);
    return rule != null && rule.required();
  }

  /** The {@code "ledger"} field value for {@code ops}. */
  public static CborArray toCbor(List<LedgerOp> ops) {
    if (ops.isEmpty() || ops.size() > MAX_OPS) {
      throw new IllegalArgumentException(
          "an entry carries 1.." + MAX_OPS + " ledger operations, got " + ops.size());
    }
    List<CborValue> items = new ArrayList<>(ops.size());
    for (LedgerOp op : ops) {
      items.add(
          CborMap.builder().put("id", op.id().value()).put("op", op.operation().toCbor()).build());
    }
    return new CborArray(items);
  }

  /**
   * A body for an entry of {@code kind}: {@code fields} plus the {@code "ledger"} field.
   *
   * @throws IllegalArgumentException when an operation is not one {@code kind} may carry, or {@code
   *     fields} already has a {@code "ledger"} key
   */
  public static CborMap body(EntryKind kind, CborMap fields, List<LedgerOp> ops) {
    for (LedgerOp op : ops) {
      String name = opName(op.operation());
      if (!allowedOperations(kind).contains(name)) {
        throw new IllegalArgumentException(
            "a " + kind.wireName() + " entry cannot carry a " + name + " operation");
      }
    }
    if (fields.get(FIELD).isPresent()) {
      throw new IllegalArgumentException("the body already has a '" + FIELD + "' field");
    }
    List<CborMap.Entry> entries = new ArrayList<>(fields.entries());
    entries.add(new CborMap.Entry(new CborText(FIELD), toCbor(ops)));
    return CborMap.ofEntries(entries);
  }

  /**
   * The operations {@code entry} carries, checked against its kind (empty when it carries none and
   * need not).
   *
   * @throws DecodingException when the field is malformed, an operation does not decode or is not
   *     one the kind may carry, or a kind that must carry operations carries none
   */
  public static List<LedgerOp> read(LogEntry entry) throws DecodingException {
    EntryKind kind = entry.kind();
    Optional<CborValue> field = entry.body().get(FIELD);
    if (field.isEmpty()) {
      if (requiresOperations(kind)) {
        throw new DecodingException(
            "a " + kind.wireName() + " entry must carry its ledger operations in '" + FIELD + "'");
      }
      return List.of();
    }
    if (!(field.get() instanceof CborArray array)) {
      throw new DecodingException("'" + FIELD + "' is not an array");
    }
    if (array.size() == 0 || array.size() > MAX_OPS) {
      throw new DecodingException(
          "'" + FIELD + "' holds 1.." + MAX_OPS + " operations, got " + array.size());
    }
    List<LedgerOp> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      if (!(array.get(i) instanceof CborMap map)) {
        throw new DecodingException("ledger operation " + i + " is not a map");
      }
      map.requireOnlyKeys("id", "op");
      OperationId id;
      try {
        id = OperationId.of(map.getText("id"));
      } catch (IllegalArgumentException e) {
        throw new DecodingException("ledger operation " + i + ": " + e.getMessage(), e);
      }
      Operation op;
      try {
        op = Operation.fromCbor(map.getMap("op"));
      } catch (DecodingException e) {
        throw new DecodingException(
            "ledger operation " + i + " (" + id + "): " + e.getMessage(), e);
      }
      String name = opName(op);
      if (!allowedOperations(kind).contains(name)) {
        throw new DecodingException(
            "a " + kind.wireName() + " entry cannot carry a " + name + " operation (" + id + ")");
      }
      out.add(new LedgerOp(id, op));
    }
    return out;
  }

  /** The wire name of an operation, e.g. {@code "escrow-job"}. */
  public static String opName(Operation op) {
    return switch (op) {
      case Operation.Deposit d -> "deposit";
      case Operation.Withdraw w -> "withdraw";
      case Operation.Bond b -> "bond";
      case Operation.Unbond u -> "unbond";
      case Operation.EscrowJob e -> "escrow-job";
      case Operation.LockStake l -> "lock-stake";
      case Operation.ReleaseStake r -> "release-stake";
      case Operation.Reward r -> "reward";
      case Operation.Slash s -> "slash";
      case Operation.CloseJob c -> "close-job";
    };
  }
}
