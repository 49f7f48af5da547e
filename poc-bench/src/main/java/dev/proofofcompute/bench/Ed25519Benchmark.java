package dev.proofofcompute.bench;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.identity.Ed25519Signature;
import dev.proofofcompute.crypto.identity.Ed25519Verifier;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.identity.NodePublicKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ed25519 signing and verification in one JVM: the JDK's EdDSA ({@code sun.security.ec.ed}, which
 * {@code crypto.identity} used before) against the BouncyCastle path it uses now, on a 256-byte
 * message (about the size of a signed request's signing input, {@code core.message.RequestAuth}).
 *
 * <ul>
 *   <li>{@link #jdkSign} / {@link #jdkVerify}: what {@code NodeIdentity.sign} and {@code
 *       Ed25519Verifier.verify} did before: a {@code Signature} per call, the key objects built
 *       once.
 *   <li>{@link #sign} / {@link #verify}: {@link NodeIdentity#sign} and {@link
 *       Ed25519Verifier#verify} as they are, including our checks (S below L; R of order L, which
 *       keeps the cofactored BouncyCastle equation from accepting anything the JDK rejects).
 *   <li>{@link #bareVerify}: BouncyCastle's {@code Ed25519.verify} on the cached public point
 *       alone, without the order check on R: the price of that check is {@code verify -
 *       bareVerify}.
 * </ul>
 *
 * Run: after building poc-bench, {@code java -jar poc-bench/target/benchmarks.jar Ed25519Benchmark}
 * (about 2 minutes); docs/benchmarks.md "Ed25519" records a run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class Ed25519Benchmark {
  private static final int MESSAGE_BYTES = 256;

  private Bytes message = Bytes.EMPTY;
  private byte[] messageArray = new byte[0];
  private NodeIdentity identity = identity(new byte[NodeIdentity.SEED_LENGTH]);
  private Ed25519Verifier verifier = Ed25519Verifier.create(identity.publicKey());
  private Bytes signature = Bytes.EMPTY;
  private byte[] signatureArray = new byte[0];
  private PrivateKey jdkPrivate = jdkPrivate(new byte[NodeIdentity.SEED_LENGTH]);
  private PublicKey jdkPublic = jdkPublic(identity.publicKey());
  private Ed25519.PublicPoint point = point(identity.publicKey());

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(BenchSeeds.SEED);
    byte[] seed = new byte[NodeIdentity.SEED_LENGTH];
    random.nextBytes(seed);
    messageArray = new byte[MESSAGE_BYTES];
    random.nextBytes(messageArray);
    message = Bytes.of(messageArray);
    identity = identity(seed);
    verifier = Ed25519Verifier.create(identity.publicKey());
    signature = identity.sign(message).bytes();
    signatureArray = signature.toByteArray();
    jdkPrivate = jdkPrivate(seed);
    jdkPublic = jdkPublic(identity.publicKey());
    point = point(identity.publicKey());
    // Both paths must compute the same thing, or the comparison means nothing.
    if (!Bytes.of(jdkSign()).equals(signature) || !jdkVerify() || !bareVerify()) {
      throw new IllegalStateException("the JDK and BouncyCastle disagree on the benchmark input");
    }
  }

  @Benchmark
  public byte[] jdkSign() {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(jdkPrivate);
      signer.update(messageArray);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Benchmark
  public Ed25519Signature sign() {
    return identity.sign(message);
  }

  @Benchmark
  public boolean jdkVerify() {
    try {
      Signature jdk = Signature.getInstance("Ed25519");
      jdk.initVerify(jdkPublic);
      jdk.update(messageArray);
      return jdk.verify(signatureArray);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Benchmark
  public Ed25519Verifier verify() throws VerificationException {
    verifier.verify(message, signature);
    return verifier;
  }

  @Benchmark
  public boolean bareVerify() {
    return Ed25519.verify(signatureArray, 0, point, messageArray, 0, messageArray.length);
  }

  @Benchmark
  public boolean orderOfR() {
    return Ed25519.validatePublicKeyFull(signatureArray, 0);
  }

  private static NodeIdentity identity(byte[] seed) {
    try {
      return NodeIdentity.fromSeed(Bytes.of(seed));
    } catch (DecodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PrivateKey jdkPrivate(byte[] seed) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PublicKey jdkPublic(NodePublicKey key) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(key.toSpki().toByteArray()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Ed25519.PublicPoint point(NodePublicKey key) {
    Ed25519.PublicPoint p = Ed25519.validatePublicKeyFullExport(key.raw().toByteArray(), 0);
    if (p == null) {
      throw new IllegalStateException("invalid public key " + key);
    }
    return p;
  }
}
