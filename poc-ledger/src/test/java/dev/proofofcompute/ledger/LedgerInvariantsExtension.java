package dev.proofofcompute.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Checks the ledger invariants after every ledger test, in the manner of Caffeine's validation
 * listener: a test asks for a {@link Ledger} (a fresh, empty one) or for {@link TrackedLedgers} (to
 * register ledgers it builds itself, e.g. by replay) as a parameter, and after the test, whatever
 * it did, every such ledger must satisfy {@link LedgerInvariants} and must be reproduced exactly by
 * replaying its own postings.
 */
final class LedgerInvariantsExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LedgerInvariantsExtension.class);

  /** The ledgers a test registered for checking. */
  static final class TrackedLedgers {
    private final List<Ledger> ledgers = new ArrayList<>();

    /** Registers {@code ledger} for the after-test check and returns it. */
    Ledger track(Ledger ledger) {
      ledgers.add(ledger);
      return ledger;
    }

    List<Ledger> all() {
      return List.copyOf(ledgers);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Ledger.class || type == TrackedLedgers.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TrackedLedgers tracked = tracked(context);
    return parameter.getParameter().getType() == Ledger.class
        ? tracked.track(new Ledger())
        : tracked;
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    for (Ledger ledger : tracked(context).all()) {
      LedgerInvariants.check(ledger);
      assertThat(Ledger.replay(ledger.postings()).snapshot())
          .as("replaying the ledger's own postings reproduces its state")
          .isEqualTo(ledger.snapshot());
    }
  }

  private static TrackedLedgers tracked(ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .computeIfAbsent(TrackedLedgers.class, k -> new TrackedLedgers(), TrackedLedgers.class);
  }
}
