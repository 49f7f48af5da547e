package dev.proofofcompute.schemes.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.random.RandomSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class ResultCommitmentTest {
  private final RandomSource random = RandomSource.seeded(31);
  private final Digest task = Replicas.task("commitment");
  private final NodeId provider = Replicas.provider(1);
  private final Bytes salt = random.nextBytes(ResultCommitment.SALT_LENGTH);
  private final Bytes output = Bytes.fromHex("00000000000000a9");

  @Test
  void theCommitmentIsTheTaggedHashOfItsFieldsAsSpecified() throws Exception {
    // Recomputed from the formula in the class comment with a plain SHA-256, not with Hashes.
    byte[] tag = "poc/replication/commit/v1".getBytes(StandardCharsets.US_ASCII);
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update((byte) tag.length);
    md.update(tag);
    md.update(task.toByteArray());
    md.update(provider.digest().toByteArray());
    md.update(salt.toByteArray());
    md.update(output.toByteArray());

    assertThat(ResultCommitment.of(task, provider, salt, output).value())
        .isEqualTo(Digest.of(md.digest()));
  }

  @Test
  void theCommitmentBindsTaskProviderSaltAndOutput() throws Exception {
    ResultCommitment c = ResultCommitment.of(task, provider, salt, output);
    c.verifyOpening(task, provider, salt, output);

    Bytes otherSalt = random.nextBytes(ResultCommitment.SALT_LENGTH);
    assertThatThrownBy(() -> c.verifyOpening(Replicas.task("other"), provider, salt, output))
        .isInstanceOf(VerificationException.class);
    assertThatThrownBy(() -> c.verifyOpening(task, Replicas.provider(2), salt, output))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("does not open");
    assertThatThrownBy(() -> c.verifyOpening(task, provider, otherSalt, output))
        .isInstanceOf(VerificationException.class);
    assertThatThrownBy(
            () -> c.verifyOpening(task, provider, salt, Bytes.fromHex("00000000000000aa")))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void aSaltOfAnotherLengthCannotShiftBytesIntoTheOutput() {
    ResultCommitment c = ResultCommitment.of(task, provider, salt, output);
    // Same bytes hashed, split differently: refused because the salt length is fixed.
    Bytes shortSalt = salt.slice(0, 31);
    Bytes shiftedOutput = salt.slice(31, 32).concat(output);
    assertThatThrownBy(() -> c.verifyOpening(task, provider, shortSalt, shiftedOutput))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> ResultCommitment.of(task, provider, shortSalt, shiftedOutput))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sealingDrawsAFreshSaltSoEqualResultsGetUnlinkableCommitments() {
    CommittedResult a = CommittedResult.seal(task, provider, output, random);
    CommittedResult b = CommittedResult.seal(task, provider, output, random);
    assertThat(a.salt()).isNotEqualTo(b.salt());
    assertThat(a.commitment()).isNotEqualTo(b.commitment());
    assertThatThrownBy(() -> new CommittedResult(task, provider, Bytes.fromHex("00"), output))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
