package dev.proofofcompute.worker;

import dev.proofofcompute.protocol.ProviderBehaviour;
import java.util.Locale;

/**
 * How a worker behaves: honestly, or as one of the cheaters the system is built to catch. Chosen by
 * the {@code --behaviour} flag ({@link #parse}); the cheats exist for demos and tests and are
 * documented, with how each is caught, in {@code docs/worker.md}.
 *
 * <ul>
 *   <li>{@code honest}: runs the workload and answers truthfully.
 *   <li>{@code wrong}: returns a wrong result (the protocol's {@link ProviderBehaviour.Wrong}).
 *   <li>{@code lazy:F}: skips a fraction {@code F} of the work and fakes it ({@link
 *       ProviderBehaviour.Lazy}).
 *   <li>{@code grinder[:F]}: on spot-check jobs fakes a fraction {@code F} (default 0.2) of the
 *       items and re-rolls its commitment until the samples it predicts from the commitment miss
 *       its fakes; the coordinator draws the real samples after the commitment, so the grinding
 *       buys nothing. Elsewhere it is {@code lazy:F}.
 *   <li>{@code copycat}: on replication jobs tries to copy another replica's result instead of
 *       computing; commit-before-reveal leaves it only a made-up result. Elsewhere it is {@code
 *       wrong}.
 *   <li>{@code collude:GROUP}: on replication jobs every member of {@code GROUP} returns the same
 *       wrong result, so that a colluding majority could win the quorum (the scheme's known limit).
 *       Elsewhere it is {@code wrong}.
 *   <li>{@code crash}: dies abruptly in the middle of a task, after committing and before
 *       responding.
 *   <li>{@code lazy-validator}: an honest provider, but as a validator it approves without
 *       recomputing.
 * </ul>
 */
public sealed interface Behaviour
    permits Behaviour.Honest,
        Behaviour.Wrong,
        Behaviour.Lazy,
        Behaviour.Grinder,
        Behaviour.Copycat,
        Behaviour.Collude,
        Behaviour.Crash,
        Behaviour.LazyValidator {

  /** The default fraction a grinder fakes. */
  double DEFAULT_GRINDER_FRACTION = 0.2;

  /** The flag value that selects this behaviour (what {@link #parse} reads back). */
  String flag();

  /** Whether this behaviour cheats (as a provider or as a validator). */
  default boolean cheats() {
    return !(this instanceof Honest);
  }

  /**
   * The protocol behaviour for schemes where this behaviour has no special strategy, with {@code
   * seed} seeding the cheat so that a run can be replayed.
   */
  default ProviderBehaviour protocolBehaviour(long seed) {
    return switch (this) {
      case Honest h -> new ProviderBehaviour.Honest();
      case Crash c -> new ProviderBehaviour.Honest();
      case LazyValidator v -> new ProviderBehaviour.Honest();
      case Wrong w -> new ProviderBehaviour.Wrong(seed);
      case Copycat c -> new ProviderBehaviour.Wrong(seed);
      case Collude c -> new ProviderBehaviour.Wrong(seed);
      case Lazy l -> new ProviderBehaviour.Lazy(l.fraction(), seed);
      case Grinder g -> new ProviderBehaviour.Lazy(g.fraction(), seed);
    };
  }

  /** Runs the workload and answers truthfully. */
  record Honest() implements Behaviour {
    @Override
    public String flag() {
      return "honest";
    }
  }

  /** Returns a wrong result. */
  record Wrong() implements Behaviour {
    @Override
    public String flag() {
      return "wrong";
    }
  }

  /** Fakes a fraction of the work, {@code fraction} in (0, 1]. */
  record Lazy(double fraction) implements Behaviour {
    public Lazy {
      checkFraction("lazy", fraction);
    }

    @Override
    public String flag() {
      return "lazy:" + fraction;
    }
  }

  /** Fakes a fraction of spot-check items and grinds its commitment against predicted samples. */
  record Grinder(double fraction) implements Behaviour {
    public Grinder {
      checkFraction("grinder", fraction);
    }

    @Override
    public String flag() {
      return "grinder:" + fraction;
    }
  }

  /** Tries to copy another replica's result. */
  record Copycat() implements Behaviour {
    @Override
    public String flag() {
      return "copycat";
    }
  }

  /** Returns the same wrong result as every other member of {@code group}. */
  record Collude(String group) implements Behaviour {
    public Collude {
      if (!group.matches("[A-Za-z0-9_.-]{1,64}")) {
        throw new IllegalArgumentException(
            "a collusion group is 1..64 letters, digits, '.', '_' or '-', got '" + group + "'");
      }
    }

    @Override
    public String flag() {
      return "collude:" + group;
    }
  }

  /** Dies in the middle of a task, after committing and before responding. */
  record Crash() implements Behaviour {
    @Override
    public String flag() {
      return "crash";
    }
  }

  /** As a validator, approves without recomputing. */
  record LazyValidator() implements Behaviour {
    @Override
    public String flag() {
      return "lazy-validator";
    }
  }

  /**
   * Parses a {@code --behaviour} value: {@code honest}, {@code wrong}, {@code lazy:F}, {@code
   * grinder}, {@code grinder:F}, {@code copycat}, {@code collude:GROUP}, {@code crash} or {@code
   * lazy-validator}.
   *
   * @throws IllegalArgumentException with a one-line message naming the accepted values
   */
  static Behaviour parse(String value) {
    String v = value.strip();
    int colon = v.indexOf(':');
    String name = (colon < 0 ? v : v.substring(0, colon)).toLowerCase(Locale.ROOT);
    String arg = colon < 0 ? null : v.substring(colon + 1);
    Behaviour b =
        switch (name) {
          case "honest" -> noArgument(name, arg, new Honest());
          case "wrong" -> noArgument(name, arg, new Wrong());
          case "copycat" -> noArgument(name, arg, new Copycat());
          case "crash" -> noArgument(name, arg, new Crash());
          case "lazy-validator" -> noArgument(name, arg, new LazyValidator());
          case "lazy" -> new Lazy(fraction(name, arg, null));
          case "grinder" -> new Grinder(fraction(name, arg, DEFAULT_GRINDER_FRACTION));
          case "collude" -> {
            if (arg == null || arg.isEmpty()) {
              throw new IllegalArgumentException("collude needs a group: collude:GROUP");
            }
            yield new Collude(arg);
          }
          default ->
              throw new IllegalArgumentException(
                  "unknown behaviour '"
                      + value
                      + "'; expected honest, wrong, lazy:F, grinder[:F], copycat, collude:GROUP,"
                      + " crash or lazy-validator");
        };
    return b;
  }

  private static Behaviour noArgument(
      String name, @org.jspecify.annotations.Nullable String arg, Behaviour b) {
    if (arg != null) {
      throw new IllegalArgumentException("behaviour " + name + " takes no ':' argument");
    }
    return b;
  }

  private static double fraction(
      String name,
      @org.jspecify.annotations.Nullable String arg,
      @org.jspecify.annotations.Nullable Double dflt) {
    if (arg == null || arg.isEmpty()) {
      if (dflt == null) {
        throw new IllegalArgumentException(
            name + " needs a fraction: " + name + ":F with F in (0, 1]");
      }
      return dflt;
    }
    double f;
    try {
      f = Double.parseDouble(arg);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " fraction '" + arg + "' is not a number in (0, 1]", e);
    }
    checkFraction(name, f);
    return f;
  }

  private static void checkFraction(String name, double f) {
    if (!(f > 0 && f <= 1)) {
      throw new IllegalArgumentException(name + " fraction must be in (0, 1], got " + f);
    }
  }
}
