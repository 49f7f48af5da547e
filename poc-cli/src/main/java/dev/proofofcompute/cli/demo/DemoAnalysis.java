package dev.proofofcompute.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proofofcompute.cli.demo.DemoJobs.Job;
import dev.proofofcompute.cli.demo.DemoReport.Curve;
import dev.proofofcompute.cli.demo.DemoReport.JobRow;
import dev.proofofcompute.cli.demo.DemoReport.LedgerCheck;
import dev.proofofcompute.cli.demo.DemoReport.Point;
import dev.proofofcompute.cli.demo.DemoReport.ProviderRow;
import dev.proofofcompute.cli.demo.DemoReport.SchemeRow;
import dev.proofofcompute.cli.demo.DemoReport.TaskRow;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.ledger.AccountId;
import dev.proofofcompute.ledger.Fee;
import dev.proofofcompute.ledger.Ledger;
import dev.proofofcompute.ledger.LedgerException;
import dev.proofofcompute.ledger.LedgerInvariants;
import dev.proofofcompute.ledger.Operation;
import dev.proofofcompute.ledger.Posting;
import dev.proofofcompute.schemes.economics.CheatingEconomics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns the evidence of a run into the {@link DemoReport}: each task's verdict from the API is
 * compared with the ground truth the demo knows (which worker was told to cheat, and the result an
 * honest run gives, replayed here by {@link CostReplay}), money comes from the ledger postings, and
 * each scheme's caught count is tested against its theory ({@link DetectionTheory}).
 */
final class DemoAnalysis {
  /** Schemes whose verdict on a replica depends on the other replicas. */
  static final java.util.Set<String> PEER_JUDGED = java.util.Set.of("replication", "bisection");

  private DemoAnalysis() {}

