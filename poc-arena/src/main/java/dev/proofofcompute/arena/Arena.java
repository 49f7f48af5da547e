package dev.proofofcompute.arena;

import java.util.ArrayList;
import java.util.List;

/**
 * The adversarial arena: runs honest and adversarial providers ({@link Behaviour}) against every
 * verification scheme on small instances of the built-in workloads and reports, per scenario, how
 * often cheats were caught, whether honest providers were ever rejected, how the empirical
 * detection compares with the theory, and what verification cost against execution — in
 * deterministic work units, not time. Everything random derives from {@link ArenaConfig#seed()}, so
 * a report is reproducible; the arena is pure (no I/O, threads or clock) and single-threaded.
 *
 * <p>Schemes run: {@code replication} (fixed and adaptive, exact and float) and {@code freivalds}
 * ({@code matmul}, {@code mlp-infer}, {@code matmul-f64}) and {@code spot-check} ({@code matmul},
 * {@code mlp-infer} items) and {@code bisection} (disputes and segment audits of {@code heat-sim}).
 * What each behaviour means per scheme is in {@code docs/arena.md}.
 */
public final class Arena {
  private Arena() {}

  /** Runs every scenario of {@code config}. */
  public static ArenaReport run(ArenaConfig config) {
    List<ScenarioResult> scenarios = new ArrayList<>();
    scenarios.addAll(new ReplicationArena(config).run());
    scenarios.addAll(new FreivaldsArena(config).run());
    scenarios.addAll(new SpotCheckArena(config).run());
    scenarios.addAll(new BisectionArena(config).run());
    return new ArenaReport(config.seed(), config, scenarios);
  }
}
