package dev.proofofcompute.protocol;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;

/** The result of checking one task's evidence. */
public sealed interface TaskCheck
    permits TaskCheck.Verified, TaskCheck.Failed, TaskCheck.NeedsValidation, TaskCheck.Unresolved {

  /** The evidence is consistent; {@code output} is the provider's claimed output bytes. */
  record Verified(Bytes output, String detail) implements TaskCheck {}

  /** The provider's own evidence proves it wrong: a slashable verdict. */
  record Failed(Verdict.Rejected verdict) implements TaskCheck {}

  /**
   * Re-execution is needed; {@code work} goes to a validator node ({@link
   * SchemeProtocol#validate}).
   */
  record NeedsValidation(Bytes work, String detail) implements TaskCheck {}

  /**
   * Nothing provable either way (for example a validator report that fails its own canaries); the
   * caller retries the validation or the task, and slashes nobody.
   */
  record Unresolved(String detail) implements TaskCheck {}

  /**
   * The check a scheme verifier's verdict on {@code output} amounts to: accepted is verified,
   * rejected is failed (slashable), inconclusive is unresolved.
   */
  static TaskCheck of(Verdict verdict, Bytes output) {
    return switch (verdict) {
      case Verdict.Accepted a -> new Verified(output, a.detail());
      case Verdict.Rejected r -> new Failed(r);
      case Verdict.Inconclusive i -> new Unresolved(i.detail());
    };
  }
}
