package dev.proofofcompute.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.stark.workload.MatVec;
import dev.proofofcompute.stark.workload.MimcChain;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadCatalogTest {
  @Test
  void resolvesTheAirWorkloadsByTheirContentAddress() throws Exception {
    WorkloadCatalog catalog = WorkloadCatalog.standard();
    for (Workload<?, ?> w : List.<Workload<?, ?>>of(MimcChain.create(), MatVec.create())) {
      assertThat(catalog.require(w.id()).id()).isEqualTo(w.id());
    }
  }

  @Test
  void anUnknownWorkloadIsAProtocolError() {
    WorkloadId unknown = WorkloadId.of("no-such-workload", 1, Bytes.EMPTY);
    assertThat(WorkloadCatalog.standard().resolve(unknown)).isEmpty();
    assertThatThrownBy(() -> WorkloadCatalog.standard().require(unknown))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("no-such-workload");
  }
}
