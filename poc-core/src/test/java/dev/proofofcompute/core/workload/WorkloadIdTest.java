package dev.proofofcompute.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WorkloadIdTest {

  @Test
  void idIsTheDocumentedTaggedHash() {
    Bytes config = Bytes.fromHex("c0ffee");
    WorkloadId id = WorkloadId.of("matmul", 2, config);
    byte[] name = "matmul".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer header = ByteBuffer.allocate(1 + name.length + 12);
    header.put((byte) name.length).put(name).putInt(2).putLong(3);
    assertThat(id.digest())
        .isEqualTo(Hashes.hash("poc/workload/id/v1", header.array(), config.toByteArray()));
  }

  @Test
  void everyComponentChangesTheId() {
    Bytes config = Bytes.fromHex("01");
    WorkloadId base = WorkloadId.of("heat-sim", 1, config);
    assertThat(WorkloadId.of("heat-sim", 2, config).digest()).isNotEqualTo(base.digest());
    assertThat(WorkloadId.of("heat-sin", 1, config).digest()).isNotEqualTo(base.digest());
    assertThat(WorkloadId.of("heat-sim", 1, Bytes.fromHex("02")).digest())
        .isNotEqualTo(base.digest());
    assertThat(WorkloadId.of("heat-sim", 1, config)).isEqualTo(base);
  }

  @Test
  void rejectsBadNamesAndVersions() {
    assertThatThrownBy(() -> WorkloadId.of("Bad Name", 1, Bytes.EMPTY))
        .hasMessageContaining("workload name");
    assertThatThrownBy(() -> WorkloadId.of("ok", 0, Bytes.EMPTY))
        .hasMessageContaining("version is >= 1");
  }
}