  static DemoReport analyse(DemoNetwork.Evidence e) {
    Map<String, WorkerSpec> byHex = new HashMap<>();
    Map<String, NodeId> nodes = e.nodes();
    for (WorkerSpec w : e.config().workers()) {
      byHex.put(must(nodes, w.name()).toHex(), w);
    }
    double colluding = colluding(e.config().workers());
    Map<String, CostReplay.Cost> costs = new LinkedHashMap<>();
    for (Job j : e.submitted()) {
      costs.put(j.key(), CostReplay.run(e.jobs(), j, e.config().seed()));
    }

    Map<String, Acc> schemes = new LinkedHashMap<>();
    for (String s : e.config().jobsPerWorkload().keySet()) {
      schemes.put(s, new Acc());
    }
    Map<String, Worker> workers = new LinkedHashMap<>();
    for (WorkerSpec w : e.config().workers()) {
      workers.put(w.name(), new Worker());
    }
    List<JobRow> jobRows = new ArrayList<>();
    boolean allEnded = true;
    for (Job j : e.submitted()) {
      Acc acc = schemes.computeIfAbsent(j.scheme(), k -> new Acc());
      acc.jobs++;
      if (!acc.workloads.contains(j.workload())) {
        acc.workloads.add(j.workload());
      }
      JsonNode view = must(e.jobViews(), j.key());
      String status = view.get("status").asText();
      switch (status) {
        case "decided" -> acc.decided++;
        case "failed" -> acc.failed++;
        default -> {
          acc.unfinished++;
          allEnded = false;
        }
      }
      CostReplay.Cost cost = must(costs, j.key());
      acc.exec += cost.executionNanos();
      acc.verify += cost.verificationNanos();
      Optional<Bytes> result = e.results().getOrDefault(j.key(), Optional.empty());
      @Nullable Boolean matches =
          (result.isEmpty() || cost.honestResult().isEmpty())
              ? null
              : result.get().equals(cost.honestResult().get());
      // Replication and bisection judge a replica against the others: their theory holds only
      // when an honest provider also submitted (else the cheat is "unopposed", counted but not
      // tested against the theory).
      boolean opposed = !PEER_JUDGED.contains(j.scheme());
      for (JsonNode t : view.get("tasks")) {
        WorkerSpec h = t.hasNonNull("holder") ? byHex.get(t.get("holder").asText()) : null;
        if (t.get("kind").asText().equals("execute")
            && t.hasNonNull("verdict")
            && h != null
            && !h.cheatingProvider()) {
          opposed = true;
        }
      }
      List<TaskRow> tasks = new ArrayList<>();
      for (JsonNode t : view.get("tasks")) {
        String kind = t.get("kind").asText();
        @Nullable String holderHex = t.hasNonNull("holder") ? t.get("holder").asText() : null;
        WorkerSpec holder = holderHex == null ? null : byHex.get(holderHex);
        @Nullable String verdict = t.hasNonNull("verdict") ? t.get("verdict").asText() : null;
        @Nullable String reason = t.hasNonNull("reason") ? t.get("reason").asText() : null;
        String truth;
        if (!kind.equals("execute")) {
          truth = "validation";
          if (holder != null) {
            must(workers, holder.name()).validations++;
          }
        } else if (verdict == null || holder == null) {
          truth = "pending";
        } else {
          Worker wk = must(workers, holder.name());
          wk.execute++;
          acc.executeTasks++;
          switch (verdict) {
            case "accepted" -> {
              acc.accepted++;
              wk.accepted++;
              if (holder.cheatingProvider()) {
                if (Boolean.FALSE.equals(matches)) {
                  truth = "escaped";
                  acc.escaped++;
                  if (opposed) {
                    acc.theory.add(
                        DetectionTheory.caught(j.scheme(), holder.behaviour(), colluding));
                  } else {
                    acc.unopposed++;
                  }
                } else {
                  truth = "cheater-correct";
                  acc.cheaterCorrect++;
                }
              } else {
                truth = "honest";
              }
            }
            case "rejected" -> {
              acc.rejected++;
              wk.rejected++;
              if (holder.cheatingProvider()) {
                truth = "caught";
                acc.caught++;
                if (opposed) {
                  acc.caughtOpposed++;
                  acc.theory.add(DetectionTheory.caught(j.scheme(), holder.behaviour(), colluding));
                } else {
                  acc.unopposed++;
                }
              } else {
                truth = "false-positive";
                acc.falsePositives++;
              }
            }
            default -> {
              acc.inconclusive++;
              wk.inconclusive++;
              truth = holder.cheatingProvider() ? "cheater-inconclusive" : "honest-inconclusive";
            }
          }
        }
        tasks.add(
            new TaskRow(
                t.get("taskId").asText(),
                kind,
                t.path("replica").asInt(0),
                holder == null ? null : holder.name(),
                verdict,
                reason,
                truth));
      }
      jobRows.add(
          new JobRow(
              j.key(),
              must(e.jobIds(), j.key()),
              j.scheme(),
              j.workload(),
              status,
              matches,
              List.copyOf(tasks)));
    }

    // Money, from the postings.
    Map<String, String> nameByHex = new HashMap<>();
    byHex.forEach((hex, w) -> nameByHex.put(hex, w.name()));
    for (Posting p : e.postings()) {
      switch (p.operation()) {
        case Operation.Reward r -> {
          Worker w = worker(workers, nameByHex, r.provider());
          if (w != null) {
            w.rewards += r.amount().units();
            w.paid++;
          }
          for (Fee f : r.validatorFees()) {
            Worker v = worker(workers, nameByHex, f.validator());
            if (v != null) {
              v.fees += f.amount().units();
            }
          }
        }
        case Operation.Slash s -> {
          Worker w = worker(workers, nameByHex, s.provider());
          if (w != null) {
            w.slashed += s.amount().units();
            w.slashes++;
          }
        }
        default -> {}
      }
    }

    boolean noHonestSlashed = true;
    boolean honestPaid = true;
    List<ProviderRow> providers = new ArrayList<>();
    for (WorkerSpec s : e.config().workers()) {
      Worker w = must(workers, s.name());
      NodeId id = must(nodes, s.name());
      long balance =
          e.snapshot().balance(AccountId.available(id))
              + e.snapshot().balance(AccountId.bonded(id))
              + e.snapshot().balance(AccountId.locked(id));
      if (!s.cheatingProvider()) {
        noHonestSlashed &= w.rejected == 0 && w.slashes == 0;
        honestPaid &= w.inconclusive == 0 && w.accepted == w.paid;
      }
      providers.add(
          new ProviderRow(
              s.name(),
              id.toHex(),
              s.behaviour(),
              s.role(),
              s.cheatingProvider(),
              w.execute,
              w.accepted,
              w.rejected,
              w.inconclusive,
              w.validations,
              w.rewards,
              w.fees,
              w.slashed,
              w.slashes,
              balance,
              balance - DemoNetwork.DEPOSIT.units(),
              e.exitCodes().getOrDefault(s.name(), -1)));
    }

    boolean detectionOk = true;
    List<SchemeRow> rows = new ArrayList<>();
    for (Map.Entry<String, Acc> en : schemes.entrySet()) {
      String scheme = en.getKey();
      Acc a = en.getValue();
      Curve curve = curve(scheme, e.config().workers(), colluding);
      if (a.jobs == 0) {
        rows.add(notRun(scheme, e, curve));
        continue;
      }
      int cheating = a.caught + a.escaped;
      double expected = a.theory.stream().mapToDouble(Double::doubleValue).sum();
      double pValue = DetectionTheory.lowerTail(a.theory, a.caughtOpposed);
      detectionOk &= pValue >= DemoReport.SIGNIFICANCE;
      @Nullable Double rate = cheating == 0 ? null : (double) a.caught / cheating;
      double[] wilson = cheating == 0 ? new double[] {0, 0} : wilson(a.caught, cheating);
      rows.add(
          new SchemeRow(
              scheme,
              "run",
              refusals(e, scheme),
              List.copyOf(a.workloads),
              a.jobs,
              a.decided,
              a.failed,
              a.unfinished,
              a.executeTasks,
              a.accepted,
              a.rejected,
              a.inconclusive,
              cheating,
              a.caught,
              a.escaped,
              a.cheaterCorrect,
              a.falsePositives,
              rate,
              cheating == 0 ? null : wilson[0],
              cheating == 0 ? null : wilson[1],
              a.theory.isEmpty() ? null : expected / a.theory.size(),
              expected,
              a.unopposed,
              pValue,
              a.exec == 0 ? null : (double) a.verify / a.exec,
              a.exec / 1000,
              a.verify / 1000,
              curve));
    }
    LedgerCheck ledger = ledger(e);
    return new DemoReport(
        DemoReport.FORMAT,
        e.config().seed(),
        e.config().workers().size(),
        e.wall().toMillis() / 1000.0,
        e.network().toMillis() / 1000.0,
        !allEnded,
        List.copyOf(rows),
        List.copyOf(providers),
        List.copyOf(jobRows),
        ledger,
        new DemoReport.Checks(
            noHonestSlashed, honestPaid, detectionOk, ledger.conserved(), allEnded));
  }

