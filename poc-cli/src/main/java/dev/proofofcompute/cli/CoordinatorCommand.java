package dev.proofofcompute.cli;

import dev.proofofcompute.coordinator.Coordinator;
import dev.proofofcompute.coordinator.CoordinatorConfig;
import dev.proofofcompute.crypto.DecodingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code poc coordinator}: run a coordinator until interrupted. */
@Command(
    name = "coordinator",
    mixinStandardHelpOptions = true,
    description = {
      "Run a coordinator: the signed HTTP API (docs/coordinator.md), the scheduler and the",
      "verification pipeline, on an embedded SQLite file or a shared PostgreSQL database.",
      "Runs until interrupted (Ctrl-C); everything it decides is in the database, so it can be",
      "stopped at any moment and started again."
    })
final class CoordinatorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--db",
      required = true,
      paramLabel = "URL",
      description = "sqlite:PATH or postgresql://HOST[:PORT]/DB?user=U&password=P")
  String db;

  @Option(names = "--port", description = "Port to listen on; 0 picks a free one (default 8080).")
  int port = 8080;

  @Option(names = "--host", description = "Interface to listen on (default 127.0.0.1).")
  String host = "127.0.0.1";

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description =
          "The coordinator's Ed25519 key (PEM), created if missing (default coordinator.key beside"
              + " a SQLite file, else ./coordinator.key).")
  Path key;

  @Option(
      names = "--log-key",
      paramLabel = "FILE",
      description =
          "This instance's own Ed25519 key (PEM, created if missing) for the transparency log's"
              + " coordinator entries and tree heads; default: --key. Coordinators on one"
              + " database share --key and may each sign the log with their own --log-key;"
              + " `poc audit` pins every one (--coordinator-key, repeated).")
  @org.jspecify.annotations.Nullable
  Path logKey;

  @Option(
      names = "--lease-seconds",
      description = "How long a node holds a task before it lapses (default 60).")
  long leaseSeconds = 60;

  @Option(
      names = "--operator-deposits",
      description =
          "Only the operator (the coordinator's key) credits deposits; by default any node may"
              + " deposit to itself (demos, testnets).")
  boolean operatorDeposits;

  @Override
  public Integer call() throws IOException, DecodingException, InterruptedException {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be in 0..65535, got " + port);
    }
    if (leaseSeconds < 1) {
      throw new IllegalArgumentException("--lease-seconds must be at least 1");
    }
    Path keyFile = key != null ? key : defaultKey(db);
    dev.proofofcompute.coordinator.service.ServiceSettings settings =
        dev.proofofcompute.coordinator.service.ServiceSettings.defaults()
            .withLeaseDuration(Duration.ofSeconds(leaseSeconds));
    if (operatorDeposits) {
      settings = settings.withOperatorDeposits(operatorKey(keyFile));
    }
    CoordinatorConfig config =
        CoordinatorConfig.of(db, port).withHost(host).withKeyFile(keyFile).withSettings(settings);
    if (logKey != null) {
      config = config.withLogKeyFile(logKey);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Coordinator coordinator;
    try {
      coordinator = Coordinator.start(config);
    } catch (dev.proofofcompute.storage.StorageException e) {
      throw new IllegalStateException("cannot open the database: " + e.getMessage(), e);
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              coordinator.close();
              stopped.countDown();
            }));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "coordinator %s listening at %s%n",
        coordinator.identity().nodeId().toHex(), coordinator.uri());
    out.printf(
        "database: %s; key: %s; log key: %s%n",
        coordinator.storage().location(),
        keyFile,
        coordinator.services().logKey().nodeId().toHex());
    out.flush();
    stopped.await();
    return 0;
  }

  /** The coordinator key's public half, creating the key file (owner-only) when missing. */
  static dev.proofofcompute.crypto.identity.NodePublicKey operatorKey(Path file)
      throws IOException, DecodingException {
    if (!java.nio.file.Files.exists(file)) {
      dev.proofofcompute.crypto.identity.KeyFiles.savePrivateKey(
          file,
          dev.proofofcompute.crypto.identity.NodeIdentity.generate(
              new java.security.SecureRandom()));
    }
    return dev.proofofcompute.crypto.identity.KeyFiles.loadPrivateKey(file).publicKey();
  }

  static Path defaultKey(String db) {
    if (db.startsWith("sqlite:") && !db.equals("sqlite::memory:")) {
      Path file = Path.of(db.substring("sqlite:".length())).toAbsolutePath();
      Path dir = file.getParent();
      return dir == null ? Path.of("coordinator.key") : dir.resolve("coordinator.key");
    }
    return Path.of("coordinator.key");
  }
}
