package dev.proofofcompute.cli;

import dev.proofofcompute.coordinator.audit.RequestBodyCheck;
import dev.proofofcompute.coordinator.audit.VerdictCheck;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.identity.KeyFiles;
import dev.proofofcompute.crypto.identity.NodePublicKey;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.storage.LogStore;
import dev.proofofcompute.storage.Storage;
import dev.proofofcompute.storage.Storages;
import dev.proofofcompute.translog.SignedTreeHead;
import dev.proofofcompute.translog.audit.AuditReport;
import dev.proofofcompute.translog.audit.AuditState;
import dev.proofofcompute.translog.audit.LogAuditor;
import dev.proofofcompute.translog.audit.LogSource;
import dev.proofofcompute.translog.audit.LogSourceException;
import dev.proofofcompute.translog.ledger.LedgerReplayCheck;
import dev.proofofcompute.translog.ledger.LedgerReplayCheck.ReportedBalances;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code poc audit}: checks a coordinator's transparency log without trusting the coordinator or
 * its database — the CLI around poc-translog's {@link LogAuditor} (docs/translog.md, "poc audit").
 *
 * <p>It reads the log from a database ({@code --db}) or from the coordinator's RFC 6962-shaped
 * endpoints ({@code --coordinator}), with the signed tree heads and the ledger balances the
 * operator reports; it checks every head against the pinned coordinator key, consistency with the
 * head saved by the previous audit ({@code --state}), every entry (hashes, signatures, replays,
 * beacon), replays the ledger operations the entries carry ({@link LedgerReplayCheck}) to compare
 * the balances, re-verifies every verdict whose evidence the log holds ({@link VerdictCheck}) and
 * checks that every node-authorised entry records what the node's signed request asked for ({@link
 * RequestBodyCheck}). Exit status: 0 when nothing is wrong, 1 when a discrepancy was found (each
 * one named on its own line) or the log could not be read, 2 on a usage error.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Audit a transparency log: tree-head signatures, consistency with the last audit, every",
      "entry, and the ledger replayed against the reported balances. Exit 0 pass, 1 discrepancy,",
      "2 usage error."
    })
