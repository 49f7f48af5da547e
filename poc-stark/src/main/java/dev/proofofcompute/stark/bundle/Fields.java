package dev.proofofcompute.stark.bundle;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.stark.field.Goldilocks;

/** Strict readers of the integer fields of a bundle's CBOR maps. */
final class Fields {
  private Fields() {}

  /** The unsigned integer in field {@code key}, as an unsigned 64-bit value. */
  static long unsigned(CborMap map, String key) throws DecodingException {
    CborValue v = map.getRequired(key);
    if (!(v instanceof CborInteger i) || i.isNegative()) {
      throw new DecodingException("field '" + key + "' must be an unsigned integer");
    }
    return i.argument();
  }

  /** The unsigned integer in field {@code key}, which must lie in {@code [min, max]}. */
  static int bounded(CborMap map, String key, int min, int max) throws DecodingException {
    long v = unsigned(map, key);
    if (v < min || v > max) {
      throw new DecodingException("field '" + key + "' must be in [" + min + ", " + max + "]");
    }
    return (int) v;
  }

  /** The canonical Goldilocks element in field {@code key}. */
  static long element(CborMap map, String key) throws DecodingException {
    long v = unsigned(map, key);
    if (!Goldilocks.isCanonical(v)) {
      throw new DecodingException("field '" + key + "' must be below p = 2^64 - 2^32 + 1");
    }
    return v;
  }

  /** Checks that {@code map} has exactly the fields {@code keys}. */
  static void exactly(CborMap map, String... keys) throws DecodingException {
    map.requireOnlyKeys(keys);
    for (String k : keys) {
      map.getRequired(k);
    }
  }

  /** The int32 matrix whose {@code Matrix} encoding is the byte string in field {@code key}. */
  static IntMatrix intMatrix(CborMap map, String key) throws DecodingException {
    try {
      if (!(Matrix.decode(map.getBytes(key)) instanceof IntMatrix m)) {
        throw new DecodingException("not an int32 matrix");
      }
      return m;
    } catch (DecodingException e) {
      throw new DecodingException("field '" + key + "': " + e.getMessage(), e);
    }
  }
}
