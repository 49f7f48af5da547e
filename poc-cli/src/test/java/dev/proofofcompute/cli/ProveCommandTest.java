package dev.proofofcompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.cli.TourCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProveCommandTest {
  @TempDir Path dir;

  @Test
  void provesAMimcChainAndVerifyAcceptsTheBundle() {
    Path bundle = dir.resolve("chain.poc");
    Run p =
        TourCommandTest.run(
            "prove", "--air", "mimc", "--seed", "7", "--steps", "1023", "--out", bundle.toString());
    assertThat(p.exit()).as(p.err()).isZero();
    assertThat(p.out())
        .contains("mimc7-chain/v1: 1023 MiMC-7 steps from x_0 = 7")
        .contains("rows:      1024");
    assertThat(Files.exists(bundle)).isTrue();

    Run v = TourCommandTest.run("verify", bundle.toString());
    assertThat(v.exit()).as(v.out() + v.err()).isEqualTo(VerifyCommand.VALID);
    assertThat(v.out()).contains("verdict:    VALID").contains("99 conjectured bits");
  }

  @Test
  void provesFibonacciAndTheProofIsTheSameOnTwoThreads() throws Exception {
    Path one = dir.resolve("one.poc");
    Path two = dir.resolve("two.poc");
    Run a =
        TourCommandTest.run(
            "prove", "--air", "fibonacci", "--steps", "256", "--out", one.toString());
    Run b =
        TourCommandTest.run(
            "prove",
            "--air",
            "fibonacci",
            "--steps",
            "256",
            "--threads",
            "2",
            "--out",
            two.toString());
    assertThat(a.exit()).as(a.err()).isZero();
    assertThat(b.exit()).as(b.err()).isZero();
    assertThat(a.out()).contains("the Fibonacci sequence from (1, 1) over 256 rows");
    assertThat(Files.readAllBytes(two)).isEqualTo(Files.readAllBytes(one));
    assertThat(TourCommandTest.run("verify", one.toString()).exit()).isZero();
  }

  @Test
  void usageErrorsAreOneLineAndExitTwo() {
    String out = dir.resolve("x.poc").toString();
    Run air = TourCommandTest.run("prove", "--air", "rescue", "--steps", "8", "--out", out);
    assertThat(air.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(air.err().strip())
        .isEqualTo("poc prove: --air must be mimc or fibonacci, got 'rescue'");
    Run rows = TourCommandTest.run("prove", "--air", "fibonacci", "--steps", "100", "--out", out);
    assertThat(rows.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(rows.err()).contains("power of two").doesNotContain("Exception");
    Run seed =
        TourCommandTest.run(
            "prove",
            "--air",
            "mimc",
            "--seed",
            "18446744069414584321",
            "--steps",
            "8",
            "--out",
            out);
    assertThat(seed.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(seed.err()).contains("--seed must be below p");
    Run mixed =
        TourCommandTest.run("prove", "--air", "mimc", "--first", "2", "--steps", "8", "--out", out);
    assertThat(mixed.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(mixed.err()).contains("--first does not apply to --air mimc");
  }
}
