package dev.proofofcompute.arena;

/**
 * A scheme-specific figure of a scenario, e.g. {@code maxDisputeRounds} or {@code trustedRuns}.
 *
 * @param name camelCase name, documented in {@code docs/arena.md}
 * @param value the value
 */
public record Metric(String name, double value) {}
