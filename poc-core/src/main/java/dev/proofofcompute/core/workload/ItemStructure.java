package dev.proofofcompute.core.workload;

import dev.proofofcompute.crypto.Bytes;
import java.util.List;

/**
 * A workload whose input is a batch of independent items and whose output is one result per item
 * (batch inference, a data map, Monte Carlo paths). Spot-checks commit to the per-item outputs with
 * a Merkle tree and recompute a sample of items; canary items are mixed into a batch by {@link
 * #withItems}.
 *
 * <p>Item inputs and outputs travel as canonical bytes so that schemes stay generic.
 */
public interface ItemStructure<I, O> {
  int itemCount(I input);

  /** The canonical bytes of item {@code index} of {@code input}. */
  Bytes itemInput(I input, int index);

  /**
   * Runs one item: the canonical bytes of its output. Equal to {@code itemOutputs(execute(input))}.
   */
  Bytes executeItem(I input, int index);

  /**
   * A batch with the same shared context as {@code template} (weights, parameters) and these items.
   */
  I withItems(I template, List<Bytes> itemInputs);

  /** The per-item outputs of a whole output, in item order. */
  List<Bytes> itemOutputs(O output);
}
