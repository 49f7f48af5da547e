package dev.proofofcompute.protocol;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborLimits;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Strict decoding of the protocol's messages: every message is a deterministic CBOR map with text
 * keys (docs/encoding.md); non-canonical bytes, unknown or missing keys and wrong types are refused
 * with a message that names the message and the field.
 */
final class Messages {
  /** Limits for protocol messages: 64 MiB (outputs and proofs travel inside byte strings). */
  static final CborLimits LIMITS = new CborLimits(64 << 20, 16, 1 << 20);

  private Messages() {}

  /**
   * Decodes a canonical map with exactly the {@code required} keys and optionally {@code optional}
   * ones.
   */
  static CborMap map(Bytes bytes, String what, List<String> required, List<String> optional)
      throws DecodingException {
    CborValue value;
    try {
      value = CborDecoder.decodeCanonical(bytes, LIMITS);
    } catch (DecodingException e) {
      throw new DecodingException(what + ": " + e.getMessage(), e);
    }
    if (!(value instanceof CborMap map)) {
      throw new DecodingException(what + ": expected a CBOR map");
    }
    String[] allowed = new String[required.size() + optional.size()];
    for (int i = 0; i < required.size(); i++) {
      allowed[i] = required.get(i);
    }
    for (int i = 0; i < optional.size(); i++) {
      allowed[required.size() + i] = optional.get(i);
    }
    try {
      map.requireOnlyKeys(allowed);
    } catch (DecodingException e) {
      throw new DecodingException(
          what + ": " + e.getMessage() + "; allowed: " + Arrays.toString(allowed), e);
    }
    Set<String> missing = new HashSet<>();
    for (String key : required) {
      if (map.get(key).isEmpty()) {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      throw new DecodingException(what + ": missing field(s) " + missing);
    }
    return map;
  }

  /** {@link #map(Bytes, String, List, List)} with required keys only. */
  static CborMap map(Bytes bytes, String what, String... required) throws DecodingException {
    return map(bytes, what, List.of(required), List.of());
  }

  /** A task id: lower-case hex of a 32-byte digest. */
  static Digest taskDigest(String taskId) throws ProtocolException {
    if (!taskId.matches("[0-9a-f]{64}")) {
      throw new ProtocolException(
          "a task id is the lower-case hex of a 32-byte digest, got '" + shorten(taskId) + "'");
    }
    return Digest.fromHex(taskId);
  }

  /** The task id of a message, which must be {@code expected}. */
  static void requireTask(CborMap map, String what, Digest expected) throws DecodingException {
    Digest task = map.getDigest("task");
    if (!task.equals(expected)) {
      throw new DecodingException(
          what + " is for task " + task.toHex() + ", not " + expected.toHex());
    }
  }

  /** An int field in {@code [min, max]}. */
  static int intIn(CborMap map, String key, String what, int min, int max)
      throws DecodingException {
    long v;
    try {
      v = map.getLong(key);
    } catch (DecodingException e) {
      throw new DecodingException(what + ": " + e.getMessage(), e);
    }
    if (v < min || v > max) {
      throw new DecodingException(
          what + ": field '" + key + "' = " + v + " is outside " + min + ".." + max);
    }
    return (int) v;
  }

  static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
