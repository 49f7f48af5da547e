package dev.proofofcompute.coordinator.service;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborFloat;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.ledger.JobTerms;
import dev.proofofcompute.ledger.SlashSplit;
import dev.proofofcompute.schemes.replication.AdaptiveSettings;
import dev.proofofcompute.storage.JobStore;
import java.util.List;
import java.util.Optional;

/**
 * What the coordinator stores as a job's terms (the {@code terms} bytes of the job row): the money
 * terms that went into escrow ({@link JobTerms}: reward and validator fee per task, the most tasks
 * the escrow pays for, minimum stake, slash split), the number of replicas the scheme planned, and,
 * for replication jobs, the adaptive replication settings the requester chose.
 *
 * <p>Encoding, deterministic CBOR: {@code {"reward": uint, "fee": uint, "tasks": uint, "stake":
 * uint, "split": [requesterBps, treasuryBps, challengerBps], "planned": uint, ? "adaptive":
 * {"threshold": uint, "floor": float}}} with amounts in micro-credits.
 *
 * @param plannedReplicas the replicas the scheme's plan asked for
 */
public record JobOptions(JobTerms terms, int plannedReplicas, Optional<AdaptiveSettings> adaptive) {

  public JobOptions {
    if (plannedReplicas < 1 || plannedReplicas > terms.tasks()) {
      throw new IllegalArgumentException(
          "the task budget ("
              + terms.tasks()
              + ") must cover the "
              + plannedReplicas
              + " planned replica(s)");
    }
  }

  /**
   * The task budget of a job that names none: three tasks per planned replica (room for replicas
   * that lapse or fail), at least two, at most {@link JobStore#MAX_REPLICAS}.
   */
  public static int defaultTasks(int plannedReplicas) {
    return Math.min(JobStore.MAX_REPLICAS, Math.max(3 * plannedReplicas, 2));
  }

  public Bytes encode() {
    CborMap.Builder b =
        CborMap.builder()
            .put("reward", terms.rewardPerTask().units())
            .put("fee", terms.validatorFeePerTask().units())
            .put("tasks", terms.tasks())
            .put("stake", terms.minStake().units())
            .put("planned", plannedReplicas)
            .put(
                "split",
                new CborArray(
                    List.of(
                        CborInteger.of(terms.split().requesterBps()),
                        CborInteger.of(terms.split().treasuryBps()),
                        CborInteger.of(terms.split().challengerBps()))));
    adaptive.ifPresent(a ->
        b.put(
            "adaptive",
            CborMap.builder()
                .put("threshold", a.trustThreshold())
                .put("floor", new CborFloat(a.checkFloor()))
                .build()));
    return b.build().encode();
  }

  /**
   * Reads {@link #encode()} output.
   *
   * @throws DecodingException on anything else
   */
  public static JobOptions decode(Bytes encoded) throws DecodingException {
    CborMap m = CborDecoder.decodeCanonicalMap(encoded);
    m.requireOnlyKeys("reward", "fee", "tasks", "stake", "planned", "split", "adaptive");
    CborArray split = m.getArray("split");
    if (split.size() != 3) {
      throw new DecodingException("split has three shares");
    }
    try {
      JobTerms terms =
          new JobTerms(
              Amount.of(m.getLong("reward")),
              Amount.of(m.getLong("fee")),
              Math.toIntExact(m.getLong("tasks")),
              Amount.of(m.getLong("stake")),
              new SlashSplit(bps(split.get(0)), bps(split.get(1)), bps(split.get(2))));
      Optional<AdaptiveSettings> adaptive = Optional.empty();
      Optional<CborMap> a = m.getOptionalMap("adaptive");
      if (a.isPresent()) {
        a.get().requireOnlyKeys("threshold", "floor");
        if (!(a.get().getRequired("floor") instanceof CborFloat(double floor))) {
          throw new DecodingException("adaptive floor is a float");
        }
        adaptive =
            Optional.of(new AdaptiveSettings(Math.toIntExact(a.get().getLong("threshold")), floor));
      }
      return new JobOptions(terms, Math.toIntExact(m.getLong("planned")), adaptive);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new DecodingException("job terms: " + e.getMessage(), e);
    }
  }

  private static int bps(CborValue v) throws DecodingException {
    if (v instanceof CborInteger i
        && i.fitsLong()
        && i.longValueExact() >= 0
        && i.longValueExact() <= SlashSplit.TOTAL_BPS) {
      return (int) i.longValueExact();
    }
    throw new DecodingException("a split share is 0..10000 basis points");
  }
}
