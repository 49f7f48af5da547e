package dev.proofofcompute.protocol;

import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.stark.workload.MatVec;
import dev.proofofcompute.stark.workload.MimcChain;
import dev.proofofcompute.workloads.WorkloadFactory;
import dev.proofofcompute.workloads.Workloads;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the {@link WorkloadId} of a job to the workload that computes it. A job names its
 * workload by content address only, so every node must be able to rebuild the same workload:
 *
 * <ul>
 *   <li>workloads without configuration (matmul, matmul-f64, mlp-train, heat-sim, mimc-chain,
 *       matvec and any factory registered in the {@link Workloads} registry given here) are built
 *       by their factory from the empty definition, and used if the id matches;
 *   <li>configured workloads (an {@code mlp-infer} model) are registered explicitly with {@link
 *       #with(Workload)} or {@link #define(String, Bytes)}.
 * </ul>
 *
 * <p>All workloads come through one {@link Workloads} registry: {@link #standard()} is the built-in
 * registry of poc-workloads plus the STARK-provable ({@code AirWorkload}) workloads of poc-stark,
 * so adding a workload there, or passing a larger registry to {@link #of}, adds it to every scheme
 * without touching the protocols. Immutable.
 */
public final class WorkloadCatalog {
  private static final Bytes EMPTY_DEFINITION = CborMap.EMPTY.encode();

  private final Workloads registry;
  private final Map<WorkloadId, Workload<?, ?>> configured;

  private WorkloadCatalog(Workloads registry, Map<WorkloadId, Workload<?, ?>> configured) {
    this.registry = registry;
    this.configured = Map.copyOf(configured);
  }

  /** The workloads of poc-workloads and the AIR workloads of poc-stark. */
  public static WorkloadCatalog standard() {
    return of(standardRegistry());
  }

  /**
   * The registry behind {@link #standard()}: {@link Workloads#builtIns()} plus the AIR workloads
   * ({@code mimc-chain}, {@code matvec}); an AIR workload added to poc-stark is registered here
   * once.
   */
  public static Workloads standardRegistry() {
    return Workloads.builtIns()
        .with(WorkloadFactory.fixed(MimcChain.create()))
        .with(WorkloadFactory.fixed(MatVec.create()));
  }

  /** The workloads of {@code registry}. */
  public static WorkloadCatalog of(Workloads registry) {
    return new WorkloadCatalog(registry, Map.of());
  }

  /** This catalog plus a configured workload, found by its id. */
  public WorkloadCatalog with(Workload<?, ?> workload) {
    Map<WorkloadId, Workload<?, ?>> copy = new LinkedHashMap<>(configured);
    copy.put(workload.id(), workload);
    return new WorkloadCatalog(registry, copy);
  }

  /**
   * This catalog plus the workload {@code name} built from {@code definition} by the registry.
   *
   * @throws DecodingException when the name is unknown or the definition is not canonical
   */
  public WorkloadCatalog define(String name, Bytes definition) throws DecodingException {
    return with(registry.create(name, definition));
  }

  /** The workload with this id, if this catalog can build it. */
  public Optional<Workload<?, ?>> resolve(WorkloadId id) {
    Workload<?, ?> known = configured.get(id);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<WorkloadFactory> factory = registry.factory(id.name());
    if (factory.isEmpty()) {
      return Optional.empty();
    }
    try {
      Workload<?, ?> w = factory.get().create(EMPTY_DEFINITION);
      return w.id().equals(id) ? Optional.of(w) : Optional.empty();
    } catch (DecodingException | RuntimeException e) {
      // The workload needs a configuration (e.g. a model): only an explicit registration serves.
      return Optional.empty();
    }
  }

  /**
   * The workload of {@code job}.
   *
   * @throws ProtocolException when this catalog cannot build it
   */
  public Workload<?, ?> require(WorkloadId id) throws ProtocolException {
    return resolve(id)
        .orElseThrow(() ->
            new ProtocolException(
                "unknown workload "
                    + id
                    + ": not a built-in without configuration, and not registered with its"
                    + " definition"));
  }

  @Override
  public String toString() {
    return "WorkloadCatalog[" + registry.names() + " + " + configured.size() + " configured]";
  }
}
