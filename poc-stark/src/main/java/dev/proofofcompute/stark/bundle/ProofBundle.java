package dev.proofofcompute.stark.bundle;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborLimits;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.stark.StarkParameters;
import dev.proofofcompute.stark.StarkProof;
import dev.proofofcompute.stark.StarkProver;
import dev.proofofcompute.stark.StarkVerifier;
import dev.proofofcompute.stark.air.Trace;

/**
 * An offline proof bundle: a statement, the STARK parameters and the proof, in one canonical CBOR
 * map (RFC 8949 §4.2.1 deterministic encoding, text keys):
 *
 * <pre>
 *   {
 *     "version":      1,
 *     "air":          tstr,            e.g. "mimc7-chain/v1"
 *     "publicInputs": {tstr: uint / bstr}, the statement's public inputs (see {@link Statement})
 *     "parameters":   {"blowup": uint, "queries": uint, "grinding": uint,
 *                      "folding": uint, "extension": uint, "maxRemainder": uint},
 *     "proof":        bstr             the StarkProof encoding, version 1
 *   }
 * </pre>
 *
 * {@link #decode} is strict: non-canonical CBOR, unknown or missing fields, an unknown version or
 * AIR, out-of-range integers, invalid parameters and inputs over {@link #MAX_ENCODED_LENGTH} bytes
 * are rejected with a message naming the field. The proof bytes are checked only by {@link
 * #verify}. A bundle says nothing about who made it; it shows that the statement is true.
 *
 * @param statement what the proof shows
 * @param parameters the parameters the proof was made with, and that {@link #verify} demands
 * @param proof the encoded {@link StarkProof}
 */
public record ProofBundle(Statement statement, StarkParameters parameters, Bytes proof) {
  /** The bundle format version this class writes and reads. */
  public static final int VERSION = 1;

  /**
   * Larger inputs are rejected before parsing: the largest proof, the largest public inputs (a
   * matrix–vector product's operands) and room for the rest.
   */
  public static final int MAX_ENCODED_LENGTH =
      StarkProof.MAX_ENCODED_LENGTH + Statement.MatVec.MAX_PUBLIC_INPUTS_LENGTH + 4096;

  private static final CborLimits LIMITS = new CborLimits(MAX_ENCODED_LENGTH, 4, 64);

  /** Proves {@code statement} from {@code trace} and bundles the proof. */
  public static ProofBundle prove(StarkProver prover, Statement statement, Trace trace) {
    StarkProof p = prover.prove(statement.air(), trace);
    return new ProofBundle(statement, prover.parameters(), p.encode());
  }

  /** The canonical encoding. */
  public Bytes encode() {
    CborMap params =
        CborMap.builder()
            .put("blowup", parameters.blowupFactor())
            .put("queries", parameters.queries())
            .put("grinding", parameters.grindingBits())
            .put("folding", parameters.foldingFactor())
            .put("extension", parameters.extensionDegree())
            .put("maxRemainder", parameters.maxRemainderLength())
            .build();
    return CborMap.builder()
        .put("version", VERSION)
        .put("air", statement.airName())
        .put("publicInputs", statement.publicInputs())
        .put("parameters", params)
        .put("proof", proof)
        .build()
        .encode();
  }

  /**
   * Decodes a bundle.
   *
   * @throws DecodingException when {@code bytes} is not the canonical encoding of a bundle
   */
  public static ProofBundle decode(Bytes bytes) throws DecodingException {
    if (bytes.length() > MAX_ENCODED_LENGTH) {
      throw new DecodingException(
          "bundle is "
              + bytes.length()
              + " bytes, more than the "
              + MAX_ENCODED_LENGTH
              + " accepted");
    }
    CborValue value = CborDecoder.decodeCanonical(bytes, LIMITS);
    if (!(value instanceof CborMap map)) {
      throw new DecodingException("a bundle is a CBOR map");
    }
    Fields.exactly(map, "version", "air", "publicInputs", "parameters", "proof");
    long version = Fields.unsigned(map, "version");
    if (version != VERSION) {
      throw new DecodingException(
          "bundle version " + Long.toUnsignedString(version) + " is not supported (only 1)");
    }
    Statement statement = Statement.decode(map.getText("air"), map.getMap("publicInputs"));
    StarkParameters parameters = decodeParameters(map.getMap("parameters"));
    return new ProofBundle(statement, parameters, map.getBytes("proof"));
  }

  private static StarkParameters decodeParameters(CborMap p) throws DecodingException {
    try {
      Fields.exactly(p, "blowup", "queries", "grinding", "folding", "extension", "maxRemainder");
      return new StarkParameters(
          Fields.bounded(p, "blowup", 0, 1 << 16),
          Fields.bounded(p, "queries", 0, 1 << 16),
          Fields.bounded(p, "grinding", 0, 1 << 16),
          Fields.bounded(p, "folding", 0, 1 << 16),
          Fields.bounded(p, "extension", 0, 1 << 16),
          Fields.bounded(p, "maxRemainder", 0, 1 << 16));
    } catch (DecodingException | IllegalArgumentException e) {
      throw new DecodingException("parameters: " + e.getMessage(), e);
    }
  }

  /** The trace length of the statement's AIR. */
  public int traceLength() {
    return statement.air().traceLength();
  }

  /** Conjectured security of this bundle's parameters at its trace length. */
  public int conjecturedSecurityBits() {
    return parameters.conjecturedSecurityBits(traceLength());
  }

  /** Provable security of this bundle's parameters at its trace length. */
  public int provableSecurityBits() {
    return parameters.provableSecurityBits(traceLength());
  }

  /**
   * Verifies the proof for the statement under the bundle's parameters.
   *
   * @throws VerificationException with the reason, when the proof is malformed or invalid
   */
  public void verify() throws VerificationException {
    StarkVerifier.create(parameters).verify(statement.air(), proof);
  }
}
