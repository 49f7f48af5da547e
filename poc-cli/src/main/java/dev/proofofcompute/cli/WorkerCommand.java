package dev.proofofcompute.cli;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.identity.KeyFiles;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.protocol.WorkloadCatalog;
import dev.proofofcompute.storage.NodeRole;
import dev.proofofcompute.worker.Behaviour;
import dev.proofofcompute.worker.WorkerAgent;
import dev.proofofcompute.worker.WorkerConfig;
import dev.proofofcompute.worker.WorkerException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code poc worker}: run a provider and/or validator agent until stopped. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Run a worker: registers its node with the coordinator, deposits and stakes, then leases",
      "tasks, executes them with the job's verification scheme, commits, answers challenges,",
      "dispute questions and validation work (docs/worker.md). Ctrl-C or SIGTERM stops it",
      "gracefully: no new leases, tasks in flight finish or are released.",
      "Cheating behaviours (for demos and tests): wrong, lazy:F, grinder[:F], copycat,",
      "collude:GROUP, crash (dies mid-task), lazy-validator (approves without checking)."
    })
final class WorkerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--coordinator",
      required = true,
      paramLabel = "URL",
      description = "The coordinator's base URL, e.g. http://127.0.0.1:8080")
  String coordinator;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "FILE",
      description = "The node's Ed25519 key (PEM); created, owner-only, if the file is missing.")
  Path key;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      description = "provider, validator or both (default provider).")
  String role = "provider";

  @Option(
      names = "--stake",
      paramLabel = "AMOUNT",
      description = "Credits to bond as stake at start (default 100).")
  String stake = "100";

  @Option(
      names = "--deposit",
      paramLabel = "AMOUNT",
      description = "Credits to deposit at start (default 0: none).")
  String deposit = "0";

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Tasks held at once (default 1).")
  int concurrency = 1;

  @Option(
      names = "--behaviour",
      paramLabel = "B",
      description =
          "honest (default), wrong, lazy:F, grinder[:F], copycat, collude:GROUP, crash or"
              + " lazy-validator.")
  String behaviour = "honest";

  @Option(
      names = "--seed",
      description = "Seeds the cheating behaviours so that a run can be replayed (default 1).")
  long seed = 1;

  @Option(
      names = "--poll-millis",
      paramLabel = "MS",
      description = "How long one lease request waits for work (default 5000).")
  long pollMillis = 5000;

  @Option(
      names = "--grace-seconds",
      paramLabel = "S",
      description = "On shutdown, how long tasks in flight may finish before release (default 10).")
  long graceSeconds = 10;

  @Option(
      names = "--workload-definition",
      paramLabel = "NAME=FILE",
      description =
          "A configured workload this worker can run (repeatable): its factory name and a file"
              + " holding the definition's canonical CBOR bytes, e.g. mlp-infer=model.cbor.")
  java.util.List<String> definitions = new java.util.ArrayList<>();

  @Override
  public Integer call()
      throws IOException, DecodingException, WorkerException, InterruptedException {
    Behaviour b = Behaviour.parse(behaviour);
    Set<NodeRole> roles = roles(role);
    Amount st = amount("--stake", stake);
    Amount dep = amount("--deposit", deposit);
    URI uri = uri(coordinator);
    if (concurrency < 1 || concurrency > WorkerConfig.MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "--concurrency must be 1.." + WorkerConfig.MAX_CONCURRENCY + ", got " + concurrency);
    }
    if (pollMillis < 0 || graceSeconds < 0) {
      throw new IllegalArgumentException("--poll-millis and --grace-seconds cannot be negative");
    }
    PrintWriter out = spec.commandLine().getOut();
    NodeIdentity identity = identity(key, out);
    WorkerConfig config =
        WorkerConfig.builder(uri, identity)
            .roles(roles)
            .stake(st)
            .deposit(dep)
            .concurrency(concurrency)
            .behaviour(b)
            .seed(seed)
            .pollWait(Duration.ofMillis(pollMillis))
            .shutdownGrace(Duration.ofSeconds(graceSeconds))
            .catalog(catalog(definitions))
            .build();
    WorkerAgent agent = WorkerAgent.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "worker-shutdown"));
    out.printf(
        "worker %s connected to %s: roles %s, behaviour %s, concurrency %d%n",
        identity.nodeId().toHex(), uri, role, b.flag(), concurrency);
    out.flush();
    agent.awaitTermination();
    return 0;
  }

  /**
   * The standard catalog plus the {@code NAME=FILE} definitions of {@code --workload-definition}.
   */
  static WorkloadCatalog catalog(java.util.List<String> definitions) throws IOException {
    WorkloadCatalog catalog = WorkloadCatalog.standard();
    for (String d : definitions) {
      int eq = d.indexOf('=');
      if (eq <= 0 || eq == d.length() - 1) {
        throw new IllegalArgumentException(
            "--workload-definition must be NAME=FILE, got '" + d + "'");
      }
      String name = d.substring(0, eq);
      Path file = Path.of(d.substring(eq + 1));
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("--workload-definition: no such file " + file);
      }
      try {
        catalog = catalog.define(name, Bytes.of(Files.readAllBytes(file)));
      } catch (DecodingException e) {
        throw new IllegalArgumentException(
            "--workload-definition " + name + ": " + e.getMessage(), e);
      }
    }
    return catalog;
  }

  static Set<NodeRole> roles(String role) {
    return switch (role) {
      case "provider" -> EnumSet.of(NodeRole.PROVIDER);
      case "validator" -> EnumSet.of(NodeRole.VALIDATOR);
      case "both" -> EnumSet.of(NodeRole.PROVIDER, NodeRole.VALIDATOR);
      default ->
          throw new IllegalArgumentException(
              "--role must be provider, validator or both, got '" + role + "'");
    };
  }

  static Amount amount(String flag, String text) {
    try {
      return Amount.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
    }
  }

  static URI uri(String text) {
    URI u;
    try {
      u = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--coordinator: not a URL: " + text, e);
    }
    if (u.getScheme() == null
        || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
        || u.getHost() == null) {
      throw new IllegalArgumentException(
          "--coordinator must be http://HOST:PORT or https://HOST:PORT, got " + text);
    }
    return u;
  }

  static NodeIdentity identity(Path key, PrintWriter out) throws IOException, DecodingException {
    if (Files.exists(key)) {
      try {
        return KeyFiles.loadPrivateKey(key);
      } catch (DecodingException e) {
        throw new IllegalArgumentException(
            "--key " + key + " is not an Ed25519 private key: " + e.getMessage(), e);
      }
    }
    NodeIdentity created = NodeIdentity.generate(new SecureRandom());
    KeyFiles.savePrivateKey(key, created);
    out.printf("created key %s for node %s%n", key, created.nodeId().toHex());
    return created;
  }
}
