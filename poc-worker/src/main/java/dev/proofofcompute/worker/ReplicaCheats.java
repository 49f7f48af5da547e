package dev.proofofcompute.worker;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.protocol.ProtocolException;
import dev.proofofcompute.protocol.ProviderBehaviour;
import dev.proofofcompute.protocol.ProviderContext;
import dev.proofofcompute.protocol.ProviderSession;
import dev.proofofcompute.protocol.SchemeProtocol;
import dev.proofofcompute.protocol.TaskSpec;
import dev.proofofcompute.schemes.replication.CommittedResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The replication cheats that need more than one provider's view: {@code collude:GROUP} and {@code
 * copycat}. Both speak the replication wire format of {@link
 * dev.proofofcompute.protocol.ReplicationProtocol}: commitment {@code {"task", "commitment":
 * H(taskId || providerId || salt || output)}}, reveal {@code {"task", "salt", "output"}}.
 *
 * <p><b>Collusion.</b> The members of a group agree, without talking, on one wrong output per job:
 * the protocol's own wrong value for a pseudo-task {@code H(group || jobId)} with a seed derived
 * from the group, so each member computes the same bytes. Each then seals that output under its own
 * id and salt (a commitment copied from another member would not open for the copier). A colluding
 * majority of a job's replicas therefore wins the quorum: replication's documented limit ("catches
 * any wrong result unless a majority colludes", DESIGN.md §2). A colluding minority is outvoted and
 * slashed.
 *
 * <p><b>Copycat.</b> It must commit before the coordinator sends any reveal challenge, and no
 * replica's output is visible before every replica has committed, so there is nothing to copy when
 * it commits: it commits to a made-up result. If it finds another replica's output later and
 * reveals that instead, the reveal does not open its own commitment ({@code COMMITMENT_MISMATCH});
 * if it reveals the made-up result, it is outvoted. Either way it is slashed.
 */
final class ReplicaCheats {
  private static final String GROUP_TAG = "poc/worker/collude/v1";

  private ReplicaCheats() {}

  /** The session of a member of {@code group} on a replication task. */
  static SealedReplica collude(
      SchemeProtocol protocol,
      TaskSpec task,
      NodeIdentity identity,
      String group,
      RandomSource salt)
      throws ProtocolException {
    byte[] g = group.getBytes(StandardCharsets.UTF_8);
    Digest pseudo = Hashes.hash(GROUP_TAG, g, task.job().jobId().getBytes(StandardCharsets.UTF_8));
    long seed = ByteBuffer.wrap(Hashes.hash(GROUP_TAG + "/seed", g).toByteArray()).getLong();
    TaskSpec shared = new TaskSpec(pseudo.toHex(), task.job(), 0, task.input(), Bytes.EMPTY);
    Bytes wrong = outputOf(protocol, shared, identity, new ProviderBehaviour.Wrong(seed));
    return SealedReplica.seal(task, identity, wrong, salt);
  }

  /** The copycat's session: sealed over a made-up result ({@code wrong} on this task). */
  static SealedReplica madeUp(
      SchemeProtocol protocol, TaskSpec task, NodeIdentity identity, long seed, RandomSource salt)
      throws ProtocolException {
    Bytes made = outputOf(protocol, task, identity, new ProviderBehaviour.Wrong(seed));
    return SealedReplica.seal(task, identity, made, salt);
  }

  /** The output a replication session reveals, through the protocol's own provider side. */
  private static Bytes outputOf(
      SchemeProtocol protocol, TaskSpec task, NodeIdentity identity, ProviderBehaviour behaviour)
      throws ProtocolException {
    ProviderSession s =
        protocol.execute(
            task,
            new ProviderContext(identity, RandomSource.seeded(0), Optional.empty(), behaviour));
    Digest taskId = GrindingSession.taskDigest(task.taskId());
    Bytes reveal = s.respond(CborMap.builder().put("task", taskId).build().encode());
    try {
      return CborDecoder.decodeCanonicalMap(reveal).getBytes("output");
    } catch (DecodingException e) {
      throw new ProtocolException("replication reveal: " + e.getMessage(), e);
    }
  }

  /**
   * A replica sealed over one output, that may reveal another output instead (what a copycat does
   * when it finds one): the reveal then does not open the commitment.
   */
  static final class SealedReplica implements ProviderSession {
    private final CommittedResult sealed;
    private final AtomicReference<Optional<Bytes>> substitute =
        new AtomicReference<>(Optional.empty());

    private SealedReplica(CommittedResult sealed) {
      this.sealed = sealed;
    }

    static SealedReplica seal(TaskSpec task, NodeIdentity identity, Bytes output, RandomSource salt)
        throws ProtocolException {
      return new SealedReplica(
          CommittedResult.seal(
              GrindingSession.taskDigest(task.taskId()), identity.nodeId(), output, salt));
    }

    /** The output this replica committed to. */
    Bytes committedOutput() {
      return sealed.output();
    }

    /** Reveals {@code output} instead of the committed one. */
    void substitute(Bytes output) {
      substitute.set(Optional.of(output));
    }

    @Override
    public Bytes commitment() {
      return CborMap.builder()
          .put("task", sealed.taskId())
          .put("commitment", sealed.commitment().value())
          .build()
          .encode();
    }

    @Override
    public Bytes respond(Bytes challenge) throws ProtocolException {
      try {
        CborMap map = CborDecoder.decodeCanonicalMap(challenge);
        if (!map.getDigest("task").equals(sealed.taskId())) {
          throw new ProtocolException("the challenge is for another task");
        }
      } catch (DecodingException e) {
        throw new ProtocolException("replication challenge: " + e.getMessage(), e);
      }
      return CborMap.builder()
          .put("task", sealed.taskId())
          .put("salt", sealed.salt())
          .put("output", substitute.get().orElse(sealed.output()))
          .build()
          .encode();
    }

    @Override
    public Bytes answerDispute(Bytes request) throws ProtocolException {
      throw new ProtocolException("replication has no disputes");
    }
  }
}
