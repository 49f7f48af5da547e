package dev.proofofcompute.cli.demo;

import dev.proofofcompute.cli.demo.DemoReport.Point;
import dev.proofofcompute.cli.demo.DemoReport.ProviderRow;
import dev.proofofcompute.cli.demo.DemoReport.SchemeRow;
import java.util.List;
import java.util.Locale;

/**
 * The report as one self-contained HTML page (no script, no CDN: the charts are inline SVG): the
 * scheme and worker tables, one chart per scheme of detection probability against the number of
 * checks (the policy's theory as a line, the measured rate with its 95% Wilson interval at the
 * demo's policy), and a bar chart of verification overhead per scheme on a log scale.
 */
public final class DemoHtml {
  private static final int W = 360;
  private static final int H = 220;
  private static final int PAD = 40;

  private DemoHtml() {}

  /** The page. */
  public static String render(DemoReport r) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>poc demo report, seed ")
        .append(r.seed())
        .append("</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse;margin:1em 0}")
        .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
        .append("th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}")
        .append(".bad{color:#b00;font-weight:bold}.ok{color:#070}")
        .append(".charts{display:flex;flex-wrap:wrap;gap:1em}")
        .append("svg{background:#fafafa;border:1px solid #ddd}")
        .append("</style></head><body>\n");
    b.append("<h1>poc demo</h1><p>Seed ")
        .append(r.seed())
        .append(", ")
        .append(r.workersStarted())
        .append(" worker processes, ")
        .append(r.jobs().size())
        .append(" jobs, ")
        .append(fmt("%.1f", r.wallSeconds()))
        .append(" s. Rerun with <code>poc demo --seed ")
        .append(r.seed())
        .append("</code>.</p>\n");
    DemoReport.Checks c = r.checks();
    b.append("<ul>")
        .append(check("No honest provider slashed", c.noHonestSlashed()))
        .append(check("Every honest task accepted and paid", c.honestAcceptedAndPaid()))
        .append(check("Cheaters caught as often as the theory says", c.detectionAsTheory()))
        .append(check("Ledger conserved", c.ledgerConserved()))
        .append(check("Every job ended", c.allJobsEnded()))
        .append("</ul>\n");
    b.append("<h2>Schemes</h2><table><tr><th>scheme</th><th>jobs</th><th>accepted</th>")
        .append("<th>rejected</th><th>inconclusive</th><th>cheating</th><th>caught</th>")
        .append("<th>escaped</th><th>false positives</th><th>detection</th><th>theory</th>")
        .append("<th>p-value</th><th>overhead</th><th>note</th></tr>\n");
    for (SchemeRow s : r.schemes()) {
      b.append("<tr><td>").append(esc(s.scheme())).append("</td>");
      if (!s.status().equals("run")) {
        b.append("<td colspan=\"12\">")
            .append(esc(s.status()))
            .append("</td><td>")
            .append(esc(s.note()))
            .append("</td></tr>\n");
        continue;
      }
      b.append(td(s.jobs()))
          .append(td(s.accepted()))
          .append(td(s.rejected()))
          .append(td(s.inconclusive()))
          .append(td(s.cheatingSubmissions()))
          .append(td(s.caught()))
          .append(td(s.escaped()))
          .append("<td class=\"")
          .append(s.falsePositives() == 0 ? "ok" : "bad")
          .append("\">")
          .append(s.falsePositives())
          .append("</td><td>")
          .append(DemoReport.pct(s.detectionRate()))
          .append("</td><td>")
          .append(DemoReport.pct(s.theoryDetection()))
          .append("</td><td>")
          .append(fmt("%.2g", s.pValue()))
          .append("</td><td>")
          .append(s.overhead() == null ? "-" : fmt("%.3g×", s.overhead()))
          .append("</td><td>")
          .append(esc(s.note()))
          .append("</td></tr>\n");
    }
    b.append("</table>\n<h2>Workers</h2><table><tr><th>worker</th><th>behaviour</th>")
        .append("<th>role</th><th>tasks</th><th>accepted</th><th>rejected</th>")
        .append("<th>validations</th><th>rewards</th><th>fees</th><th>slashed</th>")
        .append("<th>net</th><th>exit</th></tr>\n");
    for (ProviderRow p : r.providers()) {
      b.append("<tr><td>")
          .append(esc(p.name()))
          .append("</td><td>")
          .append(esc(p.behaviour()))
          .append("</td><td>")
          .append(esc(p.role()))
          .append("</td>")
          .append(td(p.executeTasks()))
          .append(td(p.accepted()))
          .append(td(p.rejected()))
          .append(td(p.validations()))
          .append("<td>")
          .append(DemoReport.credits(p.rewardsMicro()))
          .append("</td><td>")
          .append(DemoReport.credits(p.feesMicro()))
          .append("</td><td>")
          .append(DemoReport.credits(p.slashedMicro()))
          .append("</td><td>")
          .append(DemoReport.credits(p.netMicro()))
          .append("</td>")
          .append(td(p.exitCode()))
          .append("</tr>\n");
    }
    DemoReport.LedgerCheck l = r.ledger();
    b.append("</table>\n<h2>Ledger</h2><p class=\"")
        .append(l.conserved() ? "ok" : "bad")
        .append("\">")
        .append(l.conserved() ? "Conserved" : "NOT conserved: " + esc(String.valueOf(l.problem())))
        .append(": deposited ")
        .append(DemoReport.credits(l.depositedMicro()))
        .append(", held ")
        .append(DemoReport.credits(l.outstandingMicro()))
        .append(", ")
        .append(l.postings())
        .append(" postings replayed ")
        .append(l.replayMatches() ? "to the same state" : "to ANOTHER state")
        .append(", treasury ")
        .append(DemoReport.credits(l.treasuryMicro()))
        .append(".</p>\n");
    b.append("<h2>Detection probability vs checks</h2><div class=\"charts\">\n");
    for (SchemeRow s : r.schemes()) {
      if (s.status().equals("run")) {
        b.append(detectionChart(s));
      }
    }
    b.append("</div>\n<h2>Verification overhead (verification work / execution work)</h2>\n")
        .append(overheadChart(r.schemes()))
        .append("<p>Measured by replaying each job honestly in the demo's JVM (docs/demo.md,")
        .append(" \"Overhead\").</p>\n</body></html>\n");
    return b.toString();
  }

  private static String detectionChart(SchemeRow s) {
    List<Point> pts = s.curve().points();
    int maxX = Math.max(s.curve().policyX(), pts.stream().mapToInt(Point::x).max().orElse(1));
    StringBuilder b = new StringBuilder();
    b.append(svgOpen(s.scheme() + ": " + s.curve().behaviour()));
    axes(b, "0", String.valueOf(maxX), s.curve().knob());
    StringBuilder path = new StringBuilder();
    for (Point p : pts) {
      path.append(path.isEmpty() ? "M" : " L")
          .append(fmt("%.1f", x(p.x(), maxX)))
          .append(',')
          .append(fmt("%.1f", y(p.p())));
    }
    b.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#36c\"/>");
    if (s.detectionRate() != null && s.detectionLow() != null && s.detectionHigh() != null) {
      double px = x(s.curve().policyX(), maxX);
      b.append(
          fmt(
              "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#c33\"/>",
              px, px, y(s.detectionLow()), y(s.detectionHigh())));
      b.append(
          fmt(
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#c33\"><title>measured %s of %d"
                  + "</title></circle>",
              px,
              y(s.detectionRate()),
              DemoReport.pct(s.detectionRate()),
              s.cheatingSubmissions()));
    }
    b.append(
        fmt(
            "<text x=\"%d\" y=\"%d\" font-size=\"10\">line: theory; dot: measured (95%%)</text>",
            PAD + 5, PAD - 6));
    return b.append("</svg>\n").toString();
  }

  private static String overheadChart(List<SchemeRow> rows) {
    List<SchemeRow> run = rows.stream().filter(s -> s.overhead() != null).toList();
    int h = 30 + 24 * Math.max(1, run.size());
    StringBuilder b = new StringBuilder();
    b.append(
        fmt(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"%d\" role=\"img\">",
            h));
    double lo = -3;
    double hi = 2;
    for (int d = (int) lo; d <= hi; d++) {
      double gx = 120 + (d - lo) / (hi - lo) * 480;
      b.append(
          fmt(
              "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"10\" y2=\"%d\" stroke=\"#ddd\"/>",
              gx, gx, h - 15));
      b.append(
          fmt(
              "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
              gx, h - 3, d >= 0 ? fmt("%.0f×", Math.pow(10, d)) : fmt("%s×", Math.pow(10, d))));
    }
    int i = 0;
    for (SchemeRow s : run) {
      double overhead = s.overhead() == null ? 0 : s.overhead();
      double v = Math.log10(Math.max(1e-3, Math.min(100, overhead)));
      double w = (v - lo) / (hi - lo) * 480;
      int yy = 15 + 24 * i++;
      b.append(fmt("<text x=\"5\" y=\"%d\" font-size=\"12\">%s</text>", yy + 13, esc(s.scheme())));
      b.append(
          fmt(
              "<rect x=\"120\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"#6a9\"><title>%s"
                  + "</title></rect>",
              yy, Math.max(1, w), fmt("%.3g×", overhead)));
      b.append(
          fmt(
              "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s</text>",
              125 + Math.max(1, w), yy + 12, fmt("%.3g×", overhead)));
    }
    return b.append("</svg>\n").toString();
  }

  private static String svgOpen(String title) {
    return fmt(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\">"
            + "<text x=\"%d\" y=\"16\" font-size=\"13\" font-weight=\"bold\">%s</text>",
        W, H, PAD, esc(title));
  }

  private static void axes(StringBuilder b, String x0, String x1, String label) {
    b.append(
        fmt(
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>",
            PAD, H - PAD, W - 10, H - PAD));
    b.append(
        fmt(
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>",
            PAD, PAD, PAD, H - PAD));
    for (double p : new double[] {0, 0.5, 1}) {
      b.append(
          fmt(
              "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%.1f</text>",
              PAD - 4, y(p) + 3, p));
    }
    b.append(fmt("<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>", PAD, H - PAD + 12, x0));
    b.append(
        fmt(
            "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>",
            W - 10, H - PAD + 12, x1));
    b.append(
        fmt(
            "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
            (W + PAD) / 2, H - 8, esc(label)));
  }

  private static double x(int v, int maxX) {
    return PAD + (double) v / maxX * (W - 10 - PAD);
  }

  private static double y(double p) {
    return (H - PAD) - p * (H - 2 * PAD);
  }

  private static String td(int v) {
    return "<td>" + v + "</td>";
  }

  private static String check(String what, boolean ok) {
    return "<li class=\""
        + (ok ? "ok" : "bad")
        + "\">"
        + what
        + ": "
        + (ok ? "yes" : "NO")
        + "</li>";
  }

  @SuppressWarnings("AnnotateFormatMethod") // no Error Prone annotations on the classpath
  private static String fmt(String f, Object... args) {
    return String.format(Locale.ROOT, f, args);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
