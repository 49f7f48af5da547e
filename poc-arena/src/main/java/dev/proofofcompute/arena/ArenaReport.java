package dev.proofofcompute.arena;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything an arena run found: the configuration (with its seed) and one {@link ScenarioResult}
 * per scenario, in run order, grouped by scheme. Records of primitives, strings and lists only, so
 * that the CLI can serialise it field by field; {@link #table()} gives the printable form.
 *
 * @param seed the root seed every run's randomness derives from
 * @param config the configuration that produced this report
 * @param scenarios the scenario results
 */
public record ArenaReport(long seed, ArenaConfig config, List<ScenarioResult> scenarios) {
  /** Column headers of {@link #rows()}. */
  public static final List<String> COLUMNS =
      List.of(
          "scheme",
          "policy",
          "workload",
          "behaviour",
          "runs",
          "cheating",
          "caught",
          "escaped",
          "inconcl.",
          "false+",
          "detection",
          "99% interval",
          "theory",
          "verify/exec");

  public ArenaReport {
    scenarios = List.copyOf(scenarios);
  }

  /** The schemes that were run, in order of first appearance. */
  public List<String> schemes() {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (ScenarioResult s : scenarios) {
      names.add(s.scheme());
    }
    return List.copyOf(names);
  }

  /** The scenarios of {@code scheme}, in run order. */
  public List<ScenarioResult> scenarios(String scheme) {
    return scenarios.stream().filter(s -> s.scheme().equals(scheme)).toList();
  }

  /** The first scenario of {@code scheme} whose behaviour label and policy match. */
  public Optional<ScenarioResult> find(String scheme, String policy, String behaviour) {
    return scenarios.stream()
        .filter(s ->
            s.scheme().equals(scheme)
                && s.policy().equals(policy)
                && s.behaviour().equals(behaviour))
        .findFirst();
  }

  /** Total false positives over every honest-only scenario (those with no cheating run). */
  public int honestFalsePositives() {
    return scenarios.stream()
        .filter(s -> s.cheatingRuns() == 0)
        .mapToInt(ScenarioResult::falsePositives)
        .sum();
  }

  /** One row of cells per scenario, matching {@link #COLUMNS}. */
  public List<List<String>> rows() {
    List<List<String>> rows = new ArrayList<>();
    for (ScenarioResult s : scenarios) {
      Detection d = s.detection();
      rows.add(
          List.of(
              s.scheme(),
              s.policy(),
              s.workload(),
              s.behaviour(),
              Integer.toString(s.runs()),
              Integer.toString(s.cheatingRuns()),
              Integer.toString(s.caught()),
              Integer.toString(s.escaped()),
              Integer.toString(s.inconclusive()),
              Integer.toString(s.falsePositives()),
              d == null ? "-" : fixed(d.empirical()),
              d == null ? "-" : "[" + fixed(d.low()) + ", " + fixed(d.high()) + "]",
              d == null ? "-" : fixed(d.theoretical()) + (d.theoryInInterval() ? "" : " (!)"),
              String.format(Locale.ROOT, "%.4f %s", s.cost().ratio(), s.cost().unit())));
    }
    return rows;
  }

  /**
   * The report as a plain-text table with aligned columns, preceded by the seed. A {@code (!)}
   * marks a theory outside its 99% interval.
   */
  public String table() {
    List<List<String>> all = new ArrayList<>();
    all.add(COLUMNS);
    all.addAll(rows());
    int[] width = new int[COLUMNS.size()];
    for (List<String> row : all) {
      for (int c = 0; c < row.size(); c++) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("arena seed ").append(seed).append('\n');
    for (List<String> row : all) {
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c);
        out.append(cell);
        if (c + 1 < row.size()) {
          out.append(" ".repeat(width[c] - cell.length() + 2));
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String fixed(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
