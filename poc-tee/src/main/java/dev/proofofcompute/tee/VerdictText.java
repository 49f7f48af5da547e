package dev.proofofcompute.tee;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A verdict as lines of text for operators (e.g. {@code poc attest verify}): the outcome first,
 * then, for an accepted verdict, the measurement, report data, debug flag, every further measured
 * value in hex and every attribute, one {@code name: value} per line.
 */
public final class VerdictText {
  private VerdictText() {}

  public static List<String> lines(AttestationVerdict verdict) {
    List<String> out = new ArrayList<>();
    switch (verdict) {
      case AttestationVerdict.Accepted a -> {
        Measured m = a.measured();
        out.add("ACCEPTED " + m.format().cliName());
        out.add("measurement: " + m.measurement().toHex());
        out.add("report_data: " + m.reportData().toHex());
        out.add("debug: " + m.debug());
        m.values().forEach((k, v) -> out.add(k + ": " + v.toHex()));
        for (Map.Entry<String, String> e : m.attributes().entrySet()) {
          out.add(e.getKey() + ": " + e.getValue());
        }
      }
      case AttestationVerdict.Rejected r -> out.add("REJECTED " + r.reason() + ": " + r.detail());
    }
    return List.copyOf(out);
  }
}
