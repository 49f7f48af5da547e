package dev.proofofcompute.worker;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.protocol.JobSpec;
import dev.proofofcompute.protocol.ProtocolException;
import dev.proofofcompute.protocol.ProviderContext;
import dev.proofofcompute.protocol.ProviderSession;
import dev.proofofcompute.protocol.SchemeProtocol;
import dev.proofofcompute.protocol.TaskSpec;
import dev.proofofcompute.protocol.WorkloadCatalog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a worker of a given {@link Behaviour} produces for a task: the provider session (through the
 * job's {@link SchemeProtocol}, or one of the worker's own cheat sessions) and the validator
 * report. Pure functions of their arguments; the agent does the I/O around them.
 */
final class Strategies {
  private Strategies() {}

  /**
   * The seed of a cheat on one task: the worker's seed mixed with the task id, so that a cheater
   * fakes different things on different tasks and a seeded run replays exactly.
   */
  static long taskSeed(long seed, String taskId) {
    byte[] h =
        dev.proofofcompute.crypto.Hashes.hash(
                "poc/worker/cheat-seed/v1",
                ByteBuffer.allocate(8).putLong(seed).array(),
                taskId.getBytes(StandardCharsets.UTF_8))
            .toByteArray();
    return ByteBuffer.wrap(h).getLong();
  }

  /**
   * Runs {@code task} the way {@code behaviour} does.
   *
   * @param salts where commitment salts come from (a secure source for real workers)
   */
  static ProviderSession execute(
      SchemeProtocol protocol,
      WorkloadCatalog catalog,
      TaskSpec task,
      NodeIdentity identity,
      Behaviour behaviour,
      long seed,
      RandomSource salts)
      throws ProtocolException {
    long s = taskSeed(seed, task.taskId());
    String scheme = protocol.scheme();
    return switch (behaviour) {
      case Behaviour.Grinder g when scheme.equals("spot-check") ->
          GrindingSession.execute(catalog, task, g.fraction(), RandomSource.seeded(s));
      case Behaviour.Collude c when scheme.equals("replication") ->
          ReplicaCheats.collude(protocol, task, identity, c.group(), salts);
      case Behaviour.Copycat c when scheme.equals("replication") ->
          ReplicaCheats.madeUp(protocol, task, identity, s, salts);
      default ->
          protocol.execute(
              task,
              new ProviderContext(
                  identity, salts, Optional.empty(), behaviour.protocolBehaviour(s)));
    };
  }

  /** The validator report {@code behaviour} gives on {@code work}. */
  static Bytes validate(SchemeProtocol protocol, JobSpec job, Bytes work, Behaviour behaviour)
      throws ProtocolException {
    if (behaviour instanceof Behaviour.LazyValidator) {
      Optional<Bytes> echo = echoClaims(work);
      if (echo.isPresent()) {
        return echo.get();
      }
    }
    return protocol.validate(job, work);
  }

  /**
   * The lazy validator's report: approves every claim without recomputing it, i.e. reports the
   * provider's claimed outputs as its own. Applies to work shaped {@code {"task", "items":
   * [{"input", "claimed"}]}} (spot-check recomputation); other work is done honestly, since there
   * is nothing to echo.
   */
  static Optional<Bytes> echoClaims(Bytes work) {
    try {
      CborMap map = CborDecoder.decodeCanonicalMap(work);
      List<CborValue> claimed = new ArrayList<>();
      for (CborValue v : map.getArray("items").items()) {
        if (!(v instanceof CborMap item)) {
          return Optional.empty();
        }
        claimed.add(new CborBytes(item.getBytes("claimed")));
      }
      return Optional.of(
          CborMap.builder()
              .put("task", map.getDigest("task"))
              .put("outputs", new CborArray(claimed))
              .build()
              .encode());
    } catch (DecodingException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