final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  static final class Target {
    @Option(
        names = "--db",
        paramLabel = "URL",
        description =
            "A coordinator database: sqlite:PATH or postgresql://HOST[:PORT]/DB?user=U&password=P.")
    @Nullable String db;

    @Option(
        names = "--coordinator",
        paramLabel = "URL",
        description = "A coordinator's base URL, e.g. http://127.0.0.1:8080 (GET /v1/log/...).")
    @Nullable URI coordinator;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target = new Target();

  @Option(
      names = "--coordinator-key",
      required = true,
      paramLabel = "FILE",
      description = {
        "The coordinator's public key (PEM, as `poc keys new` writes FILE.pub). Repeat it for",
        "coordinators that share one database and sign the log with their own keys (--log-key)."
      })
  List<Path> coordinatorKeys = new ArrayList<>();

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description = {
        "Audit state kept between runs: the largest head checked. Read if it exists, written",
        "after the audit; a later audit then catches a log rolled back or rewritten."
      })
  @Nullable Path state;

  @Option(
      names = "--samples",
      paramLabel = "N",
      defaultValue = "32",
      description = "Entries whose inclusion proof is checked against the head (default 32).")
  int samples;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed of the inclusion sample (default: a fresh random one, printed).")
  @Nullable Long seed;

  /** What the audit reads from its target before auditing. */
  private record Observed(List<SignedTreeHead> heads, ReportedBalances balances, String where) {}

  @Override
  public Integer call() {
    if (samples < 0) {
      throw new IllegalArgumentException("--samples must be at least 0, got " + samples);
    }
    List<NodePublicKey> keys = new ArrayList<>();
    for (Path file : coordinatorKeys) {
      keys.add(loadKey(file));
    }
    AuditState previous = state == null ? null : loadState(state);
    long sampleSeed = seed != null ? seed : RandomSource.secure().nextLong(Long.MAX_VALUE);
    PrintWriter out = spec.commandLine().getOut();
    if (target.db != null) {
      Storage storage = openDatabase(target.db);
      try {
        Observed observed;
        try {
          observed = readDatabase(storage);
        } catch (RuntimeException e) {
          out.println("FAIL: cannot read the log of " + storage.location() + ": " + e.getMessage());
          return 1;
        }
        return audit(keys, previous, sampleSeed, new DatabaseLogSource(storage), observed, out);
      } finally {
        storage.close();
      }
    }
    URI base = checkUrl(java.util.Objects.requireNonNull(target.coordinator));
    HttpLogSource source = new HttpLogSource(base);
    Observed observed;
    try {
      // Balances first: the head read after them covers at least as many entries.
      ReportedBalances balances = source.balances();
      observed = new Observed(List.of(source.head()), balances, base.toString());
    } catch (LogSourceException e) {
      out.println("FAIL: cannot read the log of " + base + ": " + e.getMessage());
      return 1;
    }
    return audit(keys, previous, sampleSeed, source, observed, out);
  }

  private int audit(
      List<NodePublicKey> keys,
      @Nullable AuditState previous,
      long sampleSeed,
      LogSource source,
      Observed observed,
      PrintWriter out) {
    AtomicReference<@Nullable VerdictCheck> verdicts = new AtomicReference<>();
    AtomicReference<@Nullable RequestBodyCheck> bodies = new AtomicReference<>();
    LogAuditor auditor =
        LogAuditor.builder(keys, RandomSource.seeded(sampleSeed))
            .sampleCount(samples)
            .addCheck(() -> LedgerReplayCheck.comparingWith(observed.balances()))
            .addCheck(() -> {
              VerdictCheck c = VerdictCheck.standard();
              verdicts.set(c);
              return c;
            })
            .addCheck(() -> {
              RequestBodyCheck c = RequestBodyCheck.standard();
              bodies.set(c);
              return c;
            })
            .build();
    AuditReport report = auditor.audit(source, observed.heads(), previous);
    out.println(
        "audit of "
            + observed.where()
            + ": "
            + observed.heads().size()
            + " signed head(s), balances of "
            + observed.balances().balances().size()
            + " account(s) at log size "
            + observed.balances().treeSize()
            + (previous == null
                ? ", no saved state"
                : ", saved state at size " + previous.head().treeSize())
            + ", inclusion sample seed "
            + sampleSeed);
    out.println(report.summary());
    RequestBodyCheck b = bodies.get();
    VerdictCheck v = verdicts.get();
    if (b != null && v != null) {
      out.println(
          "checked: "
              + b.bodiesVerified()
              + " node request bodies matched their entries, "
              + b.bodiesNotLogged()
              + " body not logged (larger than 64 KiB); "
              + v.summary());
    }
    Path stateFile = state;
    if (stateFile != null) {
      report.stateToSave().ifPresent(s -> saveState(stateFile, s));
    }
    out.flush();
    return report.passed() ? 0 : 1;
  }

  // --- the database target ---

  private static Storage openDatabase(String url) {
    String u = url.strip();
    String path = u.startsWith("jdbc:") ? u.substring(5) : u;
    if (path.startsWith("sqlite:")) {
      String file = path.substring("sqlite:".length());
      if (!file.equals(":memory:") && !Files.isRegularFile(Path.of(file))) {
        throw new IllegalArgumentException("no such database file: " + file);
      }
    }
    return Storages.open(u);
  }

  /**
   * Reads the heads, the log size and the balances in one transaction that keeps appenders out, so
   * that the balances include exactly the operations of the entries up to that size.
   */
  private static Observed readDatabase(Storage storage) {
    return storage.transaction(tx -> {
      LogStore log = tx.log();
      long size = log.sizeHoldingAppends();
      Set<SignedTreeHead> heads = new LinkedHashSet<>();
      long from = 0;
      while (true) {
        List<SignedTreeHead> page = log.treeHeads(from, LogStore.MAX_HEADS_PER_READ);
        boolean added = false;
        for (SignedTreeHead h : page) {
          added |= heads.add(h);
        }
        if (page.size() < LogStore.MAX_HEADS_PER_READ || !added) {
          break;
        }
        from = page.get(page.size() - 1).treeSize();
      }
      return new Observed(
          new ArrayList<>(heads),
          new ReportedBalances(size, tx.ledger().balances()),
          storage.location());
    });
  }

  // --- files ---

  private static NodePublicKey loadKey(Path file) {
    try {
      String text = Files.readString(file);
      return text.contains("PRIVATE KEY")
          ? KeyFiles.loadPrivateKey(file).publicKey()
          : KeyFiles.loadPublicKey(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no such key file: " + file, e);
    } catch (IOException | DecodingException e) {
      throw new IllegalArgumentException("not a key file: " + file + ": " + e.getMessage(), e);
    }
  }

  private static @Nullable AuditState loadState(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return AuditState.decode(Bytes.of(Files.readAllBytes(file)));
    } catch (IOException | DecodingException e) {
      throw new IllegalArgumentException(
          "the state file " + file + " is not an audit state: " + e.getMessage(), e);
    }
  }

  private static void saveState(Path file, AuditState s) {
    Path abs = file.toAbsolutePath();
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    try {
      Files.write(tmp, s.encode().toByteArray());
      try {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the state file " + file + ": " + e, e);
    }
  }

  private static URI checkUrl(URI url) {
    String scheme = url.getScheme();
    if (scheme == null
        || !(scheme.equals("http") || scheme.equals("https"))
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          "--coordinator takes an http(s) URL such as http://127.0.0.1:8080, got " + url);
    }
    try {
      return new URI(scheme, null, url.getHost(), url.getPort(), url.getPath(), null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--coordinator: " + e.getMessage(), e);
    }
  }
}
