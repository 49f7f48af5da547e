package dev.proofofcompute.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.proofofcompute.ledger.archfixture.ImpureLedgerFixture;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN.md §4, held by the build: pure modules (crypto, core, schemes, workloads,
 * stark, tee, ledger, translog, arena) never reach for JDBC, HTTP, the storage or coordinator
 * layers, or the wall clock. This test lives in poc-cli because its classpath holds every module.
 */
class LayeringTest {
  static final String[] PURE = {
    "dev.proofofcompute.crypto..",
    "dev.proofofcompute.core..",
    "dev.proofofcompute.schemes..",
    "dev.proofofcompute.workloads..",
    "dev.proofofcompute.stark..",
    "dev.proofofcompute.tee..",
    "dev.proofofcompute.ledger..",
    "dev.proofofcompute.translog..",
    "dev.proofofcompute.arena..",
    "dev.proofofcompute.protocol..",
  };

  static final String[] FORBIDDEN = {
    "java.sql..",
    "javax.sql..",
    "java.net.http..",
    "com.sun.net.httpserver..",
    "io.javalin..",
    "io.helidon..",
    "org.eclipse.jetty..",
    "jakarta.servlet..",
    "dev.proofofcompute.storage..",
    "dev.proofofcompute.coordinator..",
    "dev.proofofcompute.worker..",
    "dev.proofofcompute.cli..",
  };

  static final ArchRule PURE_MODULES_DO_NO_IO =
      noClasses()
          .that()
          .resideInAnyPackage(PURE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(FORBIDDEN)
          .because("pure modules must not touch storage, HTTP or the layers above them");

  static final ArchRule PURE_MODULES_READ_NO_WALL_CLOCK =
      noClasses()
          .that()
          .resideInAnyPackage(PURE)
          .should()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(Instant.class, "now")
          .orShould()
          .callMethod(LocalDateTime.class, "now")
          .orShould()
          .callMethod(Clock.class, "systemUTC")
          .orShould()
          .callMethod(Clock.class, "systemDefaultZone")
          .because(
              "time is injected (java.time.InstantSource), so that tests and audits replay it");

  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.proofofcompute");
  }

  @Test
  void pureModulesImportNoIoOrUpperLayers() {
    PURE_MODULES_DO_NO_IO.check(production);
  }

  @Test
  void pureModulesReadNoWallClock() {
    PURE_MODULES_READ_NO_WALL_CLOCK.check(production);
  }

  /** Guards against a vacuous pass: the rules must actually see the pure modules' classes. */
  @Test
  void rulesSeeThePureModules() {
    for (String pkg :
        List.of(
            "dev.proofofcompute.crypto",
            "dev.proofofcompute.core",
            "dev.proofofcompute.schemes",
            "dev.proofofcompute.workloads",
            "dev.proofofcompute.tee",
            "dev.proofofcompute.stark",
            "dev.proofofcompute.ledger",
            "dev.proofofcompute.arena",
            "dev.proofofcompute.protocol",
            "dev.proofofcompute.translog")) {
      assertThat(production.stream().filter(c -> c.getPackageName().startsWith(pkg)))
          .as("classes imported from %s", pkg)
          .isNotEmpty();
    }
  }

  /** The rules must fail on a class that breaks them (a test fixture in a pure package). */
  @Test
  void rulesFlagAViolatingClass() {
    JavaClasses fixture = new ClassFileImporter().importClasses(ImpureLedgerFixture.class);
    EvaluationResult io = PURE_MODULES_DO_NO_IO.evaluate(fixture);
    EvaluationResult clock = PURE_MODULES_READ_NO_WALL_CLOCK.evaluate(fixture);
    assertThat(io.hasViolation()).isTrue();
    assertThat(io.getFailureReport().getDetails())
        .anySatisfy(d -> assertThat(d).contains("java.sql"))
        .anySatisfy(d -> assertThat(d).contains("java.net.http"));
    assertThat(clock.hasViolation()).isTrue();
    assertThat(clock.getFailureReport().getDetails())
        .anySatisfy(d -> assertThat(d).contains("Instant.now"));
  }
}
