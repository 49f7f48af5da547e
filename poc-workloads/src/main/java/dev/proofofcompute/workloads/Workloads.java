package dev.proofofcompute.workloads;

import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.workloads.heat.HeatSim;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulF64;
import dev.proofofcompute.workloads.mlp.MlpInfer;
import dev.proofofcompute.workloads.mlp.QuantizedMlp;
import dev.proofofcompute.workloads.train.MlpTrain;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable registry of workload factories by name. {@link #builtIns()} holds {@code matmul},
 * {@code matmul-f64}, {@code mlp-infer}, {@code mlp-train} and {@code heat-sim}; a third party adds
 * its own with {@link #with}, which returns a new registry.
 */
public final class Workloads {
  private static final Workloads BUILT_INS =
      new Workloads(Map.of())
          .with(WorkloadFactory.fixed(MatMul.create()))
          .with(WorkloadFactory.fixed(MatMulF64.create()))
          .with(
              new WorkloadFactory() {
                @Override
                public String name() {
                  return MlpInfer.NAME;
                }

                @Override
                public Workload<?, ?> create(Bytes definition) throws DecodingException {
                  return MlpInfer.create(QuantizedMlp.decode(definition));
                }
              })
          .with(WorkloadFactory.fixed(MlpTrain.create()))
          .with(WorkloadFactory.fixed(HeatSim.create()));

  private final Map<String, WorkloadFactory> factories;

  private Workloads(Map<String, WorkloadFactory> factories) {
    this.factories = factories;
  }

  /** The built-in workloads. */
  public static Workloads builtIns() {
    return BUILT_INS;
  }

  /** An empty registry. */
  public static Workloads empty() {
    return new Workloads(Map.of());
  }

  /**
   * This registry plus {@code factory}.
   *
   * @throws IllegalArgumentException when the name is already registered
   */
  public Workloads with(WorkloadFactory factory) {
    if (factories.containsKey(factory.name())) {
      throw new IllegalArgumentException("workload '" + factory.name() + "' is already registered");
    }
    Map<String, WorkloadFactory> copy = new LinkedHashMap<>(factories);
    copy.put(factory.name(), factory);
    return new Workloads(copy);
  }

  /** The registered names, in registration order. */
  public List<String> names() {
    return List.copyOf(factories.keySet());
  }

  public Optional<WorkloadFactory> factory(String name) {
    return Optional.ofNullable(factories.get(name));
  }

  /**
   * The workload {@code name} defined by {@code definition}.
   *
   * @throws DecodingException when no workload has that name or the definition is not canonical
   */
  public Workload<?, ?> create(String name, Bytes definition) throws DecodingException {
    WorkloadFactory f = factories.get(name);
    if (f == null) {
      throw new DecodingException("unknown workload '" + name + "'; known: " + names());
    }
    return f.create(definition);
  }

  @Override
  public String toString() {
    return "Workloads" + names();
  }
}
