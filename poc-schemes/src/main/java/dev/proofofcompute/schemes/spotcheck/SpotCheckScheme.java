package dev.proofofcompute.schemes.spotcheck;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.scheme.Scheme;
import dev.proofofcompute.core.workload.ItemStructure;
import dev.proofofcompute.core.workload.Workload;
import java.util.Optional;

/**
 * The {@code spot-check} scheme: commit to per-item outputs, then open a sample chosen after the
 * commitment, plus canaries. It needs a workload of independent items ({@link ItemStructure}) whose
 * item outputs are exact, because sampled items are recomputed and compared byte for byte.
 *
 * <p>The prover side is {@link SpotCheckProver}, the verifier side {@link SpotCheckValidator}; the
 * protocol is described in {@code docs/schemes.md}, section "Spot-check".
 */
public final class SpotCheckScheme implements Scheme<SpotCheckParameters> {
  /** The scheme name. */
  public static final String NAME = SpotCheckParameters.SCHEME;

  private static final SpotCheckScheme INSTANCE = new SpotCheckScheme();

  private SpotCheckScheme() {}

  public static SpotCheckScheme create() {
    return INSTANCE;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<SpotCheckParameters> parametersType() {
    return SpotCheckParameters.class;
  }

  /**
   * Accepts a workload with independent items and exact outputs. The batch size is known only per
   * job; {@link #checkBatch} checks it when a task is prepared.
   *
   * @throws PolicyException naming the workload when it has no item structure or floating outputs
   */
  @Override
  public void checkApplicable(Workload<?, ?> workload, SpotCheckParameters parameters)
      throws PolicyException {
    itemStructure(workload);
  }

  /**
   * Checks that a requester batch of {@code itemCount} items can be spot-checked with {@code
   * parameters}: at least one item, at least {@code samples} of them (samples are distinct, so
   * {@code s + c <= N + c}), and a provider batch that fits in an {@code int}.
   *
   * @throws PolicyException saying which bound is violated
   */
  public void checkBatch(int itemCount, SpotCheckParameters parameters) throws PolicyException {
    try {
      parameters.batchSize(itemCount);
    } catch (IllegalArgumentException e) {
      throw new PolicyException("spot-check: " + e.getMessage());
    }
  }

  /**
   * The item structure of {@code workload}.
   *
   * @throws PolicyException when it has none, or when its outputs are not exact
   */
  static <I, O> ItemStructure<I, O> itemStructure(Workload<I, O> workload) throws PolicyException {
    Optional<ItemStructure<I, O>> items = workload.items();
    if (items.isEmpty()) {
      throw new PolicyException(
          "spot-check needs a workload of independent items; " + workload.id() + " has none");
    }
    if (workload.outputKind() != Workload.OutputKind.EXACT) {
      throw new PolicyException(
          "spot-check compares recomputed item outputs byte for byte; "
              + workload.id()
              + " has "
              + workload.outputKind()
              + " outputs");
    }
    return items.get();
  }

  @Override
  public String toString() {
    return NAME;
  }
}
