package dev.proofofcompute.stark;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.stark.field.Ext2;
import dev.proofofcompute.stark.field.Goldilocks;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A STARK proof: immutable, with a versioned binary encoding.
 *
 * <p>Encoding, version 1 (all integers big-endian, field elements as canonical 64-bit words, an
 * extension element as its two coordinates):
 *
 * <pre>
 *   magic "PSTK" | version u8 = 1
 *   blowup u8 | queries u8 | grinding u8 | folding u8 | extension u8 | maxRemainderLength u16
 *   log2(traceLength) u8
 *   traceRoot [32] | compositionRoot [32]
 *   width u8 | oodCurrent ext[width] | oodNext ext[width]
 *   segments u8 | oodComposition ext[segments]
 *   friLayers u8 | friRoots [32][friLayers]
 *   remainderLength u16 | remainder ext[remainderLength]
 *   powNonce u64
 *   traceOpening | compositionOpening | friOpening[friLayers]
 * opening:
 *   rows u16 | rowWidth u16 | values u64[rows·rowWidth] | nodes u16 | node [32][nodes]
 * </pre>
 *
 * {@link #decode} is strict: wrong magic or version, non-canonical elements, invalid parameters,
 * counts out of range, truncation, trailing bytes and inputs over {@link #MAX_ENCODED_LENGTH} are
 * all rejected with a message saying which.
 */
public final class StarkProof {
  /** The encoding's magic prefix. */
  static final byte[] MAGIC = {'P', 'S', 'T', 'K'};

  /** The encoding version this class writes and reads. */
  public static final int VERSION = 1;

  /** Larger inputs are rejected before parsing. */
  public static final int MAX_ENCODED_LENGTH = 4 << 20;

  /** A batch opening of Merkle leaves: the rows at the opened positions and the sibling nodes. */
  static final class Opening {
    final long[][] rows;
    final List<Digest> nodes;

    Opening(long[][] rows, List<Digest> nodes) {
      this.rows = rows;
      this.nodes = List.copyOf(nodes);
    }
  }

  final StarkParameters parameters;
  final int logTraceLength;
  final Digest traceRoot;
  final Digest compositionRoot;
  final Ext2[] oodCurrent;
  final Ext2[] oodNext;
  final Ext2[] oodComposition;
  final List<Digest> friRoots;
  final Ext2[] remainder;
  final long powNonce;
  final Opening traceOpening;
  final Opening compositionOpening;
  final List<Opening> friOpenings;
  private final Bytes encoded;

  StarkProof(
      StarkParameters parameters,
      int logTraceLength,
      Digest traceRoot,
      Digest compositionRoot,
      Ext2[] oodCurrent,
      Ext2[] oodNext,
      Ext2[] oodComposition,
      List<Digest> friRoots,
      Ext2[] remainder,
      long powNonce,
      Opening traceOpening,
      Opening compositionOpening,
      List<Opening> friOpenings) {
    this.parameters = parameters;
    this.logTraceLength = logTraceLength;
    this.traceRoot = traceRoot;
    this.compositionRoot = compositionRoot;
    this.oodCurrent = oodCurrent.clone();
    this.oodNext = oodNext.clone();
    this.oodComposition = oodComposition.clone();
    this.friRoots = List.copyOf(friRoots);
    this.remainder = remainder.clone();
    this.powNonce = powNonce;
    this.traceOpening = traceOpening;
    this.compositionOpening = compositionOpening;
    this.friOpenings = List.copyOf(friOpenings);
    if (oodCurrent.length != oodNext.length || friRoots.size() != friOpenings.size()) {
      throw new IllegalArgumentException("inconsistent proof shape");
    }
    this.encoded = encodeInternal();
  }

  public StarkParameters parameters() {
    return parameters;
  }

  public int traceLength() {
    return 1 << logTraceLength;
  }

  /** The canonical encoding. */
  public Bytes encode() {
    return encoded;
  }

  /** The length of {@link #encode()}, in bytes. */
  public int sizeInBytes() {
    return encoded.length();
  }

  private Bytes encodeInternal() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeByte(VERSION);
      out.writeByte(parameters.blowupFactor());
      out.writeByte(parameters.queries());
      out.writeByte(parameters.grindingBits());
      out.writeByte(parameters.foldingFactor());
      out.writeByte(parameters.extensionDegree());
      out.writeShort(parameters.maxRemainderLength());
      out.writeByte(logTraceLength);
      out.write(traceRoot.toByteArray());
      out.write(compositionRoot.toByteArray());
      out.writeByte(checkU8(oodCurrent.length));
      writeExts(out, oodCurrent);
      writeExts(out, oodNext);
      out.writeByte(checkU8(oodComposition.length));
      writeExts(out, oodComposition);
      out.writeByte(checkU8(friRoots.size()));
      for (Digest d : friRoots) {
        out.write(d.toByteArray());
      }
      out.writeShort(checkU16(remainder.length));
      writeExts(out, remainder);
      out.writeLong(powNonce);
      writeOpening(out, traceOpening);
      writeOpening(out, compositionOpening);
      for (Opening o : friOpenings) {
        writeOpening(out, o);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return Bytes.of(bytes.toByteArray());
  }

  private static void writeExts(DataOutputStream out, Ext2[] values) throws IOException {
    for (Ext2 e : values) {
      out.writeLong(e.c0());
      out.writeLong(e.c1());
    }
  }

  private static void writeOpening(DataOutputStream out, Opening o) throws IOException {
    out.writeShort(checkU16(o.rows.length));
    int width = o.rows.length == 0 ? 0 : o.rows[0].length;
    out.writeShort(checkU16(width));
    for (long[] row : o.rows) {
      if (row.length != width) {
        throw new IllegalArgumentException("ragged opening rows");
      }
      for (long v : row) {
        out.writeLong(v);
      }
    }
    out.writeShort(checkU16(o.nodes.size()));
    for (Digest d : o.nodes) {
      out.write(d.toByteArray());
    }
  }

  private static int checkU8(int v) {
    if (v < 0 || v > 0xff) {
      throw new IllegalArgumentException("count " + v + " does not fit a byte");
    }
    return v;
  }

  private static int checkU16(int v) {
    if (v < 0 || v > 0xffff) {
      throw new IllegalArgumentException("count " + v + " does not fit 16 bits");
    }
    return v;
  }

  /**
   * Parses an encoded proof.
   *
   * @throws DecodingException when {@code encoded} is not exactly one well-formed version-1 proof
   */
  public static StarkProof decode(Bytes encoded) throws DecodingException {
    if (encoded.length() > MAX_ENCODED_LENGTH) {
      throw new DecodingException(
          "proof is " + encoded.length() + " bytes, over the limit of " + MAX_ENCODED_LENGTH);
    }
    ByteBuffer in = ByteBuffer.wrap(encoded.toByteArray());
    try {
      StarkProof proof = read(in);
      if (in.hasRemaining()) {
        throw new DecodingException(in.remaining() + " trailing bytes after the proof");
      }
      return proof;
    } catch (BufferUnderflowException e) {
      throw new DecodingException("proof is truncated", e);
    }
  }

  private static StarkProof read(ByteBuffer in) throws DecodingException {
    byte[] magic = new byte[MAGIC.length];
    in.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new DecodingException("not a STARK proof: wrong magic bytes");
    }
    int version = u8(in);
    if (version != VERSION) {
      throw new DecodingException(
          "unsupported STARK proof version " + version + ", expected " + VERSION);
    }
    StarkParameters parameters;
    try {
      parameters = new StarkParameters(u8(in), u8(in), u8(in), u8(in), u8(in), u16(in));
    } catch (IllegalArgumentException e) {
      throw new DecodingException("invalid proof parameters: " + e.getMessage(), e);
    }
    int logTraceLength = u8(in);
    if (logTraceLength < 3 || logTraceLength > 24) {
      throw new DecodingException("log2 of the trace length must be in [3, 24]");
    }
    Digest traceRoot = digest(in);
    Digest compositionRoot = digest(in);
    int width = u8(in);
    if (width == 0) {
      throw new DecodingException("trace width is zero");
    }
    Ext2[] oodCurrent = exts(in, width);
    Ext2[] oodNext = exts(in, width);
    int segments = u8(in);
    if (segments == 0) {
      throw new DecodingException("composition has zero segments");
    }
    Ext2[] oodComposition = exts(in, segments);
    int layers = u8(in);
    if (layers > 32) {
      throw new DecodingException("more than 32 FRI layers");
    }
    List<Digest> friRoots = new ArrayList<>(layers);
    for (int i = 0; i < layers; i++) {
      friRoots.add(digest(in));
    }
    int remainderLength = u16(in);
    if (remainderLength == 0 || remainderLength > parameters.maxRemainderLength()) {
      throw new DecodingException("remainder length out of range: " + remainderLength);
    }
    Ext2[] remainder = exts(in, remainderLength);
    long nonce = in.getLong();
    Opening traceOpening = opening(in, parameters, "trace");
    Opening compositionOpening = opening(in, parameters, "composition");
    List<Opening> friOpenings = new ArrayList<>(layers);
    for (int i = 0; i < layers; i++) {
      friOpenings.add(opening(in, parameters, "FRI layer " + i));
    }
    return new StarkProof(
        parameters,
        logTraceLength,
        traceRoot,
        compositionRoot,
        oodCurrent,
        oodNext,
        oodComposition,
        friRoots,
        remainder,
        nonce,
        traceOpening,
        compositionOpening,
        friOpenings);
  }

  private static Opening opening(ByteBuffer in, StarkParameters p, String what)
      throws DecodingException {
    int rows = u16(in);
    int width = u16(in);
    if (rows == 0 || rows > p.queries()) {
      throw new DecodingException(
          what + " opening has " + rows + " rows, expected 1.." + p.queries());
    }
    if (width == 0 || width > 512) {
      throw new DecodingException(what + " opening row width out of range: " + width);
    }
    if ((long) rows * width * 8 > in.remaining()) {
      throw new DecodingException("proof is truncated in the " + what + " opening");
    }
    long[][] values = new long[rows][width];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < width; c++) {
        values[r][c] = element(in);
      }
    }
    int nodes = u16(in);
    if ((long) nodes * Digest.LENGTH > in.remaining()) {
      throw new DecodingException("proof is truncated in the " + what + " opening nodes");
    }
    List<Digest> list = new ArrayList<>(nodes);
    for (int i = 0; i < nodes; i++) {
      list.add(digest(in));
    }
    return new Opening(values, list);
  }

  private static int u8(ByteBuffer in) {
    return in.get() & 0xff;
  }

  private static int u16(ByteBuffer in) {
    return in.getShort() & 0xffff;
  }

  private static Digest digest(ByteBuffer in) {
    byte[] d = new byte[Digest.LENGTH];
    in.get(d);
    return Digest.of(d);
  }

  private static long element(ByteBuffer in) throws DecodingException {
    long v = in.getLong();
    if (!Goldilocks.isCanonical(v)) {
      throw new DecodingException("non-canonical field element at offset " + (in.position() - 8));
    }
    return v;
  }

  private static Ext2[] exts(ByteBuffer in, int count) throws DecodingException {
    if ((long) count * 16 > in.remaining()) {
      throw new DecodingException("proof is truncated");
    }
    Ext2[] out = new Ext2[count];
    for (int i = 0; i < count; i++) {
      long c0 = element(in);
      long c1 = element(in);
      out[i] = Ext2.of(c0, c1);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StarkProof other && other.encoded.equals(encoded);
  }

  @Override
  public int hashCode() {
    return encoded.hashCode();
  }

  @Override
  public String toString() {
    return "StarkProof[traceLength="
        + traceLength()
        + ", "
        + encoded.length()
        + " bytes, "
        + parameters
        + "]";
  }
}
