package dev.proofofcompute.translog;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.merkle.ConsistencyProof;
import dev.proofofcompute.crypto.merkle.InclusionProof;
import dev.proofofcompute.crypto.merkle.MerkleVerifier;
import dev.proofofcompute.translog.TransparencyLogTest.CountingStorage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Append throughput (entries/s, batches of 1, 100 and 1000) and proof sizes and costs at 10^6
 * entries, on {@link InMemoryLogStorage}. Off by default: it measures and asserts nothing about
 * time. Entries are node-signed deposits of about 300 bytes (a thousand distinct signed requests,
 * reused with distinct bodies; the log never checks signatures, so signing is kept out of the
 * measurement). Run with
 *
 * <pre>
 *   ./mvnw -B -ntp -o test -pl poc-translog -Dtest=TransparencyLogBenchmarkTest \
 *       -Dpoc.translog.bench=true [-Dpoc.translog.bench.size=1000000]
 * </pre>
 *
 * and read the Markdown tables on standard output.
 */
@EnabledIfSystemProperty(named = "poc.translog.bench", matches = "true")
class TransparencyLogBenchmarkTest {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static List<LogEntry> entries(int count) {
    List<NodeIdentity> nodes = List.of(TestEntries.identity(1), TestEntries.identity(2));
    List<LogEntry> templates = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      templates.add(TestEntries.signedDeposit(nodes.get(i % 2), i));
    }
    List<LogEntry> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      LogEntry t = templates.get(i % templates.size());
      out.add(
          new LogEntry(
              t.kind(),
              t.time().plusMillis(i),
              CborMap.builder().put("seq", i).put("amount", 10 + i).build(),
              t.authorisation()));
    }
    return out;
  }

  /** Appends all entries in batches; returns {cpu ms, wall ms}. */
  private static double[] append(TransparencyLog log, List<LogEntry> all, int batch) {
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    for (int i = 0; i < all.size(); i += batch) {
      log.appendAll(all.subList(i, Math.min(all.size(), i + batch)));
    }
    return new double[] {
      (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6, (System.nanoTime() - wall0) / 1e6
    };
  }

  @Test
  void appendThroughputAndProofSizes() throws Exception {
    int size = Integer.getInteger("poc.translog.bench.size", 1_000_000);
    List<LogEntry> all = entries(size);
    long bytes = all.get(size / 2).encode().length();
    // Warm-up.
    append(TransparencyLog.open(new InMemoryLogStorage()), all.subList(0, 50_000), 100);
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%nAppend, InMemoryLogStorage, entries of %d bytes%n"
                + "| batch | entries | CPU (ms) | wall (ms) | entries/s (CPU) | entries/s (wall) |%n"
                + "|---:|---:|---:|---:|---:|---:|%n",
            bytes));
    TransparencyLog full = null;
    for (int batch : new int[] {1, 100, 1000}) {
      int n = batch == 1 ? Math.min(size, 200_000) : size;
      TransparencyLog log = TransparencyLog.open(new CountingStorage(new InMemoryLogStorage()));
      double[] t = append(log, all.subList(0, n), batch);
      out.append(
          String.format(
              Locale.ROOT,
              "| %d | %d | %.0f | %.0f | %.0f | %.0f |%n",
              batch,
              n,
              t[0],
              t[1],
              n / (t[0] / 1000),
              n / (t[1] / 1000)));
      if (n == size) {
        full = log;
      }
    }
    if (full == null) {
      throw new AssertionError("no run covered all " + size + " entries");
    }
    TransparencyLog log = full;
    Digest root = log.rootHash(size);
    SplittableRandom rnd = new SplittableRandom(5);
    int trials = 2000;
    long inclusionBytes = 0;
    int inclusionMax = 0;
    long consistencyBytes = 0;
    int consistencyMax = 0;
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < trials; i++) {
      int index = rnd.nextInt(size);
      InclusionProof p = log.inclusionProof(index, size);
      inclusionBytes += p.toBytes().length();
      inclusionMax = Math.max(inclusionMax, p.toBytes().length());
    }
    double inclusionUs = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e3 / trials;
    cpu0 = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < trials; i++) {
      int old = 1 + rnd.nextInt(size - 1);
      ConsistencyProof c = log.consistencyProof(old, size);
      consistencyBytes += c.toBytes().length();
      consistencyMax = Math.max(consistencyMax, c.toBytes().length());
    }
    double consistencyUs = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e3 / trials;
    // Spot-check that what was measured verifies.
    int index = size / 3;
    MerkleVerifier.verifyInclusion(
        all.get(index).leafHash(), index, size, root, log.inclusionProof(index, size));
    MerkleVerifier.verifyConsistency(
        size / 7, log.rootHash(size / 7), size, root, log.consistencyProof(size / 7, size));
    out.append(
        String.format(
            Locale.ROOT,
            "%nProofs at %d entries (%d random proofs each)%n"
                + "| proof | mean bytes | max bytes | hashes (max) | CPU per proof (µs) |%n"
                + "|---|---:|---:|---:|---:|%n"
                + "| inclusion | %.0f | %d | %d | %.1f |%n"
                + "| consistency | %.0f | %d | %d | %.1f |%n",
            size,
            trials,
            (double) inclusionBytes / trials,
            inclusionMax,
            (inclusionMax - 18) / 32,
            inclusionUs,
            (double) consistencyBytes / trials,
            consistencyMax,
            (consistencyMax - 18) / 32,
            consistencyUs));
    System.out.println(out);
  }
}
