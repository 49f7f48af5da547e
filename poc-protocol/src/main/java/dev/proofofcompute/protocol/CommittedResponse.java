package dev.proofofcompute.protocol;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.cbor.CborMap;

/**
 * The commitment of the schemes whose response does not depend on the challenge (freivalds, stark,
 * tee): the provider fixes its whole response — output and evidence, a canonical CBOR map that
 * names the task — before the coordinator draws any randomness, and commits to {@code {"task",
 * "digest": H_tag(response)}}. The check then refuses any response that is not the committed one
 * ({@link dev.proofofcompute.core.scheme.Verdict.Reason#COMMITMENT_MISMATCH}).
 */
final class CommittedResponse {
  private CommittedResponse() {}

  static Digest digest(String scheme, Bytes response) {
    return Hashes.hash("poc/protocol/" + scheme + "/response/v1", response);
  }

  static Bytes commitment(String scheme, Digest taskId, Bytes response) {
    return CborMap.builder()
        .put("task", taskId)
        .put("digest", digest(scheme, response))
        .build()
        .encode();
  }

  /** The committed digest, for {@code taskId}. */
  static Digest committedDigest(String scheme, Bytes commitment, Digest taskId)
      throws DecodingException {
    CborMap map = Messages.map(commitment, scheme + " commitment", "task", "digest");
    Messages.requireTask(map, scheme + " commitment", taskId);
    return map.getDigest("digest");
  }

  /** The plain challenge {@code {"task"}} (or {@code {"task", "seed"}} when a seed is given). */
  static Bytes challenge(Digest taskId, Bytes seed) {
    CborMap.Builder b = CborMap.builder().put("task", taskId);
    if (seed.length() > 0) {
      b.put("seed", seed);
    }
    return b.build().encode();
  }

  /** The session of a provider whose response is fixed at execution time. */
  static final class Session implements ProviderSession {
    private final String scheme;
    private final Digest taskId;
    private final Bytes response;

    Session(String scheme, Digest taskId, Bytes response) {
      this.scheme = scheme;
      this.taskId = taskId;
      this.response = response;
    }

    @Override
    public Bytes commitment() {
      return CommittedResponse.commitment(scheme, taskId, response);
    }

    @Override
    public Bytes respond(Bytes challenge) throws ProtocolException {
      try {
        CborMap map =
            Messages.map(
                challenge,
                scheme + " challenge",
                java.util.List.of("task"),
                java.util.List.of("seed"));
        Messages.requireTask(map, scheme + " challenge", taskId);
      } catch (DecodingException e) {
        throw new ProtocolException(String.valueOf(e.getMessage()), e);
      }
      return response;
    }

    @Override
    public Bytes answerDispute(Bytes request) throws ProtocolException {
      throw new ProtocolException(scheme + " has no disputes");
    }
  }
}
