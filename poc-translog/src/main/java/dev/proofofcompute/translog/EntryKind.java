package dev.proofofcompute.translog;

import dev.proofofcompute.crypto.DecodingException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a log entry records: one kind per state change of the network. The wire form is the
 * lower-case, hyphenated name ({@code NODE_REGISTERED} is {@code "node-registered"}); decoding
 * accepts only the names below, so an auditor never meets a kind it cannot name. A new kind is a
 * new constant here, added at the end of its group.
 */
public enum EntryKind {
  /** A node joined: its public key and role. */
  NODE_REGISTERED,
  /** Money entered an account. */
  DEPOSIT,
  /** Money left an account. */
  WITHDRAWAL,
  /** A provider locked stake. */
  STAKE,
  /** A requester posted a job and paid into escrow. */
  JOB_POSTED,
  /** A job was cancelled before completion. */
  JOB_CANCELLED,
  /** A task was leased to a provider. */
  LEASE,
  /** A lease ran out without a submission. */
  LEASE_EXPIRED,
  /**
   * A provider's commitment to its result (body fields {@code task}, {@code commitment}, read by
   * the randomness audit).
   */
  COMMITMENT,
  /** A provider revealed a committed result (replication). */
  REVEAL,
  /** The coordinator committed to a challenge secret ({@link RandomnessBeacon}). */
  RANDOMNESS_COMMITTED,
  /** The coordinator revealed a challenge secret ({@link RandomnessBeacon}). */
  RANDOMNESS_REVEALED,
  /**
   * A challenge sent to a provider (fields {@code task}, {@code commitment}, {@code randomness}).
   */
  CHALLENGE,
  /** A provider's answer to a challenge. */
  RESPONSE,
  /** A provider opened committed items (spot-check openings, Merkle paths). */
  OPENING,
  /** A validator checked evidence. */
  VALIDATION,
  /** The outcome of a task: accepted, rejected with a reason, or inconclusive. */
  VERDICT,
  /** A dispute (bisection) step. */
  DISPUTE,
  /** Escrow paid out to a provider. */
  SETTLEMENT,
  /** Stake taken from a provider caught cheating. */
  SLASH,
  /** Escrow returned to a requester. */
  REFUND;

  private static final Map<String, EntryKind> BY_WIRE_NAME =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(EntryKind::wireName, Function.identity()));

  /** The name on the wire, e.g. {@code "node-registered"}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The kind whose wire name is {@code wireName}.
   *
   * @throws DecodingException when no kind has that name
   */
  public static EntryKind fromWireName(String wireName) throws DecodingException {
    EntryKind kind = BY_WIRE_NAME.get(wireName);
    if (kind == null) {
      throw new DecodingException("unknown log entry kind '" + abbreviate(wireName) + "'");
    }
    return kind;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
