package dev.proofofcompute.workloads;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborLimits;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import java.util.function.Supplier;

/**
 * Shared pieces of the built-in workloads' canonical codecs. Every input, output and state is a
 * deterministic CBOR map (RFC 8949 §4.2.1, {@code docs/encoding.md}) with text keys; matrices are
 * byte strings holding {@link Matrix#encode()}. Decoding is strict: non-canonical CBOR, unknown or
 * missing fields, wrong types, out-of-range integers and malformed matrices are all rejected with a
 * {@link DecodingException} that names the value and the field.
 */
public final class WorkloadCodecs {
  /**
   * Limits for workload values: 64 MiB (two 2048 × 2048 int32 matrices and change), shallow nesting
   * and few items, since bulk data travels inside byte strings.
   */
  public static final CborLimits LIMITS = new CborLimits(64 << 20, 8, 1 << 16);

  private WorkloadCodecs() {}

  /**
   * Decodes a canonical map whose keys are all among {@code keys}; {@code what} prefixes every
   * error message.
   */
  public static CborMap decodeMap(Bytes bytes, String what, String... keys)
      throws DecodingException {
    CborValue value = within(what, () -> CborDecoder.decodeCanonical(bytes, LIMITS));
    return checkMap(value, what, keys);
  }

  /** {@code value} as a map whose keys are all among {@code keys}. */
  public static CborMap checkMap(CborValue value, String what, String... keys)
      throws DecodingException {
    if (!(value instanceof CborMap map)) {
      throw new DecodingException(what + ": expected a CBOR map");
    }
    within(
        what,
        () -> {
          map.requireOnlyKeys(keys);
          return map;
        });
    return map;
  }

  /** The int32 matrix in byte-string field {@code key}. */
  public static IntMatrix intMatrix(CborMap map, String key, String what) throws DecodingException {
    Matrix m = matrix(map, key, what);
    if (!(m instanceof IntMatrix im)) {
      throw new DecodingException(what + ": field '" + key + "' must be an int32 matrix");
    }
    return im;
  }

  /** The float64 matrix in byte-string field {@code key}. */
  public static DoubleMatrix doubleMatrix(CborMap map, String key, String what)
      throws DecodingException {
    Matrix m = matrix(map, key, what);
    if (!(m instanceof DoubleMatrix dm)) {
      throw new DecodingException(what + ": field '" + key + "' must be a float64 matrix");
    }
    return dm;
  }

  private static Matrix matrix(CborMap map, String key, String what) throws DecodingException {
    Bytes b = within(what, () -> map.getBytes(key));
    try {
      return Matrix.decode(b);
    } catch (DecodingException e) {
      throw new DecodingException(what + ": field '" + key + "': " + e.getMessage(), e);
    }
  }

  /** An integer field that must fit an int32. */
  public static int intField(CborMap map, String key, String what) throws DecodingException {
    long v = within(what, () -> map.getLong(key));
    if (v != (int) v) {
      throw new DecodingException(
          what + ": field '" + key + "' = " + v + " is outside the int32 range");
    }
    return (int) v;
  }

  /** A matrix as a byte-string value. */
  public static CborValue matrix(Matrix m) {
    return new CborBytes(m.encode());
  }

  /**
   * Runs {@code step}; a {@link DecodingException} gets the prefix {@code what}, and an {@link
   * IllegalArgumentException} (a record's validation) becomes a {@link DecodingException}.
   */
  public static <T> T within(String what, DecodingStep<T> step) throws DecodingException {
    try {
      return step.run();
    } catch (DecodingException e) {
      throw new DecodingException(what + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new DecodingException(what + ": " + e.getMessage(), e);
    }
  }

  /** Builds a value, turning its validation failure into a {@link DecodingException}. */
  public static <T> T validated(String what, Supplier<T> constructor) throws DecodingException {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      throw new DecodingException(what + ": " + e.getMessage(), e);
    }
  }

  /** A decoding action. */
  @FunctionalInterface
  public interface DecodingStep<T> {
    T run() throws DecodingException;
  }
}