  private static <K, V> V must(Map<K, V> m, K key) {
    V v = m.get(key);
    if (v == null) {
      throw new IllegalStateException("the demo lost track of " + key);
    }
    return v;
  }

  private static @Nullable Worker worker(
      Map<String, Worker> workers, Map<String, String> nameByHex, NodeId id) {
    String name = nameByHex.get(id.toHex());
    return name == null ? null : workers.get(name);
  }

  private static SchemeRow notRun(String scheme, DemoNetwork.Evidence e, Curve curve) {
    String status;
    String note;
    if (!e.served().contains(scheme)) {
      status = "not-served";
      note =
          "this coordinator serves "
              + e.served()
              + "; no protocol for "
              + scheme
              + " is registered";
    } else if (scheme.equals("tee")) {
      status = "not-runnable";
      note = "no worker runs in an enclave, so none can produce attestation evidence";
    } else {
      status = "not-runnable";
      note = refusals(e, scheme).isEmpty() ? "no jobs requested" : refusals(e, scheme);
    }
    if (scheme.equals("tee") && !e.served().contains(scheme)) {
      note += "; and no worker runs in an enclave, so none could attest";
    }
    return new SchemeRow(
        scheme, status, note, List.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null,
        null, 0, 0, 1, null, 0, 0, curve);
  }

  private static String refusals(DemoNetwork.Evidence e, String scheme) {
    List<String> out = new ArrayList<>();
    for (DemoJobs.Refusal r : e.refusals()) {
      if (r.scheme().equals(scheme)) {
        out.add(r.workload());
      }
    }
    return out.isEmpty() ? "" : "does not apply to " + String.join(", ", out);
  }

  /** The share of other providers in the largest colluding group (0 without collusion). */
  static double colluding(List<WorkerSpec> workers) {
    Map<String, Integer> groups = new HashMap<>();
    int providers = 0;
    for (WorkerSpec w : workers) {
      if (w.provider()) {
        providers++;
      }
      if (w.behaviour().startsWith("collude:")) {
        groups.merge(w.behaviour(), 1, Integer::sum);
      }
    }
    int largest = groups.values().stream().mapToInt(Integer::intValue).max().orElse(1);
    return providers <= 1 ? 0 : (double) (largest - 1) / (providers - 1);
  }

