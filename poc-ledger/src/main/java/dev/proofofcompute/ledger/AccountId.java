package dev.proofofcompute.ledger;

import dev.proofofcompute.crypto.identity.NodeId;
import java.util.Optional;

/**
 * A ledger account, named by its canonical string form:
 *
 * <ul>
 *   <li>{@code node:<64 lower-case hex>:available} — a node's spendable funds (requesters pay from
 *       it, providers and validators are paid into it);
 *   <li>{@code node:<hex>:bonded} — stake the node has posted and that is not behind any task;
 *   <li>{@code node:<hex>:locked} — stake locked behind the tasks the node holds;
 *   <li>{@code job:<job id>:escrow} — a job's budget, paid in when the job is submitted;
 *   <li>{@code treasury} — the operator's share of slashes;
 *   <li>{@code external} — the world outside the ledger: deposits come from it, withdrawals go to
 *       it. It is the only account whose balance may be negative, so that the sum of all balances
 *       is always exactly zero.
 * </ul>
 *
 * <p>The constructor accepts only canonical forms, so two equal accounts have equal strings and a
 * storage adapter can use {@link #value()} as a primary key. Accounts order by their string, which
 * gives adapters one global lock order.
 */
public record AccountId(String value) implements Comparable<AccountId> {
  private static final String TREASURY = "treasury";
  private static final String EXTERNAL = "external";
  private static final String NODE_PREFIX = "node:";
  private static final String JOB_PREFIX = "job:";
  private static final String ESCROW_SUFFIX = ":escrow";
  private static final int HEX_LENGTH = 64;

  /** What an account holds. */
  public enum Kind {
    AVAILABLE("available"),
    BONDED("bonded"),
    LOCKED("locked"),
    ESCROW("escrow"),
    TREASURY("treasury"),
    EXTERNAL("external");

    private final String suffix;

    Kind(String suffix) {
      this.suffix = suffix;
    }
  }

  /**
   * @throws IllegalArgumentException if {@code value} is not the canonical form of an account
   */
  public AccountId {
    kindOf(value);
  }

  /** A node's spendable funds. */
  public static AccountId available(NodeId node) {
    return nodeAccount(node, Kind.AVAILABLE);
  }

  /** Stake a node has posted that no task holds. */
  public static AccountId bonded(NodeId node) {
    return nodeAccount(node, Kind.BONDED);
  }

  /** Stake locked behind the tasks a node holds. */
  public static AccountId locked(NodeId node) {
    return nodeAccount(node, Kind.LOCKED);
  }

  /**
   * A job's escrow.
   *
   * @throws IllegalArgumentException if {@code jobId} is not a valid job id (1 to 128 characters
   *     from {@code [A-Za-z0-9._/-]})
   */
  public static AccountId escrow(String jobId) {
    return new AccountId(JOB_PREFIX + Ids.require("job id", jobId) + ESCROW_SUFFIX);
  }

  /** The treasury. */
  public static AccountId treasury() {
    return new AccountId(TREASURY);
  }

  /** The outside world, the only account that may go negative. */
  public static AccountId external() {
    return new AccountId(EXTERNAL);
  }

  /**
   * Parses a canonical account string.
   *
   * @throws IllegalArgumentException naming the problem if {@code text} is not one
   */
  public static AccountId parse(String text) {
    return new AccountId(text);
  }

  private static AccountId nodeAccount(NodeId node, Kind kind) {
    return new AccountId(NODE_PREFIX + node.toHex() + ":" + kind.suffix);
  }

  public Kind kind() {
    return kindOf(value);
  }

  /** The node owning an available, bonded or locked account; empty for the others. */
  public Optional<NodeId> node() {
    return switch (kind()) {
      case AVAILABLE, BONDED, LOCKED ->
          Optional.of(
              NodeId.fromHex(value.substring(NODE_PREFIX.length(), NODE_PREFIX.length() + 64)));
      default -> Optional.empty();
    };
  }

  /** The job of an escrow account; empty for the others. */
  public Optional<String> jobId() {
    return kind() == Kind.ESCROW
        ? Optional.of(value.substring(JOB_PREFIX.length(), value.length() - ESCROW_SUFFIX.length()))
        : Optional.empty();
  }

  private static Kind kindOf(String value) {
    if (value.equals(TREASURY)) {
      return Kind.TREASURY;
    }
    if (value.equals(EXTERNAL)) {
      return Kind.EXTERNAL;
    }
    if (value.startsWith(JOB_PREFIX)) {
      if (!value.endsWith(ESCROW_SUFFIX)
          || value.length() <= JOB_PREFIX.length() + ESCROW_SUFFIX.length()) {
        throw invalid(value, "a job account is job:<job id>:escrow");
      }
      String job = value.substring(JOB_PREFIX.length(), value.length() - ESCROW_SUFFIX.length());
      try {
        Ids.require("job id", job);
      } catch (IllegalArgumentException e) {
        throw invalid(value, String.valueOf(e.getMessage()));
      }
      return Kind.ESCROW;
    }
    if (value.startsWith(NODE_PREFIX)) {
      int hexEnd = NODE_PREFIX.length() + HEX_LENGTH;
      if (value.length() <= hexEnd || value.charAt(hexEnd) != ':') {
        throw invalid(value, "a node account is node:<64 lower-case hex>:<kind>");
      }
      for (int i = NODE_PREFIX.length(); i < hexEnd; i++) {
        char c = value.charAt(i);
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
          throw invalid(value, "a node id is 64 lower-case hex characters");
        }
      }
      String suffix = value.substring(hexEnd + 1);
      for (Kind k : new Kind[] {Kind.AVAILABLE, Kind.BONDED, Kind.LOCKED}) {
        if (k.suffix.equals(suffix)) {
          return k;
        }
      }
      throw invalid(value, "a node account's kind is available, bonded or locked");
    }
    throw invalid(value, "an account is node:<hex>:<kind>, job:<id>:escrow, treasury or external");
  }

  private static IllegalArgumentException invalid(String value, String why) {
    String shown = value.length() > 200 ? value.substring(0, 200) + "..." : value;
    return new IllegalArgumentException("not an account id \"" + shown + "\": " + why);
  }

  @Override
  public int compareTo(AccountId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
