package dev.proofofcompute.workloads;

import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;

/**
 * Builds the workload of one name from its canonical definition: the bytes a job carries so that
 * every node can instantiate the same workload (for {@code mlp-infer} the model encoding; for
 * workloads without configuration the empty CBOR map {@code 0xa0}). The built workload's {@link
 * Workload#id()} is the content address the job is checked against.
 */
public interface WorkloadFactory {
  /** The workload name, as in its {@code WorkloadId}. */
  String name();

  /**
   * The workload defined by {@code definition}.
   *
   * @throws DecodingException when {@code definition} is not a canonical definition
   */
  Workload<?, ?> create(Bytes definition) throws DecodingException;

  /** A factory for a workload that has no configuration: its definition is the empty CBOR map. */
  static WorkloadFactory fixed(Workload<?, ?> workload) {
    String name = workload.id().name();
    return new WorkloadFactory() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Workload<?, ?> create(Bytes definition) throws DecodingException {
        WorkloadCodecs.decodeMap(definition, name + " definition");
        return workload;
      }

      @Override
      public String toString() {
        return "WorkloadFactory[" + name + "]";
      }
    };
  }
}
