package dev.proofofcompute.tee.pki;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.tee.AttestationException;
import dev.proofofcompute.tee.AttestationVerdict.Reason;
import dev.proofofcompute.tee.testpki.TestOnlyPki;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PKIX to a pinned root, with a TEST-ONLY chain (seed 31): root ← intermediate ← leaf. */
class ChainValidatorTest {
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  static final Instant ROOT_END = Instant.parse("2034-01-01T00:00:00Z");
  static final Instant LEAF_END = Instant.parse("2025-01-01T00:00:00Z");

  static X509Certificate root;
  static X509Certificate intermediate;
  static X509Certificate leaf;
  static X509Certificate otherRoot;
  static Set<Digest> pinned;

  @BeforeAll
  static void issue() {
    TestOnlyPki pki = TestOnlyPki.seeded(31);
    KeyPair r = pki.p384();
    KeyPair i = pki.p384();
    KeyPair l = pki.p384();
    KeyPair o = pki.p384();
    root = pki.issue("Root", r.getPublic(), "Root", r.getPrivate(), T0, ROOT_END, true, List.of());
    intermediate =
        pki.issue("Int", i.getPublic(), "Root", r.getPrivate(), T0, ROOT_END, true, List.of());
    leaf = pki.issue("Leaf", l.getPublic(), "Int", i.getPrivate(), T0, LEAF_END, false, List.of());
    // Same subject as the real root, different key: pinning by name would confuse the two.
    otherRoot =
        pki.issue("Root", o.getPublic(), "Root", o.getPrivate(), T0, ROOT_END, true, List.of());
    pinned = Set.of(Certificates.fingerprint(root));
  }

  static Instant mid() {
    return Instant.parse("2024-06-01T00:00:00Z");
  }

  @Test
  void validPathToThePinnedRoot() {
    assertThatCode(() -> ChainValidator.validate(leaf, List.of(intermediate), root, pinned, mid()))
        .doesNotThrowAnyException();
  }

  @Test
  void unpinnedRootWithTheSameNameIsRejected() {
    assertReason(
        () ->
            ChainValidator.validate(
                leaf,
                List.of(intermediate),
                otherRoot,
                Set.of(Certificates.fingerprint(otherRoot), Certificates.fingerprint(root)),
                mid()),
        Reason.CHAIN_NOT_TO_PINNED_ROOT);
    assertReason(
        () -> ChainValidator.validate(leaf, List.of(intermediate), otherRoot, pinned, mid()),
        Reason.CHAIN_NOT_TO_PINNED_ROOT);
  }

  @Test
  void missingIntermediateOrLeafAsRootChildIsRejected() {
    assertReason(
        () -> ChainValidator.validate(leaf, List.of(), root, pinned, mid()),
        Reason.CHAIN_NOT_TO_PINNED_ROOT);
  }

  @Test
  void validityIsJudgedAtTheAsOfTime() {
    assertReason(
        () ->
            ChainValidator.validate(
                leaf, List.of(intermediate), root, pinned, LEAF_END.plusSeconds(1)),
        Reason.EXPIRED);
    assertReason(
        () ->
            ChainValidator.validate(leaf, List.of(intermediate), root, pinned, T0.minusSeconds(1)),
        Reason.EXPIRED);
    assertReason(
        () ->
            ChainValidator.validate(
                leaf, List.of(intermediate), root, pinned, ROOT_END.plusSeconds(1)),
        Reason.EXPIRED);
  }

  @FunctionalInterface
  interface Check {
    void run() throws AttestationException;
  }

  private static void assertReason(Check check, Reason reason) {
    assertThatThrownBy(check::run)
        .isInstanceOf(AttestationException.class)
        .asInstanceOf(InstanceOfAssertFactories.type(AttestationException.class))
        .extracting(AttestationException::reason)
        .isEqualTo(reason);
  }
}
