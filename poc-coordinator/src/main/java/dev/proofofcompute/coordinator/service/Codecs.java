package dev.proofofcompute.coordinator.service;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborLimits;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.protocol.TaskCheck;

/**
 * The coordinator's stored encodings of a task's check and verdict (deterministic CBOR, in the
 * task's {@code check} and {@code verdict} artifacts), so that a restarted coordinator reads back
 * exactly what it decided.
 *
 * <pre>
 *   check   = {"kind": "verified", "output": bstr, "detail": tstr}
 *           / {"kind": "failed", "reason": tstr (Verdict.Reason name), "detail": tstr}
 *           / {"kind": "needs-validation", "work": bstr, "detail": tstr}
 *           / {"kind": "unresolved", "detail": tstr}
 *   verdict = {"kind": "accepted" / "rejected" / "inconclusive", ? "reason": tstr, "detail": tstr}
 * </pre>
 */
final class Codecs {
  private static final CborLimits LIMITS = new CborLimits(256 << 20, 8, 64);

  private Codecs() {}

  static Bytes encodeCheck(TaskCheck check) {
    CborMap.Builder b = CborMap.builder();
    switch (check) {
      case TaskCheck.Verified v ->
          b.put("kind", "verified").put("output", v.output()).put("detail", v.detail());
      case TaskCheck.Failed f ->
          b.put("kind", "failed")
              .put("reason", f.verdict().reason().name())
              .put("detail", f.verdict().detail());
      case TaskCheck.NeedsValidation n ->
          b.put("kind", "needs-validation").put("work", n.work()).put("detail", n.detail());
      case TaskCheck.Unresolved u -> b.put("kind", "unresolved").put("detail", u.detail());
    }
    return b.build().encode();
  }

  static TaskCheck decodeCheck(Bytes encoded) throws DecodingException {
    if (!(CborDecoder.decodeCanonical(encoded, LIMITS) instanceof CborMap m)) {
      throw new DecodingException("a stored check is a map");
    }
    String kind = m.getText("kind");
    return switch (kind) {
      case "verified" -> new TaskCheck.Verified(m.getBytes("output"), m.getText("detail"));
      case "failed" -> new TaskCheck.Failed(new Verdict.Rejected(reason(m), m.getText("detail")));
      case "needs-validation" ->
          new TaskCheck.NeedsValidation(m.getBytes("work"), m.getText("detail"));
      case "unresolved" -> new TaskCheck.Unresolved(m.getText("detail"));
      default -> throw new DecodingException("unknown check kind " + kind);
    };
  }

  static Bytes encodeVerdict(Verdict verdict) {
    CborMap.Builder b = CborMap.builder().put("detail", verdict.detail());
    switch (verdict) {
      case Verdict.Accepted a -> b.put("kind", "accepted");
      case Verdict.Rejected r -> b.put("kind", "rejected").put("reason", r.reason().name());
      case Verdict.Inconclusive i -> b.put("kind", "inconclusive");
    }
    return b.build().encode();
  }

  static Verdict decodeVerdict(Bytes encoded) throws DecodingException {
    CborMap m = CborDecoder.decodeCanonicalMap(encoded);
    String kind = m.getText("kind");
    return switch (kind) {
      case "accepted" -> new Verdict.Accepted(m.getText("detail"));
      case "rejected" -> new Verdict.Rejected(reason(m), m.getText("detail"));
      case "inconclusive" -> new Verdict.Inconclusive(m.getText("detail"));
      default -> throw new DecodingException("unknown verdict kind " + kind);
    };
  }

  private static Verdict.Reason reason(CborMap m) throws DecodingException {
    String name = m.getText("reason");
    try {
      return Verdict.Reason.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new DecodingException("unknown rejection reason " + name, e);
    }
  }

  /** A short name of a verdict: accepted, rejected or inconclusive. */
  static String kind(Verdict verdict) {
    return switch (verdict) {
      case Verdict.Accepted a -> "accepted";
      case Verdict.Rejected r -> "rejected";
      case Verdict.Inconclusive i -> "inconclusive";
    };
  }
}
