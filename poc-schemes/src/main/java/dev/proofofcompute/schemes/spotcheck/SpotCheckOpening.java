package dev.proofofcompute.schemes.spotcheck;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.crypto.merkle.MultiProof;
import java.util.ArrayList;
import java.util.List;

/**
 * The provider's answer to a challenge: the output bytes of the challenged items, in the ascending
 * order of {@code proof.indices()}, and one batch Merkle proof that they are those leaves of the
 * committed tree.
 *
 * <p>Encoding: the deterministic CBOR map {@code {"task": bstr .size 32, "proof": bstr (the
 * MultiProof encoding), "outputs": [+ bstr]}}.
 */
public record SpotCheckOpening(Digest taskId, List<Bytes> outputs, MultiProof proof) {
  public SpotCheckOpening {
    outputs = List.copyOf(outputs);
    if (outputs.size() != proof.indices().size()) {
      throw new IllegalArgumentException(
          outputs.size() + " outputs for " + proof.indices().size() + " proven indices");
    }
  }

  public CborMap toCbor() {
    List<CborValue> items = new ArrayList<>(outputs.size());
    for (Bytes output : outputs) {
      items.add(new CborBytes(output));
    }
    return CborMap.builder()
        .put("task", taskId)
        .put("outputs", new CborArray(items))
        .put("proof", proof.toBytes())
        .build();
  }

  /** The canonical encoding. */
  public Bytes toBytes() {
    return toCbor().encode();
  }

  /**
   * Reads {@link #toCbor()} output.
   *
   * @throws DecodingException on missing, unknown or mistyped fields, a malformed proof, or a
   *     number of outputs other than the number of proven indices
   */
  public static SpotCheckOpening fromCbor(CborMap map) throws DecodingException {
    map.requireOnlyKeys("task", "outputs", "proof");
    MultiProof proof = MultiProof.parse(map.getBytes("proof"));
    CborArray array = map.getArray("outputs");
    if (array.size() != proof.indices().size()) {
      throw new DecodingException(
          "spot-check opening: "
              + array.size()
              + " outputs for "
              + proof.indices().size()
              + " proven indices");
    }
    List<Bytes> outputs = new ArrayList<>(array.size());
    for (CborValue v : array.items()) {
      if (!(v instanceof CborBytes(Bytes b))) {
        throw new DecodingException("spot-check opening: an output is not a byte string: " + v);
      }
      outputs.add(b);
    }
    return new SpotCheckOpening(map.getDigest("task"), outputs, proof);
  }

  /**
   * Parses {@link #toBytes()} output.
   *
   * @throws DecodingException on anything but the canonical encoding of an opening
   */
  public static SpotCheckOpening parse(Bytes encoded) throws DecodingException {
    return fromCbor(CborDecoder.decodeCanonicalMap(encoded));
  }
}
