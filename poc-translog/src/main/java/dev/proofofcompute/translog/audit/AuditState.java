package dev.proofofcompute.translog.audit;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborLimits;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.translog.SignedTreeHead;

/**
 * What an auditor remembers between audits: the largest signed tree head it has checked. The next
 * audit demands a consistency proof from it to whatever the log shows then, so a coordinator that
 * rolls the log back or rewrites its history is caught even if every head it serves afterwards is
 * internally consistent. The head keeps its signature, so the state file is evidence on its own.
 *
 * <pre>
 *   state = { "v": 1, "head": signed tree head map }      (deterministic CBOR)
 * </pre>
 */
public record AuditState(SignedTreeHead head) {
  public static final int VERSION = 1;

  private static final int MAX_ENCODED_BYTES = 512;

  /** The canonical encoding, for a state file. */
  public Bytes encode() {
    return CborMap.builder().put("v", VERSION).put("head", head.toCbor()).build().encode();
  }

  /**
   * Parses {@link #encode()} output strictly. The head's signature is checked by the auditor, not
   * here.
   *
   * @throws DecodingException on anything else
   */
  public static AuditState decode(Bytes encoded) throws DecodingException {
    if (encoded.length() > MAX_ENCODED_BYTES) {
      throw new DecodingException(
          "audit state of " + encoded.length() + " bytes exceeds " + MAX_ENCODED_BYTES);
    }
    CborValue value =
        CborDecoder.decodeCanonical(encoded, new CborLimits(MAX_ENCODED_BYTES, 3, 32));
    if (!(value instanceof CborMap map)) {
      throw new DecodingException("audit state: expected a CBOR map");
    }
    map.requireOnlyKeys("v", "head");
    long version = map.getLong("v");
    if (version != VERSION) {
      throw new DecodingException("audit state: version " + version + " is not supported");
    }
    try {
      return new AuditState(SignedTreeHead.fromCbor(map.getMap("head")));
    } catch (DecodingException e) {
      throw new DecodingException("audit state: " + e.getMessage(), e);
    }
  }
}
