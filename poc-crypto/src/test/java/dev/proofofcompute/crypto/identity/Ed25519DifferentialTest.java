package dev.proofofcompute.crypto.identity;

import static dev.proofofcompute.crypto.identity.EdwardsReference.BASE;
import static dev.proofofcompute.crypto.identity.EdwardsReference.IDENTITY;
import static dev.proofofcompute.crypto.identity.EdwardsReference.L;
import static dev.proofofcompute.crypto.identity.EdwardsReference.ORDER_2;
import static dev.proofofcompute.crypto.identity.EdwardsReference.ORDER_8;
import static dev.proofofcompute.crypto.identity.EdwardsReference.P;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.identity.EdwardsReference.Point;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link NodeIdentity} and {@link Ed25519Verifier} (BouncyCastle underneath) against the JDK's own
 * Ed25519, the implementation they replaced ({@link JdkEd25519}): the same signatures byte for
 * byte, the same verdicts on valid and tampered input, and on every edge case of RFC 8032 §5.1.7
 * where verifiers are known to differ (non-canonical encodings, small-order and mixed-order points,
 * cofactored vs cofactorless equations; see Chalkias, Garillot and Nikolaenko, "Taming the many
 * EdDSAs", 2020) a verdict that is never more permissive than the JDK's.
 */
class Ed25519DifferentialTest {
  /** Seed of the random keys and messages; printed in every failure message. */
  private static final long SEED = 0xED25519_2026L;

  /** RFC 8032 §7.1 TEST 1 secret key: the signer of the crafted signatures. */
  private static final Bytes SIGNER_SEED =
      Bytes.fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

  private static final Bytes MESSAGE = ascii("strictness of Ed25519 verification");

  @Test
  void referenceArithmeticMatchesKeyGeneration() throws Exception {
    // The test-only arithmetic that builds the odd signatures below agrees with the real thing.
    NodeIdentity signer = NodeIdentity.fromSeed(SIGNER_SEED);
    Point a = EdwardsReference.multiply(BASE, EdwardsReference.secretScalar(SIGNER_SEED));
    assertThat(EdwardsReference.encode(a)).isEqualTo(signer.publicKey().raw());
    assertThat(EdwardsReference.multiply(BASE, L)).isEqualTo(IDENTITY);
    assertThat(EdwardsReference.multiply(ORDER_8, BigInteger.valueOf(8))).isEqualTo(IDENTITY);
    assertThat(EdwardsReference.multiply(ORDER_8, BigInteger.valueOf(4))).isEqualTo(ORDER_2);
    assertThat(EdwardsReference.add(ORDER_2, ORDER_2)).isEqualTo(IDENTITY);
    // A signature assembled from the reference arithmetic is the deterministic one.
    BigInteger s = EdwardsReference.secretScalar(SIGNER_SEED);
    Bytes signature = signer.sign(MESSAGE).bytes();
    BigInteger k =
        EdwardsReference.challenge(signature.slice(0, 32), signer.publicKey().raw(), MESSAGE);
    BigInteger sHalf = EdwardsReference.fromLittleEndian(signature.slice(32, 64).toByteArray());
    assertThat(EdwardsReference.multiply(BASE, sHalf))
        .isEqualTo(
            EdwardsReference.add(
                EdwardsReference.decode(signature.slice(0, 32)), EdwardsReference.multiply(a, k)));
    assertThat(s.mod(BigInteger.valueOf(8))).isZero();
  }

  @ParameterizedTest(name = "RFC 8032 §7.1 {0}")
  @MethodSource("dev.proofofcompute.crypto.identity.NodeIdentityTest#rfc8032Section71")
  void rfc8032VectorsAgreeWithTheJdk(
      String name, String seed, String publicKey, String message, String signature)
      throws Exception {
    Bytes msg = Bytes.fromHex(message);
    assertThat(JdkEd25519.sign(Bytes.fromHex(seed), msg).toHex()).as(name).isEqualTo(signature);
    assertThat(JdkEd25519.accepts(Bytes.fromHex(publicKey), msg, Bytes.fromHex(signature)))
        .as(name)
        .isTrue();
    assertThat(NodeIdentity.fromSeed(Bytes.fromHex(seed)).sign(msg).bytes().toHex())
        .as(name)
        .isEqualTo(signature);
  }

  /**
   * Random keys and messages (lengths 0 to 600): byte-identical signatures (Ed25519 is
   * deterministic), each verifier accepts the other's, and both reject a random one-bit change of
   * the signature, of the message and of the key.
   */
  @Test
  void seededRandomKeysAndMessagesSignIdenticallyAndVerifyAlike() throws Exception {
    SplittableRandom random = new SplittableRandom(SEED);
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      Bytes seed = randomBytes(random, 32);
      NodeIdentity identity = NodeIdentity.fromSeed(seed);
      Ed25519Verifier verifier = Ed25519Verifier.create(identity.publicKey());
      Bytes raw = identity.publicKey().raw();
      for (int j = 0; j < 3; j++) {
        String where = "seed " + Long.toHexString(SEED) + ", key " + i + ", message " + j;
        Bytes message = randomBytes(random, random.nextInt(601));
        Bytes ours = identity.sign(message).bytes();
        Bytes jdk = JdkEd25519.sign(seed, message);
        if (!ours.equals(jdk)) {
          disagreements.add(where + ": signatures differ: " + ours.toHex() + " vs " + jdk.toHex());
        }
        if (!accepts(verifier, message, jdk) || !JdkEd25519.accepts(raw, message, ours)) {
          disagreements.add(where + ": a verifier rejects the other's signature");
        }
        Bytes badSignature = flipBit(ours, random.nextInt(8 * Ed25519Signature.LENGTH));
        if (accepts(verifier, message, badSignature)
            || JdkEd25519.accepts(raw, message, badSignature)) {
          disagreements.add(where + ": a flipped signature bit is accepted");
        }
        if (message.length() > 0) {
          Bytes badMessage = flipBit(message, random.nextInt(8 * message.length()));
          if (accepts(verifier, badMessage, ours) || JdkEd25519.accepts(raw, badMessage, ours)) {
            disagreements.add(where + ": a flipped message bit is accepted");
          }
        }
        Bytes otherKey = flipBit(raw, random.nextInt(8 * NodePublicKey.LENGTH));
        if (acceptsUnderKey(otherKey, message, ours)
            || JdkEd25519.accepts(otherKey, message, ours)) {
          disagreements.add(where + ": a flipped key bit is accepted");
        }
      }
    }
    assertThat(disagreements).as("seed %x", SEED).isEmpty();
  }

  /** Every one of the 512 + 64 single-bit changes of a small signed message fails both. */
  @Test
  void everySingleBitFlipIsRejectedByBoth() throws Exception {
    NodeIdentity identity = NodeIdentity.fromSeed(SIGNER_SEED);
    Ed25519Verifier verifier = Ed25519Verifier.create(identity.publicKey());
    Bytes raw = identity.publicKey().raw();
    Bytes message = ascii("8 bytes!");
    Bytes signature = identity.sign(message).bytes();
    assertThat(accepts(verifier, message, signature)).isTrue();
    assertThat(JdkEd25519.accepts(raw, message, signature)).isTrue();
    List<String> accepted = new ArrayList<>();
    for (int bit = 0; bit < 8 * Ed25519Signature.LENGTH; bit++) {
      Bytes tampered = flipBit(signature, bit);
      if (accepts(verifier, message, tampered)) {
        accepted.add("ours: signature bit " + bit);
      }
      if (JdkEd25519.accepts(raw, message, tampered)) {
        accepted.add("JDK: signature bit " + bit);
      }
    }
    for (int bit = 0; bit < 8 * message.length(); bit++) {
      Bytes tampered = flipBit(message, bit);
      if (accepts(verifier, tampered, signature)) {
        accepted.add("ours: message bit " + bit);
      }
      if (JdkEd25519.accepts(raw, tampered, signature)) {
        accepted.add("JDK: message bit " + bit);
      }
    }
    assertThat(accepted).isEmpty();
  }

  /**
   * Signatures crafted by the holder of the key (the only party who can make them: k depends on R)
   * at the edges of RFC 8032 §5.1.7, with the verdicts of the JDK, of BouncyCastle's bare
   * (cofactored) {@code Ed25519.verify}, and of {@link Ed25519Verifier}.
   */
  static Stream<Arguments> craftedSignatures() throws Exception {
    NodeIdentity signer = NodeIdentity.fromSeed(SIGNER_SEED);
    Bytes a = signer.publicKey().raw();
    BigInteger s = EdwardsReference.secretScalar(SIGNER_SEED);
    Bytes valid = signer.sign(MESSAGE).bytes();
    BigInteger validS = EdwardsReference.fromLittleEndian(valid.slice(32, 64).toByteArray());
    BigInteger r = nonce("a nonce of our own");
    Point rB = EdwardsReference.multiply(BASE, r);
    return Stream.of(
        // name, signature, JDK accepts, bare BouncyCastle accepts, ours accepts
        Arguments.of("control: the deterministic signature", valid, true, true, true),
        Arguments.of(
            "control: R = [r]B for a nonce r of our own",
            withNonce(EdwardsReference.encode(rB), r, s, a),
            true,
            true,
            true),
        Arguments.of(
            "S + L (non-canonical S, the malleated twin)",
            EdwardsReference.signature(valid.slice(0, 32), validS.add(L)),
            false,
            false,
            false),
        Arguments.of(
            "S = 2^256 - 1",
            EdwardsReference.signature(
                valid.slice(0, 32), BigInteger.TWO.pow(256).subtract(BigInteger.ONE)),
            false,
            false,
            false),
        Arguments.of(
            "R = identity, canonical (0, 1): the JDK accepts, we do not",
            withNonce(EdwardsReference.encode(IDENTITY), BigInteger.ZERO, s, a),
            true,
            true,
            false),
        Arguments.of(
            "R = identity, non-canonical y = p + 1",
            withNonce(
                Bytes.of(EdwardsReference.littleEndian32(P.add(BigInteger.ONE))),
                BigInteger.ZERO,
                s,
                a),
            false,
            false,
            false),
        Arguments.of(
            "R = identity with the x sign bit set (negative zero)",
            withNonce(
                Bytes.fromHex("0100000000000000000000000000000000000000000000000000000000000080"),
                BigInteger.ZERO,
                s,
                a),
            false,
            false,
            false),
        Arguments.of(
            "R of order 2, S = k·s",
            withNonce(EdwardsReference.encode(ORDER_2), BigInteger.ZERO, s, a),
            false,
            true,
            false),
        Arguments.of(
            "R of order 8, S = k·s",
            withNonce(EdwardsReference.encode(ORDER_8), BigInteger.ZERO, s, a),
            false,
            true,
            false),
        Arguments.of(
            "R = [r]B + a point of order 2 (mixed order)",
            withNonce(EdwardsReference.encode(EdwardsReference.add(rB, ORDER_2)), r, s, a),
            false,
            true,
            false),
        Arguments.of(
            "R = [r]B + a point of order 8 (mixed order)",
            withNonce(EdwardsReference.encode(EdwardsReference.add(rB, ORDER_8)), r, s, a),
            false,
            true,
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("craftedSignatures")
  void craftedSignatureVerdicts(
      String name, Bytes signature, boolean jdk, boolean bareBouncyCastle, boolean ours)
      throws Exception {
    NodePublicKey key = NodeIdentity.fromSeed(SIGNER_SEED).publicKey();
    assertThat(JdkEd25519.accepts(key.raw(), MESSAGE, signature)).as("JDK: " + name).isEqualTo(jdk);
    assertThat(bareBouncyCastleAccepts(key.raw(), MESSAGE, signature))
        .as("bare BouncyCastle: " + name)
        .isEqualTo(bareBouncyCastle);
    assertThat(accepts(Ed25519Verifier.create(key), MESSAGE, signature))
        .as("ours: " + name)
        .isEqualTo(ours);
    // The property that matters: never accept what the JDK rejected.
    assertThat(!jdk && ours).as("more permissive than the JDK: " + name).isFalse();
  }

  /** The reasons our verifier gives for the crafted signatures it alone rejects. */
  @Test
  void rejectionsOfRNotOfOrderLSayWhy() throws Exception {
    NodeIdentity signer = NodeIdentity.fromSeed(SIGNER_SEED);
    Bytes a = signer.publicKey().raw();
    BigInteger s = EdwardsReference.secretScalar(SIGNER_SEED);
    Ed25519Verifier verifier = Ed25519Verifier.create(signer.publicKey());
    for (Point r : List.of(IDENTITY, ORDER_2, ORDER_8)) {
      Bytes signature = withNonce(EdwardsReference.encode(r), BigInteger.ZERO, s, a);
      assertThatThrownBy(() -> verifier.verify(MESSAGE, signature))
          .isInstanceOf(VerificationException.class)
          .hasMessageContaining("signature R is not a point of order L");
    }
    Bytes negativeZero =
        withNonce(
            Bytes.fromHex("0100000000000000000000000000000000000000000000000000000000000080"),
            BigInteger.ZERO,
            s,
            a);
    assertThatThrownBy(() -> verifier.verify(MESSAGE, negativeZero))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("x is zero but its sign is set");
    Bytes nonCanonical =
        withNonce(
            Bytes.of(EdwardsReference.littleEndian32(P.add(BigInteger.ONE))),
            BigInteger.ZERO,
            s,
            a);
    assertThatThrownBy(() -> verifier.verify(MESSAGE, nonCanonical))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("not reduced modulo p");
  }

  /**
   * Keys a signer could publish to make verifiers disagree. The JDK takes each of them and, for
   * suitable messages, accepts signatures under it; {@link NodePublicKey} refuses all of them when
   * parsing, so no signature under them is ever checked.
   */
  static Stream<Arguments> craftedKeys() throws Exception {
    BigInteger s = EdwardsReference.secretScalar(SIGNER_SEED);
    Point a = EdwardsReference.multiply(BASE, s);
    BigInteger r = nonce("another nonce");
    return Stream.of(
        // name, key, a message and signature the JDK accepts (or null), reason at parse
        mixedKeyCase("A + a point of order 8 (mixed order)", a, ORDER_8, 8, s, r),
        mixedKeyCase("A + a point of order 2 (mixed order)", a, ORDER_2, 2, s, r),
        identityKeyCase(r));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("craftedKeys")
  void craftedKeysAreRefusedAtParse(
      String name, Bytes key, Bytes message, Bytes signature, String reason) {
    assertThat(JdkEd25519.accepts(key, message, signature)).as("JDK: " + name).isTrue();
    assertThatThrownBy(() -> NodePublicKey.fromRaw(key))
        .as(name)
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining(reason);
  }

  /** Mixed-order keys: the bare cofactored check accepts for every k, the JDK when ord(T) | k. */
  @Test
  void mixedOrderKeyVerdictsDependOnKOnlyForTheJdk() throws Exception {
    BigInteger s = EdwardsReference.secretScalar(SIGNER_SEED);
    Point a = EdwardsReference.multiply(BASE, s);
    Bytes key = EdwardsReference.encode(EdwardsReference.add(a, ORDER_8));
    BigInteger r = nonce("a third nonce");
    Bytes rEncoded = EdwardsReference.encode(EdwardsReference.multiply(BASE, r));
    int jdkAccepted = 0;
    for (int i = 0; i < 64; i++) {
      Bytes message = ascii("message " + i);
      BigInteger k = EdwardsReference.challenge(rEncoded, key, message);
      Bytes signature = EdwardsReference.signature(rEncoded, r.add(k.multiply(s)).mod(L));
      boolean jdk = JdkEd25519.accepts(key, message, signature);
      assertThat(jdk)
          .as("JDK, message %d, k mod 8 = %s", i, k.mod(BigInteger.valueOf(8)))
          .isEqualTo(k.mod(BigInteger.valueOf(8)).signum() == 0);
      assertThat(bareBouncyCastleAccepts(key, message, signature)).as("message %d", i).isTrue();
      jdkAccepted += jdk ? 1 : 0;
    }
    assertThat(jdkAccepted).as("about 1 in 8 of 64 messages").isBetween(1, 63);
    assertThatThrownBy(() -> NodePublicKey.fromRaw(key))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("mixed order");
  }

  private static Arguments mixedKeyCase(
      String name, Point a, Point torsion, int order, BigInteger s, BigInteger r) {
    Bytes key = EdwardsReference.encode(EdwardsReference.add(a, torsion));
    Bytes rEncoded = EdwardsReference.encode(EdwardsReference.multiply(BASE, r));
    for (int i = 0; ; i++) {
      Bytes message = ascii("try " + i);
      BigInteger k = EdwardsReference.challenge(rEncoded, key, message);
      if (k.mod(BigInteger.valueOf(order)).signum() == 0) {
        // [S]B = [r]B + [k](A + T) exactly, because [k]T = O.
        Bytes signature = EdwardsReference.signature(rEncoded, r.add(k.multiply(s)).mod(L));
        return Arguments.of(name, key, message, signature, "mixed order");
      }
    }
  }

  /** A = identity: (R, S) = ([r]B, r) verifies for every message under the cofactorless rule. */
  private static Arguments identityKeyCase(BigInteger r) {
    Bytes rEncoded = EdwardsReference.encode(EdwardsReference.multiply(BASE, r));
    return Arguments.of(
        "A = identity (small order): one signature fits every message",
        EdwardsReference.encode(IDENTITY),
        ascii("any message at all"),
        EdwardsReference.signature(rEncoded, r),
        "small order");
  }

  /** R || (r + k·s mod L), k = H(R || A || MESSAGE): the equation holds for R's prime part. */
  private static Bytes withNonce(Bytes rEncoded, BigInteger r, BigInteger s, Bytes a) {
    BigInteger k = EdwardsReference.challenge(rEncoded, a, MESSAGE);
    return EdwardsReference.signature(rEncoded, r.add(k.multiply(s)).mod(L));
  }

  private static BigInteger nonce(String label) {
    return EdwardsReference.challenge(ascii(label), Bytes.EMPTY, Bytes.EMPTY);
  }

  private static boolean bareBouncyCastleAccepts(Bytes key, Bytes message, Bytes signature) {
    byte[] m = message.toByteArray();
    return Ed25519.verify(signature.toByteArray(), 0, key.toByteArray(), 0, m, 0, m.length);
  }

  private static boolean accepts(Ed25519Verifier verifier, Bytes message, Bytes signature) {
    try {
      verifier.verify(message, signature);
      return true;
    } catch (VerificationException e) {
      return false;
    }
  }

  private static boolean acceptsUnderKey(Bytes key, Bytes message, Bytes signature) {
    try {
      return accepts(Ed25519Verifier.create(NodePublicKey.fromRaw(key)), message, signature);
    } catch (DecodingException e) {
      return false;
    }
  }

  private static Bytes randomBytes(SplittableRandom random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return Bytes.of(b);
  }

  private static Bytes flipBit(Bytes value, int bit) {
    byte[] b = value.toByteArray();
    b[bit / 8] ^= (byte) (1 << (bit % 8));
    return Bytes.of(b);
  }

  private static Bytes ascii(String text) {
    return Bytes.of(text.getBytes(StandardCharsets.US_ASCII));
  }
}
