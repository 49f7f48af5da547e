package dev.proofofcompute.coordinator;

import dev.proofofcompute.coordinator.http.ApiMetrics;
import dev.proofofcompute.coordinator.http.CoordinatorApi;
import dev.proofofcompute.coordinator.service.Coordination;
import dev.proofofcompute.coordinator.service.SchemeRegistry;
import dev.proofofcompute.coordinator.service.TaskSecrets;
import dev.proofofcompute.core.message.RequestVerifier;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.identity.KeyFiles;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.storage.Storage;
import dev.proofofcompute.storage.Storages;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running coordinator: storage, services, the HTTP API and the scheduler, started together by
 * {@link #start} and stopped by {@link #close}. Everything it decides is in the database, so it can
 * be killed at any moment and started again (or run beside another coordinator on the same
 * PostgreSQL database); the only state in memory is the long-poll waiters.
 */
public final class Coordinator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

  private final Storage storage;
  private final Coordination services;
  private final ApiMetrics metrics;
  private final Javalin http;
  private final ScheduledExecutorService scheduler;
  private final NodeIdentity identity;
  private final String host;

  private Coordinator(
      Storage storage,
      Coordination services,
      ApiMetrics metrics,
      Javalin http,
      ScheduledExecutorService scheduler,
      NodeIdentity identity,
      String host) {
    this.storage = storage;
    this.services = services;
    this.metrics = metrics;
    this.http = http;
    this.scheduler = scheduler;
    this.identity = identity;
    this.host = host;
  }

  /**
   * Opens the storage (migrating it), starts the API and the scheduler.
   *
   * @throws IOException if the key file cannot be read or written
   * @throws DecodingException if the key file holds no Ed25519 key
   * @throws IllegalArgumentException if the storage URL is malformed
   * @throws dev.proofofcompute.storage.StorageException if the database cannot be opened
   */
  public static Coordinator start(CoordinatorConfig config) throws IOException, DecodingException {
    return start(config, SchemeRegistry.standard());
  }

  /**
   * Like {@link #start(CoordinatorConfig)}, serving the protocols of {@code schemes} (e.g. over a
   * workload catalog with configured workloads such as an {@code mlp-infer} model).
   */
  public static Coordinator start(CoordinatorConfig config, SchemeRegistry schemes)
      throws IOException, DecodingException {
    Storage storage = Storages.open(config.storageUrl());
    NodeIdentity identity;
    NodeIdentity logIdentity;
    try {
      identity = identity(config.keyFile());
      logIdentity = config.logKeyFile().isPresent() ? identity(config.logKeyFile()) : identity;
    } catch (IOException | DecodingException | RuntimeException e) {
      storage.close();
      throw e;
    }
    try {
      ApiMetrics metrics = new ApiMetrics();
      metrics.storage(storage);
      Coordination services =
          Coordination.create(
              storage,
              config.clock(),
              config.random(),
              schemes,
              config.settings().operator().isPresent()
                  ? config.settings()
                  : config.settings().withOperator(identity.publicKey()),
              TaskSecrets.from(identity),
              logIdentity,
              metrics);
      RequestVerifier verifier =
          RequestVerifier.create(config.clock(), services.settings().freshnessWindow());
      Javalin http =
          new CoordinatorApi(services, verifier, metrics, config.maxBodyBytes()).create();
      http.start(config.host(), config.port());
      ScheduledExecutorService scheduler =
          Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "poc-coordinator-scheduler");
            t.setDaemon(true);
            return t;
          });
      long period = config.tickInterval().toMillis();
      var unusedTicks =
          scheduler.scheduleWithFixedDelay(
              () -> {
                try {
                  var tick = services.tick();
                  if (tick.expiredLeases() > 0 || tick.overdueDisputes() > 0) {
                    LOG.info(
                        "scheduler: {} lease(s) lapsed, {} dispute(s) forfeited",
                        tick.expiredLeases(),
                        tick.overdueDisputes());
                  }
                } catch (RuntimeException e) {
                  LOG.warn("scheduler pass failed: {}", e.toString());
                }
              },
              period,
              period,
              TimeUnit.MILLISECONDS);
      LOG.info(
          "coordinator {} (log key {}) on {} listening at http://{}:{}",
          identity.nodeId().shortForm(),
          logIdentity.nodeId().shortForm(),
          storage.location(),
          config.host(),
          http.port());
      return new Coordinator(storage, services, metrics, http, scheduler, identity, config.host());
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
  }

  private static NodeIdentity identity(java.util.Optional<Path> keyFile)
      throws IOException, DecodingException {
    if (keyFile.isEmpty()) {
      return NodeIdentity.generate(new SecureRandom());
    }
    Path file = keyFile.get();
    if (Files.exists(file)) {
      return KeyFiles.loadPrivateKey(file);
    }
    NodeIdentity fresh = NodeIdentity.generate(new SecureRandom());
    KeyFiles.savePrivateKey(file, fresh);
    return fresh;
  }

  /** The port the API listens on. */
  public int port() {
    return http.port();
  }

  /** The API's base URI. */
  public URI uri() {
    String h = host.equals("0.0.0.0") ? "127.0.0.1" : host;
    return URI.create("http://" + h + ":" + port());
  }

  /**
   * Every HTTP route the server registered, as {@code "METHOD /path"} (path parameters in braces),
   * read from the router itself: what the OpenAPI document must list.
   */
  public java.util.List<String> routes() {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (var e : http.unsafe.internalRouter.allHttpHandlers()) {
      if (e.endpoint.method.isHttpMethod()) {
        out.add(e.endpoint.method.name() + " " + e.endpoint.path);
      }
    }
    java.util.Collections.sort(out);
    return out;
  }

  public Coordination services() {
    return services;
  }

  public ApiMetrics metrics() {
    return metrics;
  }

  public Storage storage() {
    return storage;
  }

  /** The coordinator's (operator's) identity. */
  public NodeIdentity identity() {
    return identity;
  }

  /** Stops the scheduler and the API, then closes the storage. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      http.stop();
    } finally {
      storage.close();
    }
  }
}
