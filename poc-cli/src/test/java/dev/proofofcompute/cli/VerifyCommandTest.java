package dev.proofofcompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.cli.TourCommandTest.Run;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.stark.StarkParameters;
import dev.proofofcompute.stark.StarkProver;
import dev.proofofcompute.stark.bundle.ProofBundle;
import dev.proofofcompute.stark.bundle.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
  @TempDir static Path dir;
  private static Path bundle;
  private static byte[] bytes;

  @BeforeAll
  static void prove() throws Exception {
    bundle = dir.resolve("chain.poc");
    Run p =
        TourCommandTest.run(
            "prove", "--air", "mimc", "--seed", "3", "--steps", "200", "--out", bundle.toString());
    assertThat(p.exit()).as(p.err()).isZero();
    bytes = Files.readAllBytes(bundle);
  }

  @Test
  void flippedBytesGiveExitOneOrTwoWithAReasonSeed5() throws Exception {
    SplittableRandom random = new SplittableRandom(5);
    for (int trial = 0; trial < 12; trial++) {
      byte[] t = bytes.clone();
      int at = random.nextInt(t.length);
      t[at] ^= (byte) (1 + random.nextInt(255));
      Path f = dir.resolve("flipped-" + trial + ".poc");
      Files.write(f, t);
      Run v = TourCommandTest.run("verify", f.toString());
      String what = "seed 5, trial " + trial + ", byte " + at + ": " + v.out() + v.err();
      assertThat(v.exit()).as(what).isIn(VerifyCommand.INVALID, Main.EXIT_USAGE);
      if (v.exit() == VerifyCommand.INVALID) {
        assertThat(v.out()).as(what).contains("verdict:    INVALID").contains("reason:");
      } else {
        assertThat(v.err().strip())
            .as(what)
            .startsWith("poc verify: malformed bundle")
            .doesNotContain("\n");
      }
    }
  }

  @Test
  void aFlipInsideTheProofIsABadProof() throws Exception {
    // The proof is the last field of the map, so the final byte is inside it.
    byte[] t = bytes.clone();
    t[t.length - 1] ^= 1;
    Path f = dir.resolve("tail.poc");
    Files.write(f, t);
    Run v = TourCommandTest.run("verify", f.toString());
    assertThat(v.exit()).isEqualTo(VerifyCommand.INVALID);
    assertThat(v.out()).contains("INVALID (BAD_PROOF)");
  }

  @Test
  void weakBundlesAreInvalidUnlessTheCallerLowersTheBar() throws Exception {
    Statement.MimcChain s = Statement.MimcChain.honest(3, 200);
    ProofBundle weak =
        ProofBundle.prove(
            StarkProver.create(new StarkParameters(4, 20, 0, 8, 2, 128)), s, s.trace());
    Path f = dir.resolve("weak.poc");
    Files.write(f, weak.encode().toByteArray());
    Run strict = TourCommandTest.run("verify", f.toString());
    assertThat(strict.exit()).isEqualTo(VerifyCommand.INVALID);
    assertThat(strict.out()).contains("INSUFFICIENT_SECURITY").contains("39 conjectured bits");
    Run lax = TourCommandTest.run("verify", "--min-bits", "30", f.toString());
    assertThat(lax.exit()).as(lax.out()).isEqualTo(VerifyCommand.VALID);
  }

  @Test
  void unreadableOrGarbageInputIsAUsageError() throws Exception {
    Run missing = TourCommandTest.run("verify", dir.resolve("nope.poc").toString());
    assertThat(missing.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(missing.err()).contains("not a readable file");
    Path garbage = dir.resolve("garbage.poc");
    Files.write(garbage, Bytes.fromHex("deadbeef").toByteArray());
    Run g = TourCommandTest.run("verify", garbage.toString());
    assertThat(g.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(g.err()).startsWith("poc verify: malformed bundle");
  }
}
