package dev.proofofcompute.translog.audit;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.RandomnessBeacon;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Checks the {@link RandomnessBeacon} commit-reveal pairs in log order:
 *
 * <ul>
 *   <li>the randomness commitment of a task comes before any provider commitment of that task, and
 *       only once ({@link DiscrepancyKind#RANDOMNESS_ORDER} otherwise: a coordinator that commits
 *       after seeing the provider's commitment, or commits twice, could choose the randomness);
 *   <li>a challenge names a provider commitment logged before it, for a task whose randomness was
 *       committed before it; the provider committed before the secret was revealed;
 *   <li>a reveal opens the commitment, and every challenge's randomness is {@code H_rand(s,
 *       commitment)} ({@link DiscrepancyKind#BAD_REVEAL} otherwise);
 *   <li>no reveal before any provider has committed (the secret would have been public).
 * </ul>
 *
 * A commitment not yet revealed is not a discrepancy: the task may still be running.
 */
public final class RandomnessCheck implements EntryCheck {
  private record Commit(long index, Digest commitment) {}

  private record Reveal(long index, Bytes secret) {}

  private record Challenge(long index, Bytes providerCommitment, Digest randomness) {}

  private final Map<String, Commit> commits = new HashMap<>();
  private final Map<String, Map<Bytes, Long>> providerCommitments = new HashMap<>();
  private final Map<String, Reveal> reveals = new HashMap<>();
  private final Map<String, List<Challenge>> pending = new HashMap<>();

  @Override
  public void check(long index, LogEntry entry, Consumer<Discrepancy> report) {
    try {
      switch (entry.kind()) {
        case RANDOMNESS_COMMITTED -> onCommit(index, entry, report);
        case COMMITMENT -> onProviderCommitment(index, entry);
        case CHALLENGE -> onChallenge(index, entry, report);
        case RANDOMNESS_REVEALED -> onReveal(index, entry, report);
        default -> {}
      }
    } catch (DecodingException e) {
      report.accept(
          Discrepancy.atEntry(
              DiscrepancyKind.MALFORMED_ENTRY,
              index,
              entry.kind().wireName() + " body lacks a beacon field: " + e.getMessage()));
    }
  }

  private void onCommit(long index, LogEntry entry, Consumer<Discrepancy> report)
      throws DecodingException {
    String task = RandomnessBeacon.taskOf(entry.body());
    Digest commitment = entry.body().getDigest("commitment");
    Commit earlier = commits.get(task);
    if (earlier != null) {
      report.accept(
          Discrepancy.atEntry(
              DiscrepancyKind.RANDOMNESS_ORDER,
              index,
              "second randomness commitment for task "
                  + task
                  + " (the first is entry "
                  + earlier.index()
                  + ")"));
      return;
    }
    Map<Bytes, Long> provided = providerCommitments.get(task);
    if (provided != null) {
      long first = provided.values().stream().mapToLong(Long::longValue).min().orElseThrow();
      report.accept(
          Discrepancy.atEntry(
              DiscrepancyKind.RANDOMNESS_ORDER,
              index,
              "randomness for task "
                  + task
                  + " committed after the provider's commitment at entry "
                  + first));
    }
    commits.put(task, new Commit(index, commitment));
  }

  private void onProviderCommitment(long index, LogEntry entry) throws DecodingException {
    String task = RandomnessBeacon.taskOf(entry.body());
    Bytes commitment = entry.body().getBytes("commitment");
    providerCommitments.computeIfAbsent(task, t -> new HashMap<>()).putIfAbsent(commitment, index);
  }

  private void onChallenge(long index, LogEntry entry, Consumer<Discrepancy> report)
      throws DecodingException {
    String task = RandomnessBeacon.taskOf(entry.body());
    Bytes providerCommitment = entry.body().getBytes("commitment");
    Digest randomness = entry.body().getDigest("randomness");
    if (!commits.containsKey(task)) {
      report.accept(
          Discrepancy.atEntry(
              DiscrepancyKind.RANDOMNESS_ORDER,
              index,
              "challenge for task " + task + " without an earlier randomness commitment"));
    }
    Long committedAt = providerCommitments.getOrDefault(task, Map.of()).get(providerCommitment);
    if (committedAt == null) {
      report.accept(
          Discrepancy.atEntry(
              DiscrepancyKind.RANDOMNESS_ORDER,
              index,
              "challenge for task " + task + " names a provider commitment not logged before it"));
    }
    Challenge challenge = new Challenge(index, providerCommitment, randomness);
    Reveal reveal = reveals.get(task);
    if (reveal == null) {
      pending.computeIfAbsent(task, t -> new ArrayList<>()).add(challenge);
      return;
    }
    if (committedAt != null && committedAt > reveal.index()) {
      report.accept(
          Discrepancy.atEntry(
              DiscrepancyKind.RANDOMNESS_ORDER,
              index,
              "the provider commitment of task "
                  + task
                  + " (entry "
                  + committedAt
                  + ") came after the secret was revealed (entry "
                  + reveal.index()
                  + ")"));
    }
    checkRandomness(task, challenge, reveal, report);
  }

  private void onReveal(long index, LogEntry entry, Consumer<Discrepancy> report)
      throws DecodingException {
    String task = RandomnessBeacon.taskOf(entry.body());
    Bytes secret = entry.body().getBytes("secret");
    Commit commit = commits.get(task);
    if (commit == null) {
      report.accept(
          Discrepancy.atEntry(
              DiscrepancyKind.BAD_REVEAL,
              index,
              "secret revealed for task " + task + " without an earlier commitment"));
      return;
    }
    Reveal earlier = reveals.get(task);
    if (earlier != null) {
      if (!earlier.secret().equals(secret)) {
        report.accept(
            Discrepancy.atEntry(
                DiscrepancyKind.BAD_REVEAL,
                index,
                "a second, different secret revealed for task "
                    + task
                    + " (the first at entry "
                    + earlier.index()
                    + ")"));
      }
      return;
    }
    try {
      RandomnessBeacon.verifyReveal(task, commit.commitment(), secret);
    } catch (VerificationException e) {
      report.accept(
          Discrepancy.atEntry(
              DiscrepancyKind.BAD_REVEAL,
              index,
              e.getMessage() + " (committed at entry " + commit.index() + ")"));
      return;
    }
    if (!providerCommitments.containsKey(task)) {
      report.accept(
          Discrepancy.atEntry(
              DiscrepancyKind.RANDOMNESS_ORDER,
              index,
              "secret of task " + task + " revealed before any provider committed"));
    }
    Reveal reveal = new Reveal(index, secret);
    reveals.put(task, reveal);
    List<Challenge> waiting = pending.remove(task);
    if (waiting != null) {
      for (Challenge challenge : waiting) {
        checkRandomness(task, challenge, reveal, report);
      }
    }
  }

  private static void checkRandomness(
      String task, Challenge challenge, Reveal reveal, Consumer<Discrepancy> report) {
    Digest expected =
        RandomnessBeacon.deriveRandomness(reveal.secret(), challenge.providerCommitment());
    if (!expected.equals(challenge.randomness())) {
      report.accept(
          Discrepancy.atEntry(
              DiscrepancyKind.BAD_REVEAL,
              challenge.index(),
              "challenge randomness of task "
                  + task
                  + " is not the one the secret revealed at entry "
                  + reveal.index()
                  + " derives"));
    }
  }
}
