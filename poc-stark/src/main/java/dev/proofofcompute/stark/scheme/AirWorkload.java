package dev.proofofcompute.stark.scheme;

import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.stark.air.Air;
import dev.proofofcompute.stark.air.Trace;

/**
 * A workload whose result is a STARK-provable statement: for every input, the claim "{@code
 * execute(input) = output}" is an AIR instance, and the workload can produce the execution trace
 * that satisfies it. Only such workloads pass the {@code stark} scheme's policy check.
 *
 * <p>Contract: {@link #air} binds the whole claim (input and output) through the AIR's public
 * inputs, so a proof for one input or output does not verify for another; {@link #trace} of an
 * input satisfies {@code air(input, execute(input))} and no trace satisfies {@code air(input, o)}
 * for any other output {@code o}; every instance has the name {@link #airName()} and transition
 * constraints of degree at most {@link #constraintDegree()}.
 */
public interface AirWorkload<I, O> extends Workload<I, O> {
  /** The name of the AIR every instance of this workload has, e.g. {@code "mimc7-chain/v1"}. */
  String airName();

  /** The largest transition-constraint degree of the AIR, the same for every input. */
  int constraintDegree();

  /**
   * Checks that {@code output} has the form a result of {@code input} must have (for instance its
   * length), before any statement is built: an output that fails this is the provider's malformed
   * claim, not a job that cannot be stated. The default accepts every output.
   *
   * @throws DecodingException when {@code output} cannot be a result of {@code input}
   */
  default void checkOutput(I input, O output) throws DecodingException {}

  /**
   * The statement "{@code execute(input) = output}".
   *
   * @throws IllegalArgumentException when the input or output is out of the AIR's range (an output
   *     that passed {@link #checkOutput} and is merely wrong gives a false statement, not this)
   */
  Air air(I input, O output);

  /**
   * The honest execution trace of {@code input}.
   *
   * @throws IllegalArgumentException when the input is out of the AIR's range
   */
  Trace trace(I input);
}
