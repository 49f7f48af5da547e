package dev.proofofcompute.ledger;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import java.util.ArrayList;
import java.util.List;

/**
 * An applied operation: its idempotency key, the operation, and the transfers the rules planned for
 * it (possibly none, e.g. closing a job whose escrow is empty). The ordered list of postings is the
 * ledger's complete history; {@link Ledger#replay} rebuilds the state from it and checks every
 * posting against the rules.
 *
 * <p>Encoding: {@code {"id": text, "op": operation map, "transfers": [transfer map, ...]}}.
 */
public record Posting(OperationId id, Operation operation, List<Transfer> transfers) {
  /** Most transfers in one posting (a reward to {@link Operation#MAX_VALIDATORS} validators). */
  static final int MAX_TRANSFERS = Operation.MAX_VALIDATORS + 1;

  public Posting {
    transfers = List.copyOf(transfers);
  }

  public CborMap toCbor() {
    List<CborValue> legs = new ArrayList<>(transfers.size());
    for (Transfer t : transfers) {
      legs.add(t.toCbor());
    }
    return CborMap.builder()
        .put("id", id.value())
        .put("op", operation.toCbor())
        .put("transfers", new CborArray(legs))
        .build();
  }

  public Bytes toBytes() {
    return toCbor().encode();
  }

  /**
   * Reads {@link #toCbor()} output. Checks the shape only; whether the transfers are right for the
   * operation is {@link Ledger#replay}'s job.
   *
   * @throws DecodingException on missing, unknown, mistyped or invalid fields
   */
  public static Posting fromCbor(CborValue value) throws DecodingException {
    if (!(value instanceof CborMap map)) {
      throw new DecodingException("a posting is a CBOR map");
    }
    map.requireOnlyKeys("id", "op", "transfers");
    OperationId id;
    try {
      id = new OperationId(map.getText("id"));
    } catch (IllegalArgumentException e) {
      throw new DecodingException("field 'id': " + e.getMessage(), e);
    }
    Operation op = Operation.fromCbor(map.getMap("op"));
    CborArray array = map.getArray("transfers");
    if (array.size() > MAX_TRANSFERS) {
      throw new DecodingException("a posting has at most " + MAX_TRANSFERS + " transfers");
    }
    List<Transfer> transfers = new ArrayList<>(array.size());
    for (CborValue item : array.items()) {
      if (!(item instanceof CborMap t)) {
        throw new DecodingException("a transfer is a CBOR map");
      }
      transfers.add(Transfer.fromCbor(t));
    }
    return new Posting(id, op, transfers);
  }

  /**
   * Parses {@link #toBytes()} output.
   *
   * @throws DecodingException on anything but the canonical encoding of a posting
   */
  public static Posting parse(Bytes encoded) throws DecodingException {
    return fromCbor(CborDecoder.decodeCanonical(encoded));
  }
}
