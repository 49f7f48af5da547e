package dev.proofofcompute.coordinator.service;

import dev.proofofcompute.crypto.identity.NodePublicKey;
import java.time.Duration;
import java.util.Optional;

/**
 * The tunable rules of the lifecycle. Defaults ({@link #defaults()}) suit a laptop demo and the
 * tests; a production deployment sets deposits to {@link DepositPolicy#OPERATOR}.
 *
 * @param leaseDuration how long a node holds a task before it lapses (heartbeats extend it)
 * @param maxLongPoll the longest a lease request waits for work
 * @param freshnessWindow how far a request's timestamp may be from the coordinator's clock
 * @param disputeAnswerWindow how long a party has to answer a dispute request
 * @param deposits who may credit deposits
 * @param operator the operator's public key (may deposit to anyone, read anything); empty for none
 * @param throttleAt failure points at which a node is throttled
 * @param suspendAt failure points at which a node is suspended
 * @param throttleBase how long a throttle lasts per failure point
 * @param maxValidationsPerTask how many validator attempts one check may use before it is
 *     inconclusive
 * @param minCheckFloor the lowest check probability adaptive replication may be given
 */
public record ServiceSettings(
    Duration leaseDuration,
    Duration maxLongPoll,
    Duration freshnessWindow,
    Duration disputeAnswerWindow,
    DepositPolicy deposits,
    Optional<NodePublicKey> operator,
    int throttleAt,
    int suspendAt,
    Duration throttleBase,
    int maxValidationsPerTask,
    double minCheckFloor) {

  /** Failure points of a rejected (provably wrong) result. */
  public static final int REJECTION_POINTS = 3;

  /** Failure points of a lapsed lease or an unanswered dispute request. */
  public static final int LAPSE_POINTS = 1;

  /** Who may credit deposits. */
  public enum DepositPolicy {
    /** Any node may deposit to its own account (demos, tests, testnets). */
    OPEN,
    /** Only the operator may deposit, to any node (the operator bridges real payments). */
    OPERATOR
  }

  public ServiceSettings {
    positive("leaseDuration", leaseDuration);
    positive("maxLongPoll", maxLongPoll);
    positive("freshnessWindow", freshnessWindow);
    positive("disputeAnswerWindow", disputeAnswerWindow);
    positive("throttleBase", throttleBase);
    if (throttleAt < 1 || suspendAt <= throttleAt) {
      throw new IllegalArgumentException("need 1 <= throttleAt < suspendAt");
    }
    if (maxValidationsPerTask < 1) {
      throw new IllegalArgumentException("maxValidationsPerTask must be >= 1");
    }
    if (!(minCheckFloor > 0 && minCheckFloor <= 1)) {
      throw new IllegalArgumentException("minCheckFloor must be in (0, 1]");
    }
    if (deposits == DepositPolicy.OPERATOR && operator.isEmpty()) {
      throw new IllegalArgumentException("operator deposits need an operator node id");
    }
  }

  /** Defaults: 60 s leases, 20 s long-polls, 60 s freshness, open deposits. */
  public static ServiceSettings defaults() {
    return new ServiceSettings(
        Duration.ofSeconds(60),
        Duration.ofSeconds(20),
        Duration.ofSeconds(60),
        Duration.ofSeconds(60),
        DepositPolicy.OPEN,
        Optional.empty(),
        3,
        9,
        Duration.ofSeconds(10),
        3,
        0.01);
  }

  public ServiceSettings withLeaseDuration(Duration d) {
    return new ServiceSettings(
        d,
        maxLongPoll,
        freshnessWindow,
        disputeAnswerWindow,
        deposits,
        operator,
        throttleAt,
        suspendAt,
        throttleBase,
        maxValidationsPerTask,
        minCheckFloor);
  }

  public ServiceSettings withMaxLongPoll(Duration d) {
    return new ServiceSettings(
        leaseDuration,
        d,
        freshnessWindow,
        disputeAnswerWindow,
        deposits,
        operator,
        throttleAt,
        suspendAt,
        throttleBase,
        maxValidationsPerTask,
        minCheckFloor);
  }

  public ServiceSettings withDisputeAnswerWindow(Duration d) {
    return new ServiceSettings(
        leaseDuration,
        maxLongPoll,
        freshnessWindow,
        d,
        deposits,
        operator,
        throttleAt,
        suspendAt,
        throttleBase,
        maxValidationsPerTask,
        minCheckFloor);
  }

  public ServiceSettings withOperatorDeposits(NodePublicKey operatorKey) {
    return new ServiceSettings(
        leaseDuration,
        maxLongPoll,
        freshnessWindow,
        disputeAnswerWindow,
        DepositPolicy.OPERATOR,
        Optional.of(operatorKey),
        throttleAt,
        suspendAt,
        throttleBase,
        maxValidationsPerTask,
        minCheckFloor);
  }

  public ServiceSettings withOperator(NodePublicKey operatorKey) {
    return new ServiceSettings(
        leaseDuration,
        maxLongPoll,
        freshnessWindow,
        disputeAnswerWindow,
        deposits,
        Optional.of(operatorKey),
        throttleAt,
        suspendAt,
        throttleBase,
        maxValidationsPerTask,
        minCheckFloor);
  }

  private static void positive(String name, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
