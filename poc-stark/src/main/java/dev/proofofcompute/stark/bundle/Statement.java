package dev.proofofcompute.stark.bundle;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.stark.air.Air;
import dev.proofofcompute.stark.air.FibonacciAir;
import dev.proofofcompute.stark.air.MatVecAir;
import dev.proofofcompute.stark.air.MimcChainAir;
import dev.proofofcompute.stark.air.Trace;

/**
 * A statement a proof bundle may carry: an AIR and its public inputs as a CBOR map (unsigned
 * integers for field elements below {@code p}; byte strings holding int32 matrix encodings for the
 * matrix–vector product). The AIR instance, and so the Fiat–Shamir transcript, is rebuilt from
 * these values alone.
 */
public sealed interface Statement
    permits Statement.MimcChain, Statement.Fibonacci, Statement.MatVec {
  /** The AIR name, e.g. {@code "mimc7-chain/v1"}. */
  String airName();

  /** The public inputs as a canonical CBOR map. */
  CborMap publicInputs();

  /** The AIR instance. */
  Air air();

  /** One line for people. */
  String describe();

  /**
   * The statement of AIR {@code airName} with {@code publicInputs}.
   *
   * @throws DecodingException for an unknown AIR or public inputs that are missing, extra or out of
   *     range
   */
  static Statement decode(String airName, CborMap publicInputs) throws DecodingException {
    try {
      if (airName.equals(MimcChain.AIR)) {
        Fields.exactly(publicInputs, "seed", "steps", "digest");
        return new MimcChain(
            Fields.element(publicInputs, "seed"),
            Fields.bounded(publicInputs, "steps", 1, MimcChain.MAX_STEPS),
            Fields.element(publicInputs, "digest"));
      }
      if (airName.equals(Fibonacci.AIR)) {
        Fields.exactly(publicInputs, "rows", "first", "second", "result");
        return new Fibonacci(
            Fields.bounded(publicInputs, "rows", 8, Fibonacci.MAX_ROWS),
            Fields.element(publicInputs, "first"),
            Fields.element(publicInputs, "second"),
            Fields.element(publicInputs, "result"));
      }
      if (airName.equals(MatVec.AIR)) {
        Fields.exactly(publicInputs, "weights", "vector", "result");
        return new MatVec(
            Fields.intMatrix(publicInputs, "weights"),
            Fields.intMatrix(publicInputs, "vector"),
            Fields.intMatrix(publicInputs, "result"));
      }
    } catch (IllegalArgumentException | DecodingException e) {
      throw new DecodingException("public inputs of " + airName + ": " + e.getMessage(), e);
    }
    throw new DecodingException(
        "unknown AIR '"
            + airName
            + "'; known: "
            + MimcChain.AIR
            + ", "
            + Fibonacci.AIR
            + ", "
            + MatVec.AIR);
  }

  /**
   * "{@code x_steps = digest} for the MiMC-7 chain from {@code x_0 = seed}" ({@link MimcChainAir}).
   */
  record MimcChain(long seed, int steps, long digest) implements Statement {
    public static final String AIR = "mimc7-chain/v1";

    /** The longest chain a bundle may state: 2^20 rows. */
    public static final int MAX_STEPS = (1 << 20) - 1;

    public MimcChain {
      if (steps > MAX_STEPS) {
        throw new IllegalArgumentException("steps must be at most " + MAX_STEPS);
      }
      MimcChainAir.create(seed, steps, digest);
    }

    /** The true statement for {@code steps} steps from {@code seed}. */
    public static MimcChain honest(long seed, int steps) {
      return new MimcChain(seed, steps, MimcChainAir.digest(seed, steps));
    }

    /** The honest trace (it satisfies this statement only if the statement is true). */
    public Trace trace() {
      return MimcChainAir.trace(seed, steps);
    }

    @Override
    public String airName() {
      return AIR;
    }

    @Override
    public CborMap publicInputs() {
      return CborMap.builder()
          .put(new CborText("seed"), CborInteger.unsigned(seed))
          .put("steps", steps)
          .put(new CborText("digest"), CborInteger.unsigned(digest))
          .build();
    }

    @Override
    public Air air() {
      return MimcChainAir.create(seed, steps, digest);
    }

    @Override
    public String describe() {
      return AIR
          + ": "
          + steps
          + " MiMC-7 steps from x_0 = "
          + Long.toUnsignedString(seed)
          + " reach x_"
          + steps
          + " = "
          + Long.toUnsignedString(digest);
    }
  }

  /**
   * "The Fibonacci sequence from {@code (first, second)} holds {@code result} in column b of row
   * {@code rows - 1}" ({@link FibonacciAir}).
   */
  record Fibonacci(int rows, long first, long second, long result) implements Statement {
    public static final String AIR = "fibonacci/v1";

    /** The longest trace a bundle may state. */
    public static final int MAX_ROWS = 1 << 20;

    public Fibonacci {
      if (rows > MAX_ROWS) {
        throw new IllegalArgumentException("rows must be at most " + MAX_ROWS);
      }
      FibonacciAir.create(rows, first, second, result);
    }

    /** The true statement for {@code rows} rows from {@code (first, second)}. */
    public static Fibonacci honest(int rows, long first, long second) {
      Trace t = FibonacciAir.trace(rows, first, second);
      return new Fibonacci(rows, first, second, t.get(1, rows - 1));
    }

    /** The honest trace (it satisfies this statement only if the statement is true). */
    public Trace trace() {
      return FibonacciAir.trace(rows, first, second);
    }

    @Override
    public String airName() {
      return AIR;
    }

    @Override
    public CborMap publicInputs() {
      return CborMap.builder()
          .put("rows", rows)
          .put(new CborText("first"), CborInteger.unsigned(first))
          .put(new CborText("second"), CborInteger.unsigned(second))
          .put(new CborText("result"), CborInteger.unsigned(result))
          .build();
    }

    @Override
    public Air air() {
      return FibonacciAir.create(rows, first, second, result);
    }

    @Override
    public String describe() {
      return AIR
          + ": the Fibonacci sequence from ("
          + Long.toUnsignedString(first)
          + ", "
          + Long.toUnsignedString(second)
          + ") over "
          + rows
          + " rows ends in "
          + Long.toUnsignedString(result);
    }
  }

  /**
   * "{@code result = weights · vector}" for an int8 matrix and vector, exactly in int32 ({@link
   * MatVecAir}).
   *
   * @param weights {@code m × n}, int8 entries
   * @param vector {@code n × 1}, int8 entries
   * @param result {@code m × 1}, int32 entries
   */
  record MatVec(IntMatrix weights, IntMatrix vector, IntMatrix result) implements Statement {
    public static final String AIR = MatVecAir.NAME;

    /**
     * The most bytes the public inputs of a bundled matrix–vector product can take: three int32
     * matrix encodings, at most {@value MatVecAir#MAX_TRACE_LENGTH} weights and, since {@code m·n ≤
     * 2^20}, fewer than {@code 2^20 + 2^17} vector and result entries together.
     */
    public static final int MAX_PUBLIC_INPUTS_LENGTH = 4 * ((1 << 20) + (1 << 20) + (1 << 17)) + 64;

    public MatVec {
      MatVecAir.create(weights, vector, result);
    }

    /** The true statement for {@code weights · vector}. */
    public static MatVec honest(IntMatrix weights, IntMatrix vector) {
      return new MatVec(weights, vector, MatVecAir.multiply(weights, vector));
    }

    /** The honest trace (it satisfies this statement only if the statement is true). */
    public Trace trace() {
      return MatVecAir.trace(weights, vector);
    }

    @Override
    public String airName() {
      return AIR;
    }

    @Override
    public CborMap publicInputs() {
      return CborMap.builder()
          .put("weights", new CborBytes(weights.encode()))
          .put("vector", new CborBytes(vector.encode()))
          .put("result", new CborBytes(result.encode()))
          .build();
    }

    @Override
    public Air air() {
      return MatVecAir.create(weights, vector, result);
    }

    /** The shape, the SHA-256 of each operand's encoding and the first few result entries. */
    @Override
    public String describe() {
      int m = result.rows();
      StringBuilder head = new StringBuilder("[");
      for (int i = 0; i < Math.min(m, 4); i++) {
        head.append(i == 0 ? "" : ", ").append(result.get(i, 0));
      }
      head.append(m > 4 ? ", ...]" : "]");
      return AIR
          + ": y = W·x for int8 W ("
          + weights.rows()
          + "x"
          + weights.cols()
          + ", sha256 "
          + shortHash(weights)
          + ") and x ("
          + vector.rows()
          + ", sha256 "
          + shortHash(vector)
          + "): y ("
          + m
          + ", sha256 "
          + shortHash(result)
          + ") = "
          + head;
    }

    private static String shortHash(IntMatrix m) {
      return Digest.sha256(m.encode()).toHex().substring(0, 16);
    }
  }
}
