package dev.proofofcompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proofofcompute.cli.TourCommandTest.Run;
import dev.proofofcompute.crypto.identity.KeyFiles;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.storage.LogStore;
import dev.proofofcompute.storage.Storage;
import dev.proofofcompute.storage.Storages;
import dev.proofofcompute.storage.TestPostgres;
import dev.proofofcompute.storage.TransactionalLogStore;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.SignedTreeHead;
import dev.proofofcompute.translog.TransparencyLog;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code poc coordinator} processes on one PostgreSQL database keep one transparency log, each
 * signing its own entries and tree heads with its own key ({@code --log-key}; they share the
 * operator key {@code --key}, which derives the task secrets), while they serve the same honest
 * workers — two on one coordinator each, two spreading every call over both — and jobs of
 * spot-check, replication, Freivalds and bisection submitted through both.
 *
 * <p>Then {@code poc audit --db <the PostgreSQL URL>} and {@code poc audit --coordinator <each
 * URL>}, with both log keys pinned, pass: one log whose entries and heads come from both keys,
 * consistent, every node signature verified, every request body matched with its entry, every
 * verdict re-verified, the ledger replay matching the balances. Pinning only one key fails, naming
 * the other's heads and entries. Skipped, with how to run it, when {@code POC_TEST_PG_URL} names no
 * reachable server (a failure with {@code POC_TEST_PG_REQUIRED=true}).
 */
class SharedLogAuditIT {
  static final long LEASE_SECONDS = 10;
  static final long SEED = 47;

  @TempDir Path dir;

  @Test
  void twoCoordinatorsKeepOneLogThatAuditsCleanFromTheDatabaseAndFromEachOfThem() throws Exception {
    try (TestDatabase db = TestDatabase.postgres("SharedLogAuditIT")) {
      System.out.println("SharedLogAuditIT on " + db + ", seed " + SEED);
      int p0 = CoordinatorProcess.freePort();
      int p1 = CoordinatorProcess.freePort();
      ProcessNet net =
          new ProcessNet(
              SEED,
              dir,
              List.of(URI.create("http://127.0.0.1:" + p0), URI.create("http://127.0.0.1:" + p1)));
      List<NodeIdentity> logKeys = List.of(net.identity("log-key-0"), net.identity("log-key-1"));
      List<Path> logKeyFiles = new ArrayList<>();
      List<Path> pinned = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Path file = dir.resolve("log-" + i + ".pem");
        KeyFiles.savePrivateKey(file, logKeys.get(i));
        Path pub = dir.resolve("log-" + i + ".pub");
        KeyFiles.savePublicKey(pub, logKeys.get(i).publicKey());
        logKeyFiles.add(file);
        pinned.add(pub);
      }
      try (CoordinatorProcess c0 =
              new CoordinatorProcess(
                  db.url(),
                  p0,
                  net.keyFile,
                  LEASE_SECONDS,
                  dir.resolve("c0.log"),
                  logKeyFiles.get(0));
          CoordinatorProcess c1 =
              new CoordinatorProcess(
                  db.url(),
                  p1,
                  net.keyFile,
                  LEASE_SECONDS,
                  dir.resolve("c1.log"),
                  logKeyFiles.get(1));
          net) {
        CoordinatorProcess.startTogether(c0, c1);
        net.fundRequester();
        net.submit(6, 0);
        net.submit(6, 1);
        net.submitBisection(1, 0);
        net.submitBisection(1, 1);
        net.worker("a0", 2, List.of(0), Duration.ZERO);
        net.worker("b0", 2, List.of(1), Duration.ZERO);
        net.worker("x0", 2, List.of(0, 1), Duration.ZERO);
        net.worker("x1", 2, List.of(1, 0), Duration.ZERO);
        Map<String, JsonNode> ended =
            net.awaitAllEnded(
                Duration.ofMinutes(2), () -> "c0:\n" + c0.log() + "\nc1:\n" + c1.log());
        for (JsonNode j : ended.values()) {
          assertThat(j.get("status").asText()).as("%s (seed %d)", j, SEED).isEqualTo("decided");
        }
        net.close();

        // One log, entries and heads from both log keys.
        Map<NodeId, Long> entriesBy = new TreeMap<>();
        Map<NodeId, Long> headsBy;
        try (Storage storage = Storages.open(db.url())) {
          TransparencyLog log = TransparencyLog.open(new TransactionalLogStore(storage));
          List<LogEntry> entries = new ArrayList<>();
          while (entries.size() < log.size()) {
            entries.addAll(log.entries(entries.size(), log.size()));
          }
          for (LogEntry e : entries) {
            if (e.authorisation() instanceof Authorisation.CoordinatorBatch c) {
              entriesBy.merge(c.signerId(), 1L, Long::sum);
            }
          }
          List<SignedTreeHead> heads =
              storage.transaction(tx -> tx.log().treeHeads(0, LogStore.MAX_HEADS_PER_READ));
          headsBy =
              heads.stream()
                  .collect(
                      Collectors.groupingBy(
                          SignedTreeHead::keyId, TreeMap::new, Collectors.counting()));
        }
        System.out.printf(
            "SharedLogAuditIT: coordinator entries by log key %s; heads by log key %s%n",
            entriesBy, headsBy);
        for (NodeIdentity k : logKeys) {
          assertThat(entriesBy).as("entries signed by each log key").containsKey(k.nodeId());
          assertThat(headsBy).as("heads signed by each log key").containsKey(k.nodeId());
        }

        List<String> keys = new ArrayList<>();
        for (Path p : pinned) {
          keys.addAll(List.of("--coordinator-key", p.toString()));
        }
        for (String target :
            List.of("--db=" + db.url(), "--coordinator=" + c0.uri(), "--coordinator=" + c1.uri())) {
          List<String> args = new ArrayList<>(List.of("audit", target, "--seed", "5"));
          args.addAll(keys);
          Run r = TourCommandTest.run(args.toArray(String[]::new));
          System.out.println("SharedLogAuditIT " + TestPostgres.redact(target) + ":\n" + r.out());
          assertThat(r.exit()).as(r.out() + r.err()).isZero();
          assertThat(r.out())
              .contains("PASS")
              .contains(" 0 discrepancies")
              .contains(" 0 body not logged")
              .doesNotContain("checked: 0 node request bodies");
        }

        // Pinning one key is not enough: the other's heads and entries are named.
        Run one =
            TourCommandTest.run(
                "audit",
                "--db=" + db.url(),
                "--seed",
                "5",
                "--coordinator-key",
                pinned.get(0).toString());
        assertThat(one.exit()).as(one.out() + one.err()).isEqualTo(1);
        assertThat(one.out()).contains("BAD_SIGNATURE at entry");
        c0.stop();
        c1.stop();
      }
    }
  }
}
