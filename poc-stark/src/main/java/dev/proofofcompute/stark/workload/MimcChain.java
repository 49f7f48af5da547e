package dev.proofofcompute.stark.workload;

import dev.proofofcompute.core.workload.Codec;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborLimits;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.stark.air.Air;
import dev.proofofcompute.stark.air.MimcChainAir;
import dev.proofofcompute.stark.air.Trace;
import dev.proofofcompute.stark.field.Goldilocks;
import dev.proofofcompute.stark.scheme.AirWorkload;

/**
 * {@code mimc-chain}: {@code steps} MiMC-7 steps over Goldilocks from {@code seed}, {@code x_0 =
 * seed}, {@code x_{i+1} = (x_i + c_{i mod 64})^7}; the output is {@code x_steps}. The function and
 * its round constants are those of {@link MimcChainAir}, so the result is STARK-provable: the
 * statement is {@code MimcChainAir.create(seed, steps, digest)} ({@code mimc7-chain/v1}).
 *
 * <p>Encodings (deterministic CBOR, RFC 8949 §4.2.1, field elements as unsigned integers below
 * {@code p}): input {@code {"seed": uint, "steps": uint}}; output {@code {"digest": uint}}. The
 * id's configuration is {@code {"air": "mimc7-chain/v1"}}. Decoding is strict: non-canonical CBOR,
 * unknown or missing fields, negative or out-of-range integers are rejected.
 */
public final class MimcChain implements AirWorkload<MimcChainInput, MimcChainOutput> {
  public static final String NAME = "mimc-chain";
  public static final int VERSION = 1;

  /** The name of the AIR this workload is stated in. */
  public static final String AIR = "mimc7-chain/v1";

  private static final MimcChain INSTANCE = new MimcChain();
  private static final CborLimits LIMITS = new CborLimits(256, 2, 8);

  private final WorkloadId id =
      WorkloadId.of(NAME, VERSION, CborMap.builder().put("air", AIR).build().encode());

  private MimcChain() {}

  public static MimcChain create() {
    return INSTANCE;
  }

  @Override
  public WorkloadId id() {
    return id;
  }

  @Override
  public Codec<MimcChainInput> inputCodec() {
    return InputCodec.INSTANCE;
  }

  @Override
  public Codec<MimcChainOutput> outputCodec() {
    return OutputCodec.INSTANCE;
  }

  @Override
  public MimcChainOutput execute(MimcChainInput input) {
    return new MimcChainOutput(MimcChainAir.digest(input.seed(), input.steps()));
  }

  @Override
  public String airName() {
    return AIR;
  }

  @Override
  public int constraintDegree() {
    return 3;
  }

  @Override
  public Air air(MimcChainInput input, MimcChainOutput output) {
    return MimcChainAir.create(input.seed(), input.steps(), output.digest());
  }

  @Override
  public Trace trace(MimcChainInput input) {
    return MimcChainAir.trace(input.seed(), input.steps());
  }

  @Override
  public String toString() {
    return id.toString();
  }

  private static CborMap decodeMap(Bytes bytes, String what, String... keys)
      throws DecodingException {
    try {
      CborValue value = CborDecoder.decodeCanonical(bytes, LIMITS);
      if (!(value instanceof CborMap map)) {
        throw new DecodingException("expected a CBOR map");
      }
      map.requireOnlyKeys(keys);
      for (String k : keys) {
        map.getRequired(k);
      }
      return map;
    } catch (DecodingException e) {
      throw new DecodingException(what + ": " + e.getMessage(), e);
    }
  }

  /** Unsigned integer field {@code key}, read as an unsigned 64-bit value. */
  private static long unsigned(CborMap map, String key, String what) throws DecodingException {
    CborValue v = map.getRequired(key);
    if (!(v instanceof CborInteger i) || i.isNegative()) {
      throw new DecodingException(what + ": field '" + key + "' must be an unsigned integer");
    }
    return i.argument();
  }

  private static long fieldElement(CborMap map, String key, String what) throws DecodingException {
    long v = unsigned(map, key, what);
    if (!Goldilocks.isCanonical(v)) {
      throw new DecodingException(what + ": field '" + key + "' must be below p = 2^64 - 2^32 + 1");
    }
    return v;
  }

  private enum InputCodec implements Codec<MimcChainInput> {
    INSTANCE;

    private static final String WHAT = "mimc-chain input";

    @Override
    public Bytes encode(MimcChainInput value) {
      return CborMap.builder()
          .put(new CborText("seed"), CborInteger.unsigned(value.seed()))
          .put("steps", value.steps())
          .build()
          .encode();
    }

    @Override
    public MimcChainInput decode(Bytes bytes) throws DecodingException {
      CborMap map = decodeMap(bytes, WHAT, "seed", "steps");
      long seed = fieldElement(map, "seed", WHAT);
      long steps = unsigned(map, "steps", WHAT);
      if (steps < 1 || steps > MimcChainInput.MAX_STEPS) {
        throw new DecodingException(
            WHAT + ": field 'steps' must be in [1, " + MimcChainInput.MAX_STEPS + "]");
      }
      return new MimcChainInput(seed, (int) steps);
    }
  }

  private enum OutputCodec implements Codec<MimcChainOutput> {
    INSTANCE;

    private static final String WHAT = "mimc-chain output";

    @Override
    public Bytes encode(MimcChainOutput value) {
      return CborMap.builder()
          .put(new CborText("digest"), CborInteger.unsigned(value.digest()))
          .build()
          .encode();
    }

    @Override
    public MimcChainOutput decode(Bytes bytes) throws DecodingException {
      CborMap map = decodeMap(bytes, WHAT, "digest");
      return new MimcChainOutput(fieldElement(map, "digest", WHAT));
    }
  }
}
