package dev.proofofcompute.arena;

/**
 * How a provider behaves on a task: a value, so that the arena, tests and a simulated worker can
 * share one catalogue of cheats. Each scheme's runner in the arena interprets a behaviour in that
 * scheme's terms (what "a wrong result" or "a malformed opening" is differs between a replicated
 * output, a spot-checked Merkle opening and a bisection dispute); {@code docs/arena.md} lists the
 * interpretation per scheme.
 */
public sealed interface Behaviour
    permits Behaviour.Honest,
        Behaviour.WrongResult,
        Behaviour.Lazy,
        Behaviour.Grinder,
        Behaviour.Copycat,
        Behaviour.ColludingPair,
        Behaviour.LateWrongStep,
        Behaviour.Malformed {

  /** A short stable label for reports, e.g. {@code lazy(f=0.1)}. */
  String label();

  /** Whether this behaviour follows the protocol and computes correctly. */
  default boolean honest() {
    return false;
  }

  /** Runs the workload correctly and follows the protocol. */
  record Honest() implements Behaviour {
    @Override
    public String label() {
      return "honest";
    }

    @Override
    public boolean honest() {
      return true;
    }
  }

  /** Computes, then submits a result with one value changed (consistently across its evidence). */
  record WrongResult() implements Behaviour {
    @Override
    public String label() {
      return "wrong-result";
    }
  }

  /**
   * Skips a fraction of the work: about {@code f · N} of the {@code N} items (or steps), at least
   * one, chosen uniformly by the provider, get made-up outputs: {@code ceil(f · N)} for the
   * spot-check's own lazy provider, {@code round(f · N)} elsewhere (see {@code docs/arena.md}).
   *
   * @param fakedFraction {@code f}, in {@code (0, 1]}
   */
  record Lazy(double fakedFraction) implements Behaviour {
    public Lazy {
      checkFraction(fakedFraction);
    }

    @Override
    public String label() {
      return "lazy(f=" + fakedFraction + ")";
    }
  }

  /**
   * A lazy provider that re-rolls its commitment (a fresh salt or a different choice of faked
   * items) up to {@code attempts} times, hoping for a commitment whose challenge misses its faked
   * items: it can predict the challenge only if the challenge were derived from its commitment.
   *
   * @param fakedFraction the fraction of items it fakes, in {@code (0, 1]}
   * @param attempts commitments it tries, {@code >= 1}
   */
  record Grinder(double fakedFraction, int attempts) implements Behaviour {
    public Grinder {
      checkFraction(fakedFraction);
      if (attempts < 1) {
        throw new IllegalArgumentException(
            "a grinder tries at least 1 commitment, got " + attempts);
      }
    }

    @Override
    public String label() {
      return "grinder(f=" + fakedFraction + ", attempts=" + attempts + ")";
    }
  }

  /**
   * Does no work and submits another provider's result: its output, commitment or products, copied
   * from a peer on the same task or from an earlier task.
   */
  record Copycat() implements Behaviour {
    @Override
    public String label() {
      return "copycat";
    }
  }

  /** Two providers that agreed beforehand to submit the same wrong result. */
  record ColludingPair() implements Behaviour {
    @Override
    public String label() {
      return "colluding-pair";
    }
  }

  /**
   * Runs a stepwise workload honestly except for one step, {@code stepsFromEnd} steps before the
   * last, whose state it corrupts; later steps continue from the corrupted state.
   *
   * @param stepsFromEnd {@code 0} for the last step, {@code >= 0}
   */
  record LateWrongStep(int stepsFromEnd) implements Behaviour {
    public LateWrongStep {
      if (stepsFromEnd < 0) {
        throw new IllegalArgumentException("stepsFromEnd is >= 0, got " + stepsFromEnd);
      }
    }

    @Override
    public String label() {
      return "late-wrong-step(" + stepsFromEnd + " from end)";
    }
  }

  /**
   * Submits evidence that is malformed: a proof or opening that does not parse, has the wrong
   * shape, or does not open the provider's own commitment.
   */
  record Malformed() implements Behaviour {
    @Override
    public String label() {
      return "malformed";
    }
  }

  private static void checkFraction(double f) {
    if (!(f > 0 && f <= 1)) {
      throw new IllegalArgumentException("a faked fraction is in (0, 1], got " + f);
    }
  }
}
