package dev.proofofcompute.coordinator;

import dev.proofofcompute.coordinator.http.CoordinatorApi;
import dev.proofofcompute.coordinator.service.ServiceSettings;
import dev.proofofcompute.crypto.random.RandomSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * How to start a coordinator.
 *
 * @param storageUrl {@code sqlite:PATH} or {@code postgresql://HOST[:PORT]/DB?user=..&password=..}
 * @param host the interface to listen on
 * @param port the port; 0 picks a free one (see {@link Coordinator#port()})
 * @param keyFile the coordinator's Ed25519 key (PKCS#8 PEM), created owner-only if missing; empty
 *     for a fresh key held in memory (tests). Coordinators sharing a database share the key: it is
 *     the operator's identity and derives the task secrets.
 * @param clock the time of leases, deadlines and request freshness
 * @param random challenge randomness and adaptive-replication draws
 * @param settings the lifecycle's rules
 * @param tickInterval how often the scheduler looks for lapsed leases and overdue disputes
 * @param maxBodyBytes the largest request body accepted
 * @param logKeyFile this instance's own Ed25519 key (PKCS#8 PEM, created owner-only if missing) for
 *     the transparency log's coordinator entries and tree heads; empty: the coordinator key signs
 *     them. Coordinators sharing a database share {@code keyFile} and may each sign the log with
 *     their own key, which an auditor pins (docs/translog.md, "Several coordinators").
 */
public record CoordinatorConfig(
    String storageUrl,
    String host,
    int port,
    Optional<Path> keyFile,
    InstantSource clock,
    RandomSource random,
    ServiceSettings settings,
    Duration tickInterval,
    long maxBodyBytes,
    Optional<Path> logKeyFile) {

  public CoordinatorConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("a port is 0..65535, got " + port);
    }
    if (tickInterval.isNegative() || tickInterval.isZero()) {
      throw new IllegalArgumentException("the tick interval must be positive");
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("the body limit must be at least 1 KiB");
    }
  }

  /**
   * A coordinator on {@code storageUrl} at loopback {@code port}, system clock, secure randomness.
   */
  public static CoordinatorConfig of(String storageUrl, int port) {
    return new CoordinatorConfig(
        storageUrl,
        "127.0.0.1",
        port,
        Optional.empty(),
        InstantSource.system(),
        RandomSource.secure(),
        ServiceSettings.defaults(),
        Duration.ofSeconds(1),
        CoordinatorApi.DEFAULT_MAX_BODY,
        Optional.empty());
  }

  /** Signs the log's coordinator entries and tree heads with the key in {@code file}. */
  public CoordinatorConfig withLogKeyFile(Path file) {
    return new CoordinatorConfig(
        storageUrl,
        host,
        port,
        keyFile,
        clock,
        random,
        settings,
        tickInterval,
        maxBodyBytes,
        Optional.of(file));
  }

  public CoordinatorConfig withHost(String h) {
    return new CoordinatorConfig(
        storageUrl,
        h,
        port,
        keyFile,
        clock,
        random,
        settings,
        tickInterval,
        maxBodyBytes,
        logKeyFile);
  }

  public CoordinatorConfig withKeyFile(Path file) {
    return new CoordinatorConfig(
        storageUrl,
        host,
        port,
        Optional.of(file),
        clock,
        random,
        settings,
        tickInterval,
        maxBodyBytes,
        logKeyFile);
  }

  public CoordinatorConfig withClock(InstantSource c) {
    return new CoordinatorConfig(
        storageUrl,
        host,
        port,
        keyFile,
        c,
        random,
        settings,
        tickInterval,
        maxBodyBytes,
        logKeyFile);
  }

  public CoordinatorConfig withRandom(RandomSource r) {
    return new CoordinatorConfig(
        storageUrl,
        host,
        port,
        keyFile,
        clock,
        r,
        settings,
        tickInterval,
        maxBodyBytes,
        logKeyFile);
  }

  public CoordinatorConfig withSettings(ServiceSettings s) {
    return new CoordinatorConfig(
        storageUrl, host, port, keyFile, clock, random, s, tickInterval, maxBodyBytes, logKeyFile);
  }

  public CoordinatorConfig withTickInterval(Duration d) {
    return new CoordinatorConfig(
        storageUrl, host, port, keyFile, clock, random, settings, d, maxBodyBytes, logKeyFile);
  }

  public CoordinatorConfig withMaxBodyBytes(long n) {
    return new CoordinatorConfig(
        storageUrl, host, port, keyFile, clock, random, settings, tickInterval, n, logKeyFile);
  }
}
