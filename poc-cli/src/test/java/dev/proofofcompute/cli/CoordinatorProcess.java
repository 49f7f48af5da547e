package dev.proofofcompute.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@code poc coordinator} as a real child process (this JVM's java and test class path), on a given
 * database, port and key file, so that a test can kill it with SIGKILL ({@link #kill}) and start it
 * again on the same database and port ({@link #start}). Its output goes to a log file, appended
 * across restarts, which failure messages quote.
 */
final class CoordinatorProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String db;
  private final int port;
  private final Path key;
  private final long leaseSeconds;
  private final Path log;
  private final @Nullable Path logKey;
  private @Nullable Process process;

  CoordinatorProcess(String db, int port, Path key, long leaseSeconds, Path log) {
    this(db, port, key, leaseSeconds, log, null);
  }

  /** With {@code logKey}: this instance signs the log with its own key ({@code --log-key}). */
  CoordinatorProcess(
      String db, int port, Path key, long leaseSeconds, Path log, @Nullable Path logKey) {
    this.db = db;
    this.port = port;
    this.key = key;
    this.leaseSeconds = leaseSeconds;
    this.log = log;
    this.logKey = logKey;
  }

  /** A free port on loopback (there is a small race with other processes; fine for tests). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /**
   * Starts {@code first} and {@code second} at the same time (their migrations then meet on
   * Flyway's advisory lock) and returns when both answer.
   */
  static void startTogether(CoordinatorProcess first, CoordinatorProcess second)
      throws IOException, InterruptedException {
    CompletableFuture<Void> other =
        CompletableFuture.runAsync(() -> {
          try {
            second.start();
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("starting the coordinator at " + second.uri(), e);
          }
        });
    first.start();
    other.join();
  }

  /** Starts the process and waits until {@code /health} answers 200. */
  void start() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("already running");
    }
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.addAll(
        List.of(
            javaBin,
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx256m",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "coordinator",
            "--db",
            db,
            "--port",
            Integer.toString(port),
            "--key",
            key.toString(),
            "--lease-seconds",
            Long.toString(leaseSeconds)));
    if (logKey != null) {
      cmd.addAll(List.of("--log-key", logKey.toString()));
    }
    Files.writeString(
        log,
        "==== start " + Instant.now() + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    process = p;
    Instant until = Instant.now().plusSeconds(45);
    while (!healthy()) {
      if (!p.isAlive()) {
        throw new AssertionError(
            "the coordinator exited with " + p.exitValue() + " while starting; log:\n" + log());
      }
      if (Instant.now().isAfter(until)) {
        throw new AssertionError("the coordinator did not become healthy; log:\n" + log());
      }
      Thread.sleep(50);
    }
  }

  private boolean healthy() throws InterruptedException {
    try {
      HttpResponse<Void> r =
          HTTP.send(
              HttpRequest.newBuilder(uri().resolve("/health"))
                  .timeout(Duration.ofSeconds(2))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or released; waits until it is gone. */
  void kill() throws InterruptedException {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the coordinator survived SIGKILL");
      }
      process = null;
    }
  }

  /** SIGTERM: the shutdown hook stops the API and closes the storage; waits until it is gone. */
  void stop() throws InterruptedException {
    Process p = process;
    if (p != null) {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
      process = null;
    }
  }

  String log() {
    try {
      String s = Files.readString(log);
      return s.length() > 20_000 ? "..." + s.substring(s.length() - 20_000) : s;
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
      try {
        p.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }
}
