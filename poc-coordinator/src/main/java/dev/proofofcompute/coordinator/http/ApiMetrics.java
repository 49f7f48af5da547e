package dev.proofofcompute.coordinator.http;

import dev.proofofcompute.coordinator.service.Observer;
import dev.proofofcompute.storage.Storage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The coordinator's Prometheus metrics: per route, a request timer labelled by method, route
 * template and status ({@code poc_http_requests_seconds}); leases by kind, lapsed leases, verdicts
 * by scheme and kind, ended jobs by scheme and status. Counters count events observed by this
 * process; with several coordinators, sum them in Prometheus.
 */
public final class ApiMetrics implements Observer {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The text exposition format. */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * Exposes {@code storage}'s transaction totals: {@code poc_storage_transactions_total} and the
   * seconds they held a connection ({@code poc_storage_transaction_seconds_total}). On SQLite,
   * whose transactions run one at a time, the rate of the latter is the database's utilisation.
   */
  public void storage(Storage storage) {
    FunctionCounter.builder("poc.storage.transactions", storage, s -> s.transactionTotals().count())
        .description("storage transactions run (each retry counts)")
        .register(registry);
    FunctionCounter.builder(
            "poc.storage.transaction.seconds",
            storage,
            s -> s.transactionTotals().wallNanos() / 1e9)
        .description("wall time storage transactions held a connection")
        .register(registry);
  }

  void request(String method, String route, int status, Duration elapsed) {
    Timer.builder("poc.http.requests")
        .description("HTTP requests by route and status")
        .tag("method", method)
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .publishPercentileHistogram(false)
        .register(registry)
        .record(elapsed);
  }

  @Override
  public void leased(String kind) {
    Counter.builder("poc.leases").tag("kind", kind).register(registry).increment();
  }

  @Override
  public void leasesExpired(int count) {
    Counter.builder("poc.leases.expired").register(registry).increment(count);
  }

  @Override
  public void verdict(String scheme, String kind) {
    Counter.builder("poc.verdicts")
        .tag("scheme", scheme)
        .tag("verdict", kind)
        .register(registry)
        .increment();
  }

  @Override
  public void jobEnded(String scheme, String status) {
    Counter.builder("poc.jobs.ended")
        .tag("scheme", scheme)
        .tag("status", status)
        .register(registry)
        .increment();
  }
}
