package dev.proofofcompute.cli.demo;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The demo's report: records of primitives, strings and lists that Jackson writes field by field
 * ({@code --json FILE}); {@code docs/demo.md} documents every field. Money is in micro-credits
 * ({@code long}, 10^6 per credit). {@link #table()} renders the text the command prints.
 *
 * @param format the report format, {@code poc-demo/1}
 * @param seed the run's seed ({@code --seed} reproduces inputs, keys, cheats and challenges)
 * @param workersStarted worker processes started
 * @param wallSeconds the whole run, processes and analysis included
 * @param networkSeconds from the first submission until every job ended
 * @param timedOut whether some job had not ended when the timeout passed
 * @param schemes one row per scheme, including those not run and why
 * @param providers one row per worker process
 * @param jobs every job submitted with its tasks and their verdicts
 * @param ledger the conservation check
 * @param checks the verdict of the run against the promises
 */
public record DemoReport(
    String format,
    long seed,
    int workersStarted,
    double wallSeconds,
    double networkSeconds,
    boolean timedOut,
    List<SchemeRow> schemes,
    List<ProviderRow> providers,
    List<JobRow> jobs,
    LedgerCheck ledger,
    Checks checks) {

  public static final String FORMAT = "poc-demo/1";

  /**
   * One scheme.
   *
   * @param scheme the policy name
   * @param status {@code run}, {@code not-served} (the coordinator has no protocol for it) or
   *     {@code not-runnable} (served, but no worker can produce its evidence)
   * @param note why it was not run, or what was not applicable
   * @param workloads the workloads it ran on
   * @param jobs jobs submitted
   * @param decided jobs decided with a result
   * @param failed jobs ended without a result
   * @param unfinished jobs still open at the timeout
   * @param executeTasks execute tasks that reached a verdict
   * @param accepted execute tasks accepted
   * @param rejected execute tasks rejected (slashed)
   * @param inconclusive execute tasks ended inconclusive (nobody slashed)
   * @param cheatingSubmissions wrong submissions by providers told to cheat (caught + escaped)
   * @param caught cheating submissions rejected
   * @param escaped cheating submissions accepted with a result that differs from the honest one
   * @param cheaterCorrect submissions by cheating providers that were in fact correct (a lazy coin
   *     that faked nothing)
   * @param falsePositives execute tasks of honest providers rejected
   * @param detectionRate caught / cheatingSubmissions; null without cheating submissions
   * @param detectionLow lower end of the 95% Wilson interval of the detection rate
   * @param detectionHigh upper end of that interval
   * @param theoryDetection the mean theoretical detection probability of its tested cheating
   *     submissions (all but the unopposed ones)
   * @param expectedCaught the sum of those probabilities
   * @param unopposed cheating submissions of replication or bisection in jobs where no honest
   *     provider submitted: counted in caught/escaped, not tested against the theory
   * @param pValue P(X <= caught) over the tested submissions, for X the number caught if each were
   *     caught with its theoretical probability; small means "caught less often than the theory
   *     says"
   * @param overhead verification work over execution work (see docs/demo.md "Overhead")
   * @param executionMicros measured execution time of one honest replica, summed over its jobs
   * @param verificationMicros measured verification time (coordinator checks, validator
   *     recomputation, extra replicas), summed over its jobs
   * @param curve theory of detection vs number of checks for the chart
   */
  public record SchemeRow(
      String scheme,
      String status,
      String note,
      List<String> workloads,
      int jobs,
      int decided,
      int failed,
      int unfinished,
      int executeTasks,
      int accepted,
      int rejected,
      int inconclusive,
      int cheatingSubmissions,
      int caught,
      int escaped,
      int cheaterCorrect,
      int falsePositives,
      @Nullable Double detectionRate,
      @Nullable Double detectionLow,
      @Nullable Double detectionHigh,
      @Nullable Double theoryDetection,
      double expectedCaught,
      int unopposed,
      double pValue,
      @Nullable Double overhead,
      long executionMicros,
      long verificationMicros,
      Curve curve) {}

  /**
   * Detection probability against the number of checks of a scheme's policy knob.
   *
   * @param knob what the x axis counts ({@code opened positions (s + c)}, {@code replicas}, ...)
   * @param behaviour the cheat the curve is for
   * @param points (x, probability) pairs
   * @param policyX the x of the demo's policy (where the measured rate is drawn)
   */
  public record Curve(String knob, String behaviour, List<Point> points, int policyX) {}

  /** One point of a curve. */
  public record Point(int x, double p) {}

  /**
   * One worker process.
   *
   * @param name its name in the demo
   * @param nodeId its node id (hex)
   * @param behaviour the {@code --behaviour} it ran
   * @param role provider, validator or both
   * @param cheats whether it was told to submit wrong work as a provider
   * @param executeTasks its execute tasks that reached a verdict
   * @param accepted of those, accepted
   * @param rejected of those, rejected
   * @param inconclusive of those, inconclusive
   * @param validations validation tasks it held
   * @param rewardsMicro rewards paid to it
   * @param feesMicro validator fees paid to it
   * @param slashedMicro stake slashed from it
   * @param slashes slash postings against it
   * @param balanceMicro its final balance (available + bonded + locked)
   * @param netMicro balance minus deposit (signed)
   * @param exitCode its process's exit code (143 after SIGTERM, 137 after a crash or SIGKILL, 0
   *     after a clean stop; -1 if it had to be killed)
   */
  public record ProviderRow(
      String name,
      String nodeId,
      String behaviour,
      String role,
      boolean cheats,
      int executeTasks,
      int accepted,
      int rejected,
      int inconclusive,
      int validations,
      long rewardsMicro,
      long feesMicro,
      long slashedMicro,
      int slashes,
      long balanceMicro,
      long netMicro,
      int exitCode) {}

  /**
   * One job.
   *
   * @param key its idempotency key ({@code demo-SCHEME-WORKLOAD-N})
   * @param jobId the coordinator's job id
   * @param scheme the scheme
   * @param workload the workload name
   * @param status open, disputed, decided or failed
   * @param resultMatchesHonest whether the accepted result equals the result of an honest run
   *     replayed by the demo (null when the job has no result)
   * @param tasks its tasks
   */
  public record JobRow(
      String key,
      String jobId,
      String scheme,
      String workload,
      String status,
      @Nullable Boolean resultMatchesHonest,
      List<TaskRow> tasks) {}

  /**
   * One task.
   *
   * @param taskId the task id
   * @param kind execute or validate
   * @param replica replica index (execute tasks)
   * @param holder the worker holding it last (name), or null
   * @param verdict accepted, rejected, inconclusive, or null
   * @param reason the rejection reason, or null
   * @param truth the ground-truth class: {@code honest}, {@code caught}, {@code escaped}, {@code
   *     cheater-correct}, {@code false-positive}, {@code pending} or {@code validation}
   */
  public record TaskRow(
      String taskId,
      String kind,
      int replica,
      @Nullable String holder,
      @Nullable String verdict,
      @Nullable String reason,
      String truth) {}

  /**
   * The ledger after the run.
   *
   * @param conserved every check below holds
   * @param depositedMicro deposits the demo made (requester and workers)
   * @param outstandingMicro the value held inside the ledger (minus the external account)
   * @param sumOfBalancesMicro the sum of every signed balance, external included (must be 0)
   * @param invariantsHold no negative balance, escrow covers every open job, locks match
   * @param replayMatches replaying every stored posting from an empty ledger gives the stored state
   * @param postings postings applied
   * @param treasuryMicro the treasury's balance (its share of slashes)
   * @param escrowMicro value still in job escrows
   * @param problem the first violated check, or null
   */
  public record LedgerCheck(
      boolean conserved,
      long depositedMicro,
      long outstandingMicro,
      long sumOfBalancesMicro,
      boolean invariantsHold,
      boolean replayMatches,
      int postings,
      long treasuryMicro,
      long escrowMicro,
      @Nullable String problem) {}

  /**
   * The promises of issue 5, checked on this run.
   *
   * @param noHonestSlashed no honest provider was rejected or slashed
   * @param honestAcceptedAndPaid every execute task of an honest provider that reached a verdict
   *     was accepted, and each accepted task was paid exactly one reward
   * @param detectionAsTheory for every scheme, pValue >= 1e-6
   * @param ledgerConserved the ledger check holds
   * @param allJobsEnded no job was still open at the timeout
   */
  public record Checks(
      boolean noHonestSlashed,
      boolean honestAcceptedAndPaid,
      boolean detectionAsTheory,
      boolean ledgerConserved,
      boolean allJobsEnded) {
    public boolean allHold() {
      return noHonestSlashed
          && honestAcceptedAndPaid
          && detectionAsTheory
          && ledgerConserved
          && allJobsEnded;
    }
  }

  /** Significance below which a scheme is said to catch less often than its theory. */
  public static final double SIGNIFICANCE = 1e-6;

  /** The report as the text tables {@code poc demo} prints. */
  public String table() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "poc demo — seed %d, %d worker processes, %d jobs, %.1f s (network %.1f s)%n%n",
            seed,
            workersStarted,
            jobs.size(),
            wallSeconds,
            networkSeconds));
    b.append(
        String.format(
            Locale.ROOT,
            "%-12s %5s %5s %5s %5s %5s %6s %6s %6s %6s %6s %9s %9s%n",
            "scheme",
            "jobs",
            "acc",
            "rej",
            "inc",
            "cheat",
            "caught",
            "escape",
            "FP",
            "det",
            "theory",
            "p-value",
            "overhead"));
    for (SchemeRow s : schemes) {
      if (!s.status().equals("run")) {
        b.append(String.format(Locale.ROOT, "%-12s %s: %s%n", s.scheme(), s.status(), s.note()));
        continue;
      }
      b.append(
          String.format(
              Locale.ROOT,
              "%-12s %5d %5d %5d %5d %5d %6d %6d %6d %6s %6s %9s %9s%n",
              s.scheme(),
              s.jobs(),
              s.accepted(),
              s.rejected(),
              s.inconclusive(),
              s.cheatingSubmissions(),
              s.caught(),
              s.escaped(),
              s.falsePositives(),
              pct(s.detectionRate()),
              pct(s.theoryDetection()),
              String.format(Locale.ROOT, "%.2g", s.pValue()),
              s.overhead() == null ? "-" : String.format(Locale.ROOT, "%.3gx", s.overhead())));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "%n%-24s %-15s %-9s %5s %5s %5s %5s %10s %10s %10s%n",
            "worker",
            "behaviour",
            "role",
            "tasks",
            "acc",
            "rej",
            "valid",
            "earned",
            "slashed",
            "net"));
    for (ProviderRow p : providers) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-24s %-15s %-9s %5d %5d %5d %5d %10s %10s %10s%n",
              p.name(),
              p.behaviour(),
              p.role(),
              p.executeTasks(),
              p.accepted(),
              p.rejected(),
              p.validations(),
              credits(p.rewardsMicro() + p.feesMicro()),
              credits(p.slashedMicro()),
              credits(p.netMicro())));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "%nledger: %s — deposited %s, held %s, sum of balances %d, invariants %s, replay %s,"
                + " %d postings, treasury %s%s%n",
            ledger.conserved() ? "conserved" : "NOT CONSERVED",
            credits(ledger.depositedMicro()),
            credits(ledger.outstandingMicro()),
            ledger.sumOfBalancesMicro(),
            ledger.invariantsHold() ? "hold" : "VIOLATED",
            ledger.replayMatches() ? "matches" : "DIFFERS",
            ledger.postings(),
            credits(ledger.treasuryMicro()),
            ledger.problem() == null ? "" : " (" + ledger.problem() + ")"));
    b.append(
        String.format(
            Locale.ROOT,
            "checks: honest never slashed %s, honest accepted and paid %s, detection as theory %s,"
                + " ledger conserved %s, all jobs ended %s%n",
            yes(checks.noHonestSlashed()),
            yes(checks.honestAcceptedAndPaid()),
            yes(checks.detectionAsTheory()),
            yes(checks.ledgerConserved()),
            yes(checks.allJobsEnded())));
    return b.toString();
  }

  private static String yes(boolean b) {
    return b ? "yes" : "NO";
  }

  static String pct(@Nullable Double d) {
    return d == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * d);
  }

  static String credits(long micro) {
    return String.format(Locale.ROOT, "%.2f", micro / 1e6);
  }
}
