package dev.proofofcompute.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.stark.workload.MimcChain;
import dev.proofofcompute.workloads.heat.HeatSim;
import dev.proofofcompute.workloads.mlp.MlpGenerator;
import dev.proofofcompute.workloads.mlp.MlpInfer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolsTest {
  @Test
  void everySchemeIsRegisteredByItsName() throws ProtocolException {
    Protocols protocols = Protocols.standard(WorkloadCatalog.standard());
    assertThat(protocols.names())
        .containsExactly("replication", "spot-check", "freivalds", "bisection", "stark", "tee");
    for (String name : protocols.names()) {
      assertThat(protocols.require(name).scheme()).isEqualTo(name);
    }
    assertThatThrownBy(() -> protocols.require("magic"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("known");
    assertThatThrownBy(() ->
            Protocols.of(
                List.of(
                    ReplicationProtocol.create(WorkloadCatalog.standard()),
                    ReplicationProtocol.create(WorkloadCatalog.standard()))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCatalogResolvesBuiltInsAirWorkloadsAndRegisteredModels() throws ProtocolException {
    WorkloadCatalog catalog = WorkloadCatalog.standard();
    assertThat(catalog.require(HeatSim.create().id())).isSameAs(HeatSim.create());
    assertThat(catalog.require(MimcChain.create().id())).isSameAs(MimcChain.create());
    MlpInfer mlp = MlpInfer.create(MlpGenerator.randomModel(1, 4, 3));
    assertThatThrownBy(() -> catalog.require(mlp.id()))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("registered");
    assertThat(catalog.with(mlp).require(mlp.id())).isSameAs(mlp);
  }
}
