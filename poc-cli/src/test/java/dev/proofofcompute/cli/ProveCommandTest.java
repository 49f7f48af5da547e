package dev.proofofcompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.cli.TourCommandTest.Run;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.stark.bundle.ProofBundle;
import dev.proofofcompute.stark.bundle.Statement;
import dev.proofofcompute.stark.workload.MatVec;
import dev.proofofcompute.stark.workload.MatVecInput;
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
        .isEqualTo("poc prove: --air must be mimc, fibonacci or matvec, got 'rescue'");
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

  @Test
  void provesAMatVecProductAndVerifyAcceptsTheBundle() throws Exception {
    Path bundle = dir.resolve("matvec.poc");
    Run p =
        TourCommandTest.run(
            "prove",
            "--air",
            "matvec",
            "--rows",
            "10",
            "--cols",
            "33",
            "--seed",
            "9",
            "--out",
            bundle.toString());
    assertThat(p.exit()).as(p.err()).isZero();
    assertThat(p.out())
        .contains("matvec/v1: y = W·x for int8 W (10x33, sha256 ")
        .contains("rows:      1024");
    Run v = TourCommandTest.run("verify", bundle.toString());
    assertThat(v.exit()).as(v.out() + v.err()).isEqualTo(VerifyCommand.VALID);
    assertThat(v.out()).contains("verdict:    VALID").contains("matvec/v1");

    // The same statement from a workload input file gives the same bundle.
    ProofBundle decoded = ProofBundle.decode(Bytes.of(Files.readAllBytes(bundle)));
    Statement.MatVec s = (Statement.MatVec) decoded.statement();
    Path input = dir.resolve("matvec.input");
    Files.write(
        input,
        MatVec.create()
            .inputCodec()
            .encode(new MatVecInput(s.weights(), s.vector()))
            .toByteArray());
    Path again = dir.resolve("again.poc");
    Run q =
        TourCommandTest.run(
            "prove", "--air", "matvec", "--input", input.toString(), "--out", again.toString());
    assertThat(q.exit()).as(q.err()).isZero();
    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(bundle));

    // A bundle whose result entry was changed (and re-encoded canonically) is a bad proof.
    int[] y = s.result().toRowMajorArray();
    y[3] += 1;
    ProofBundle lie =
        new ProofBundle(
            new Statement.MatVec(s.weights(), s.vector(), IntMatrix.of(10, 1, y)),
            decoded.parameters(),
            decoded.proof());
    Path liePath = dir.resolve("lie.poc");
    Files.write(liePath, lie.encode().toByteArray());
    Run l = TourCommandTest.run("verify", liePath.toString());
    assertThat(l.exit()).isEqualTo(VerifyCommand.INVALID);
    assertThat(l.out()).contains("INVALID (BAD_PROOF)");
  }

  @Test
  void matVecUsageErrorsAreOneLine() throws Exception {
    String out = dir.resolve("x.poc").toString();
    Run noShape = TourCommandTest.run("prove", "--air", "matvec", "--out", out);
    assertThat(noShape.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(noShape.err().strip())
        .isEqualTo("poc prove: --air matvec needs --rows and --cols, or --input");
    Run steps =
        TourCommandTest.run(
            "prove", "--air", "matvec", "--steps", "8", "--rows", "2", "--cols", "2", "--out", out);
    assertThat(steps.err()).contains("--steps does not apply to --air matvec");
    Run wide =
        TourCommandTest.run(
            "prove", "--air", "matvec", "--rows", "1", "--cols", "131072", "--out", out);
    assertThat(wide.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(wide.err()).contains("--cols in [1, 131071]");
    Run big =
        TourCommandTest.run(
            "prove", "--air", "matvec", "--rows", "2000", "--cols", "1000", "--out", out);
    assertThat(big.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(big.err()).contains("trace rows, more than 1048576");
    Path garbage = dir.resolve("garbage.input");
    Files.write(garbage, new byte[] {(byte) 0xa0});
    Run bad =
        TourCommandTest.run(
            "prove", "--air", "matvec", "--input", garbage.toString(), "--out", out);
    assertThat(bad.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(bad.err().strip()).startsWith("poc prove: --input ").doesNotContain("\n");
    Run rowsForMimc =
        TourCommandTest.run("prove", "--air", "mimc", "--rows", "2", "--steps", "8", "--out", out);
    assertThat(rowsForMimc.err()).contains("--rows does not apply to --air mimc");
    Run noSteps = TourCommandTest.run("prove", "--air", "fibonacci", "--out", out);
    assertThat(noSteps.err()).contains("--air fibonacci needs --steps");
  }
}
