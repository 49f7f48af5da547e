package dev.proofofcompute.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One worker process of the demo network: its name, the {@code poc worker --behaviour} it runs and
 * its {@code --role}. Whether it cheats is decided here, from the flag the demo gave it: this is
 * the ground truth the report compares the coordinator's verdicts with.
 *
 * @param name a short unique name (used in key file names and the report)
 * @param behaviour the {@code --behaviour} flag value ({@code honest}, {@code wrong}, {@code
 *     lazy:F}, {@code grinder[:F]}, {@code copycat}, {@code collude:GROUP}, {@code crash}, {@code
 *     lazy-validator})
 * @param role {@code provider}, {@code validator} or {@code both}
 */
public record WorkerSpec(String name, String behaviour, String role) {
  public WorkerSpec {
    if (!name.matches("[a-z0-9-]{1,40}")) {
      throw new IllegalArgumentException("a worker name is 1..40 of [a-z0-9-], got '" + name + "'");
    }
    if (!List.of("provider", "validator", "both").contains(role)) {
      throw new IllegalArgumentException(
          "a role is provider, validator or both, got '" + role + "'");
    }
    dev.proofofcompute.worker.Behaviour.parse(behaviour);
  }

  /** Whether it leases execute tasks. */
  public boolean provider() {
    return !role.equals("validator");
  }

  /** Whether it leases validation work. */
  public boolean validator() {
    return !role.equals("provider");
  }

  /**
   * Whether, as a provider, it was told to submit wrong work (wrong, lazy, grinder, copycat,
   * collude). A crashing worker and a lazy validator are honest providers.
   */
  public boolean cheatingProvider() {
    return provider() && !(behaviour.equals("honest") || isCrash() || isLazyValidator());
  }

  /** Whether it was told to approve validation work without checking it. */
  public boolean isLazyValidator() {
    return behaviour.equals("lazy-validator");
  }

  /** Whether it halts its own process in the middle of a task. */
  public boolean isCrash() {
    return behaviour.equals("crash");
  }

  /**
   * Parses a mix: comma-separated {@code BEHAVIOUR[@ROLE][*COUNT]}, e.g. {@code
   * honest*3,wrong,lazy:0.2,honest@validator}. Names are {@code wN-KIND[-ROLE]}.
   *
   * @throws IllegalArgumentException on a malformed entry or an unknown behaviour
   */
  public static List<WorkerSpec> parseMix(String mix) {
    List<WorkerSpec> out = new ArrayList<>();
    for (String raw : mix.split(",", -1)) {
      String e = raw.strip();
      if (e.isEmpty()) {
        throw new IllegalArgumentException("--mix has an empty entry: '" + mix + "'");
      }
      int count = 1;
      int star = e.lastIndexOf('*');
      if (star >= 0) {
        try {
          count = Integer.parseInt(e.substring(star + 1));
        } catch (NumberFormatException ex) {
          throw new IllegalArgumentException("--mix: bad count in '" + e + "'", ex);
        }
        if (count < 1 || count > 64) {
          throw new IllegalArgumentException("--mix: a count is 1..64, got '" + e + "'");
        }
        e = e.substring(0, star);
      }
      String role = "provider";
      int at = e.indexOf('@');
      if (at >= 0) {
        role = e.substring(at + 1);
        e = e.substring(0, at);
      } else if (e.equals("lazy-validator")) {
        role = "validator";
      }
      String kind = e.replaceAll("[^a-z-].*$", "");
      if (kind.isEmpty()) {
        kind = "w";
      }
      if (!role.equals("provider") && !kind.equals("lazy-validator")) {
        kind = kind + "-" + role;
      }
      for (int i = 0; i < count; i++) {
        out.add(
            new WorkerSpec(String.format(Locale.ROOT, "w%d-%s", out.size() + 1, kind), e, role));
      }
    }
    if (out.size() > 64) {
      throw new IllegalArgumentException("--mix: at most 64 workers, got " + out.size());
    }
    return List.copyOf(out);
  }
}
