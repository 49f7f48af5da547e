package dev.proofofcompute.crypto.merkle;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared primitives of the proof encodings: big-endian fixed-width integers and 32-byte hashes,
 * a one-byte type tag up front, no trailing bytes. See {@code docs/merkle.md}.
 */
final class ProofCodec {
  static final byte TAG_INCLUSION = 0x01;
  static final byte TAG_CONSISTENCY = 0x02;
  static final byte TAG_MULTI = 0x03;

  /** The longest path any proof over a tree of fewer than 2^63 leaves can need. */
  static final int MAX_PATH = 64;

  private ProofCodec() {}

  /** Appends big-endian values into a fixed-size array. */
  static final class Writer {
    private final byte[] out;
    private int pos;

    Writer(int size) {
      this.out = new byte[size];
    }

    Writer u8(int v) {
      out[pos++] = (byte) v;
      return this;
    }

    Writer u32(int v) {
      for (int shift = 24; shift >= 0; shift -= 8) {
        out[pos++] = (byte) (v >>> shift);
      }
      return this;
    }

    Writer u64(long v) {
      for (int shift = 56; shift >= 0; shift -= 8) {
        out[pos++] = (byte) (v >>> shift);
      }
      return this;
    }

    Writer digests(List<Digest> ds) {
      for (Digest d : ds) {
        d.copyTo(out, pos);
        pos += Digest.LENGTH;
      }
      return this;
    }

    Bytes finish() {
      if (pos != out.length) {
        throw new IllegalStateException("encoder wrote " + pos + " of " + out.length + " bytes");
      }
      return Bytes.of(out);
    }
  }

  /** Reads big-endian values and rejects short, oversized or trailing input. */
  static final class Reader {
    private final byte[] in;
    private final String what;
    private int pos;

    Reader(Bytes input, String what) {
      this.in = input.toByteArray();
      this.what = what;
    }

    void expectTag(byte tag) throws DecodingException {
      int got = u8("type tag");
      if (got != (tag & 0xff)) {
        throw new DecodingException(
            what + ": type tag is 0x" + Integer.toHexString(got) + ", expected 0x0" + tag);
      }
    }

    int u8(String field) throws DecodingException {
      need(1, field);
      return in[pos++] & 0xff;
    }

    int u32(String field) throws DecodingException {
      need(4, field);
      int v = 0;
      for (int i = 0; i < 4; i++) {
        v = (v << 8) | (in[pos++] & 0xff);
      }
      return v;
    }

    /** An unsigned 64-bit value that must fit in a non-negative {@code long}. */
    long size(String field) throws DecodingException {
      need(8, field);
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (in[pos++] & 0xff);
      }
      if (v < 0) {
        throw new DecodingException(what + ": " + field + " exceeds 2^63 - 1");
      }
      return v;
    }

    List<Digest> digests(int count, String field) throws DecodingException {
      need((long) count * Digest.LENGTH, field);
      List<Digest> out = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        out.add(Digest.of(in, pos));
        pos += Digest.LENGTH;
      }
      return out;
    }

    void end() throws DecodingException {
      if (pos != in.length) {
        throw new DecodingException(
            what + ": " + (in.length - pos) + " trailing bytes after offset " + pos);
      }
    }

    private void need(long n, String field) throws DecodingException {
      if (in.length - pos < n) {
        throw new DecodingException(
            what + ": input ends at offset " + in.length + " inside " + field);
      }
    }
  }
}
