package dev.proofofcompute.schemes.spotcheck;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.workload.ItemStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Items whose answers the validator already knows, to be mixed into a provider's batch: taken from
 * earlier verified jobs with the same shared context (same weights, same parameters), or computed
 * by the validator itself ({@link #compute}). A canary is only as good as its secrecy: a provider
 * that recognises a canary input can answer it honestly and fake the rest, so canaries should not
 * be reused with the same provider.
 */
public record CanarySet(List<Canary> canaries) {
  /** One canary: the canonical bytes of an item input and of its known output. */
  public record Canary(Bytes input, Bytes knownOutput) {}

  private static final CanarySet NONE = new CanarySet(List.of());

  public CanarySet {
    canaries = List.copyOf(canaries);
  }

  /** No canaries. */
  public static CanarySet none() {
    return NONE;
  }

  /**
   * Canaries for {@code inputs} whose answers the validator computes itself, in the shared context
   * of {@code template} (a batch of the job the canaries will be mixed into).
   *
   * @throws PolicyException if {@code workload} cannot be spot-checked
   */
  public static <I, O> CanarySet compute(Workload<I, O> workload, I template, List<Bytes> inputs)
      throws PolicyException {
    if (inputs.isEmpty()) {
      return NONE;
    }
    ItemStructure<I, O> items = SpotCheckScheme.itemStructure(workload);
    I batch = items.withItems(template, inputs);
    List<Canary> out = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      out.add(new Canary(inputs.get(i), items.executeItem(batch, i)));
    }
    return new CanarySet(out);
  }

  public int size() {
    return canaries.size();
  }

  public Canary get(int index) {
    return canaries.get(index);
  }
}
