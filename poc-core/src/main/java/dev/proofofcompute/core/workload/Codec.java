package dev.proofofcompute.core.workload;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;

/**
 * A canonical binary codec: equal values encode to identical bytes, and {@code decode(encode(v))}
 * equals {@code v}. {@link #decode} is strict: it rejects any byte string that is not the canonical
 * encoding of a value, so that two parties hashing the same value always agree.
 */
public interface Codec<T> {
  Bytes encode(T value);

  /**
   * Decodes canonical bytes.
   *
   * @throws DecodingException when {@code bytes} is malformed, oversized or not canonical
   */
  T decode(Bytes bytes) throws DecodingException;
}
