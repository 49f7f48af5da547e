package dev.proofofcompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.cli.TourCommandTest.Run;
import dev.proofofcompute.coordinator.ApiFixture;
import dev.proofofcompute.coordinator.EndToEndIT;
import dev.proofofcompute.crypto.identity.KeyFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code poc audit} on a log written through batched requests (poc-coordinator's {@link EndToEndIT}
 * scenario with every lease, commitment, challenge poll, response and report sent in {@code POST
 * /v1/leases/batch} and {@code POST /v1/tasks/batch}): one signed request authorises one entry per
 * operation, each marked with its {@code batch-op} index, and the audit — signatures, replays,
 * beacon, ledger replay, verdicts re-verified — passes over HTTP and on the database.
 */
class BatchedCoordinatorAuditIT {
  @TempDir Path dir;

  @Test
  void aLogWrittenThroughBatchesAudits() throws Exception {
    try (ApiFixture fixture = new ApiFixture(dir, EndToEndIT.SEED, 8 << 20)) {
      EndToEndIT.runAndCheck(fixture, true);
      Path key = dir.resolve("coordinator.pub");
      KeyFiles.savePublicKey(key, fixture.coordinator.identity().publicKey());

      Run http = audit(key, "--coordinator", fixture.coordinator.uri().toString());
      assertThat(http.exit()).as(http.out() + http.err()).isZero();
      assertThat(http.out()).contains("PASS").contains("0 discrepancies");

      Path copy = dir.resolve("copy.db");
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("api.db"));
          var st = c.createStatement()) {
        st.execute("VACUUM INTO '" + copy + "'");
      }
      Run db = audit(key, "--db", "sqlite:" + copy);
      assertThat(db.exit()).as(db.out() + db.err()).isZero();
      assertThat(db.out()).contains("PASS").contains("0 discrepancies");
    }
  }

  private static Run audit(Path key, String... args) {
    List<String> all = new ArrayList<>(List.of("audit", "--coordinator-key", key.toString()));
    all.addAll(List.of(args));
    all.addAll(List.of("--seed", Long.toString(EndToEndIT.SEED)));
    return TourCommandTest.run(all.toArray(String[]::new));
  }
}
