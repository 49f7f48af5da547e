package dev.proofofcompute.storage;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.Ed25519Signature;
import dev.proofofcompute.crypto.merkle.ConsistencyProof;
import dev.proofofcompute.crypto.merkle.InclusionProof;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.TransparencyLog;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Append throughput (entries/s, batches of 1, 100 and 1000) and proof sizes and costs at 10^6
 * entries through {@code JdbcLogStorage} ({@link TransactionalLogStore}: one storage transaction
 * per batch, as a coordinator commits them), on SQLite and, when {@code POC_TEST_PG_URL} is set, on
 * PostgreSQL (in a fresh schema, dropped afterwards). Off by default; it asserts nothing about
 * time. Run with
 *
 * <pre>
 *   ./mvnw -B -ntp -o verify -pl poc-storage -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *       -Dit.test=LogStoreBenchmarkIT -Dpoc.logstore.bench=true [-Dpoc.logstore.bench.size=1000000]
 * </pre>
 *
 * and read the Markdown tables on standard output. Entries are 280-byte deposits with a placeholder
 * signature (the log never checks signatures).
 */
@EnabledIfSystemProperty(named = "poc.logstore.bench", matches = "true")
class LogStoreBenchmarkIT {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static LogEntry entry(long i, Bytes key, Bytes request) {
    try {
      return new LogEntry(
          EntryKind.DEPOSIT,
          T0.plusMillis(i),
          CborMap.builder().put("seq", i).put("amount", 10 + i).put("memo", "x".repeat(40)).build(),
          new Authorisation.NodeRequest(
              dev.proofofcompute.crypto.identity.NodePublicKey.fromRaw(key),
              request,
              Ed25519Signature.fromBytes(Bytes.of(new byte[64]))));
    } catch (DecodingException e) {
      throw new AssertionError(e);
    }
  }

  static List<LogEntry> batch(long from, int count) {
    Bytes key = LogStoreContract.NODE.publicKey().raw();
    Bytes request = Bytes.of(new byte[96]);
    List<LogEntry> out = new ArrayList<>(count);
    for (long i = from; i < from + count; i++) {
      out.add(entry(i, key, request));
    }
    return out;
  }

  @Test
  void sqlite() throws Exception {
    Path dir = Files.createTempDirectory("poc-logbench");
    try (Storage s = Storages.open("sqlite:" + dir.resolve("bench.db"))) {
      run("SQLite (WAL, synchronous commits)", s);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  @Test
  void postgres() throws Exception {
    String url = System.getenv("POC_TEST_PG_URL");
    if (url == null || url.isBlank()) {
      System.out.println("PostgreSQL benchmark skipped: POC_TEST_PG_URL is not set");
      return;
    }
    String schema = TestPostgres.freshSchema("poc_logbench_");
    try (Storage s = Storages.open(TestPostgres.inSchema(url.strip(), schema))) {
      run("PostgreSQL (local, READ COMMITTED)", s);
    } finally {
      TestPostgres.dropSchema(url.strip(), schema);
    }
  }

  private static void run(String backend, Storage storage) {
    int size = Integer.getInteger("poc.logstore.bench.size", 1_000_000);
    TransparencyLog log = TransparencyLog.open(new TransactionalLogStore(storage));
    StringBuilder out = new StringBuilder();
    out.append("\n### ").append(backend).append(", ").append(size).append(" entries\n\n");
    out.append(String.format(Locale.ROOT, "load average at start: %.1f%n%n", load()));
    out.append("| batch | entries appended | log size after | wall (ms) | entries/s |\n");
    out.append("|---:|---:|---:|---:|---:|\n");
    long next = 0;
    // Batches of 1000 up to the size (the bulk), then 100 and 1 on top of it.
    int[][] plan = {{1000, size}, {100, Math.max(100, size / 20)}, {1, Math.min(2000, size / 50)}};
    for (int[] p : plan) {
      int b = p[0];
      int count = p[1] - p[1] % b;
      long t0 = System.nanoTime();
      for (int done = 0; done < count; done += b) {
        log.appendAll(batch(next, b));
        next += b;
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      out.append(
          String.format(
              Locale.ROOT,
              "| %d | %,d | %,d | %,d | %,.0f |%n",
              b,
              count,
              next,
              ms,
              count * 1000.0 / Math.max(1, ms)));
    }
    long n = log.size();
    RandomSource random = RandomSource.seeded(1962);
    int proofs = 1000;
    long incBytes = 0;
    long incMax = 0;
    long conBytes = 0;
    long conMax = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < proofs; i++) {
      InclusionProof p = log.inclusionProof(random.nextLong(n), n);
      long bytes = p.toBytes().length();
      incBytes += bytes;
      incMax = Math.max(incMax, bytes);
    }
    long incUs = (System.nanoTime() - t0) / 1000 / proofs;
    t0 = System.nanoTime();
    for (int i = 0; i < proofs; i++) {
      ConsistencyProof p = log.consistencyProof(1 + random.nextLong(n - 1), n);
      long bytes = p.toBytes().length();
      conBytes += bytes;
      conMax = Math.max(conMax, bytes);
    }
    long conUs = (System.nanoTime() - t0) / 1000 / proofs;
    out.append("\n| proof at ").append(String.format(Locale.ROOT, "%,d", n));
    out.append(" entries | mean bytes | max bytes | wall per proof (µs, one transaction) |\n");
    out.append("|---|---:|---:|---:|\n");
    out.append(
        String.format(
            Locale.ROOT,
            "| inclusion | %d | %d | %,d |%n| consistency | %d | %d | %,d |%n",
            incBytes / proofs,
            incMax,
            incUs,
            conBytes / proofs,
            conMax,
            conUs));
    out.append(String.format(Locale.ROOT, "%nload average at end: %.1f%n", load()));
    System.out.println(out);
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