  /** The chart's theory curve for a scheme. */
  @SuppressWarnings("RefactorSwitch") // one case per scheme reads best as statements
  static Curve curve(String scheme, List<WorkerSpec> workers, double colluding) {
    List<Point> pts = new ArrayList<>();
    switch (scheme) {
      case "spot-check" -> {
        int m = DemoJobs.ITEMS + DemoJobs.CANARIES;
        double f =
            workers.stream()
                .filter(w -> w.behaviour().startsWith("lazy:"))
                .mapToDouble(w -> DetectionTheory.fraction(w.behaviour()))
                .findFirst()
                .orElse(0.2);
        double[] c = DetectionTheory.spotCheckCurve(m, f);
        for (int i = 0; i < c.length; i++) {
          pts.add(new Point(i + 1, c[i]));
        }
        return new Curve(
            "opened positions s + c (of M = " + m + ")",
            "lazy:" + f,
            List.copyOf(pts),
            DemoJobs.SAMPLES + DemoJobs.CANARIES);
      }
      case "replication" -> {
        for (int k = 1; k <= 9; k += 2) {
          pts.add(
              new Point(
                  k,
                  1
                      - CheatingEconomics.replicationEscape(
                          k, CheatingEconomics.majority(k), Math.max(colluding, 0.25))));
        }
        return new Curve(
            "replicas k (quorum = majority), colluding share "
                + String.format(java.util.Locale.ROOT, "%.2f", Math.max(colluding, 0.25)),
            "wrong",
            List.copyOf(pts),
            3);
      }
      case "freivalds" -> {
        for (int r = 1; r <= 4; r++) {
          pts.add(new Point(r, 1 - Math.pow(2, -61.0 * r)));
        }
        return new Curve("exact rounds over GF(2^61 - 1)", "wrong", List.copyOf(pts), 2);
      }
      case "stark" -> {
        for (int q = 4; q <= 48; q += 4) {
          pts.add(new Point(q, 1 - Math.pow(2, -2.0 * q)));
        }
        return new Curve("FRI queries at blowup 4 (conjectured)", "wrong", List.copyOf(pts), 28);
      }
      default -> {
        pts.add(new Point(1, 1.0));
        return new Curve("checks", "wrong", List.copyOf(pts), 1);
      }
    }
  }

  /** The 95% Wilson score interval of {@code k} of {@code n}. */
  static double[] wilson(int k, int n) {
    double z = 1.959963984540054;
    double p = (double) k / n;
    double denom = 1 + z * z / n;
    double centre = (p + z * z / (2.0 * n)) / denom;
    double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  private static LedgerCheck ledger(DemoNetwork.Evidence e) {
    long sum = 0;
    long treasury = 0;
    long escrow = 0;
    for (Map.Entry<AccountId, Long> b : e.snapshot().balances().entrySet()) {
      sum += b.getValue();
      if (b.getKey().equals(AccountId.treasury())) {
        treasury = b.getValue();
      } else if (b.getKey().kind() == AccountId.Kind.ESCROW) {
        escrow += b.getValue();
      }
    }
    boolean invariants = true;
    @Nullable String problem = null;
    try {
      LedgerInvariants.check(e.snapshot());
    } catch (IllegalStateException ex) {
      invariants = false;
      problem = ex.getMessage();
    }
    boolean replay;
    try {
      replay = Ledger.replay(e.postings()).snapshot().equals(e.snapshot());
      if (!replay && problem == null) {
        problem = "replaying the postings gives another state";
      }
    } catch (LedgerException ex) {
      replay = false;
      if (problem == null) {
        problem = "the history does not replay: " + ex.getMessage();
      }
    }
    long deposited = e.deposited().units();
    long outstanding = e.outstanding().units();
    if (problem == null && sum != 0) {
      problem = "the signed balances sum to " + sum + ", not 0";
    }
    if (problem == null && outstanding != deposited) {
      problem = "the ledger holds " + outstanding + " micro-credits, deposits were " + deposited;
    }
    boolean conserved = invariants && replay && sum == 0 && outstanding == deposited;
    return new LedgerCheck(
        conserved,
        deposited,
        outstanding,
        sum,
        invariants,
        replay,
        e.postings().size(),
        treasury,
        escrow,
        problem);
  }

  private static final class Acc {
    final List<String> workloads = new ArrayList<>();
    final List<Double> theory = new ArrayList<>();
    int jobs;
    int decided;
    int failed;
    int unfinished;
    int executeTasks;
    int accepted;
    int rejected;
    int inconclusive;
    int caught;
    int caughtOpposed;
    int unopposed;
    int escaped;
    int cheaterCorrect;
    int falsePositives;
    long exec;
    long verify;
  }

  private static final class Worker {
    int execute;
    int accepted;
    int rejected;
    int inconclusive;
    int validations;
    int paid;
    int slashes;
    long rewards;
    long fees;
    long slashed;
  }
}
