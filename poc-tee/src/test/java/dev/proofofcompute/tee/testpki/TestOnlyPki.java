package dev.proofofcompute.tee.testpki;

import dev.proofofcompute.crypto.Bytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * TEST-ONLY certificate authority: ECDSA P-384 keys from a seeded generator and X.509 v3
 * certificates (RFC 5280 §4.1) written by hand in DER, so that tests can produce evidence for
 * bindings of their choosing. Nothing here is, or can become, a trusted root: verifiers trust it
 * only when a test pins its fingerprint explicitly.
 */
public final class TestOnlyPki {
  private static final String ECDSA_WITH_SHA384 = "1.2.840.10045.4.3.3";
  private static final String CN = "2.5.4.3";
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String KEY_USAGE = "2.5.29.15";

  private final SecureRandom random;
  private long serial = 1;

  private TestOnlyPki(SecureRandom random) {
    this.random = random;
  }

  /** A test PKI whose keys and signatures follow from {@code seed}. */
  public static TestOnlyPki seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return new TestOnlyPki(r);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public SecureRandom random() {
    return random;
  }

  /** A fresh ECDSA P-384 key pair. */
  public KeyPair p384() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp384r1"), random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An extension: its OID, criticality and the DER of its extnValue content. */
  public record Extension(String oid, boolean critical, Bytes value) {
    public Extension(String oid, boolean critical, byte[] value) {
      this(oid, critical, Bytes.of(value));
    }
  }

  /** A certificate for {@code subjectKey}, signed with ECDSA/SHA-384 by {@code issuerKey}. */
  public X509Certificate issue(
      String subjectCn,
      PublicKey subjectKey,
      String issuerCn,
      PrivateKey issuerKey,
      Instant notBefore,
      Instant notAfter,
      boolean ca,
      List<Extension> extra) {
    List<Extension> exts = new ArrayList<>();
    exts.add(new Extension(BASIC_CONSTRAINTS, true, ca ? seq(bool(true)) : seq()));
    exts.add(
        new Extension(
            KEY_USAGE,
            true,
            ca ? tlv(0x03, new byte[] {1, 0x06}) : tlv(0x03, new byte[] {7, (byte) 0x80})));
    exts.addAll(extra);
    List<byte[]> extDer = new ArrayList<>();
    for (Extension e : exts) {
      extDer.add(
          e.critical()
              ? seq(oid(e.oid()), bool(true), octets(e.value().toByteArray()))
              : seq(oid(e.oid()), octets(e.value().toByteArray())));
    }
    byte[] algorithm = seq(oid(ECDSA_WITH_SHA384));
    byte[] tbs =
        seq(
            tlv(0xa0, integer(BigInteger.TWO)),
            integer(BigInteger.valueOf(serial++)),
            algorithm,
            name(issuerCn),
            seq(time(notBefore), time(notAfter)),
            name(subjectCn),
            subjectKey.getEncoded(),
            tlv(0xa3, seq(extDer.toArray(new byte[0][]))));
    try {
      Signature s = Signature.getInstance("SHA384withECDSA");
      s.initSign(issuerKey, random);
      s.update(tbs);
      byte[] sig = s.sign();
      byte[] bits = new byte[sig.length + 1];
      System.arraycopy(sig, 0, bits, 1, sig.length);
      byte[] der = seq(tbs, algorithm, tlv(0x03, bits));
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** ECDSA P-384/SHA-384 signature of {@code message} as {@code r || s} (96 bytes). */
  public byte[] signP1363(PrivateKey key, byte[] message) {
    try {
      Signature s = Signature.getInstance("SHA384withECDSAinP1363Format");
      s.initSign(key, random);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  // --- DER (X.690) ---

  public static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else if (n < 0x10000) {
      out.write(0x82);
      out.write(n >>> 8);
      out.write(n);
    } else {
      out.write(0x83);
      out.write(n >>> 16);
      out.write(n >>> 8);
      out.write(n);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  public static byte[] seq(byte[]... items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] i : items) {
      out.writeBytes(i);
    }
    return tlv(0x30, out.toByteArray());
  }

  public static byte[] integer(BigInteger v) {
    return tlv(0x02, v.toByteArray());
  }

  public static byte[] octets(byte[] v) {
    return tlv(0x04, v);
  }

  static byte[] bool(boolean v) {
    return tlv(0x01, new byte[] {v ? (byte) 0xff : 0});
  }

  public static byte[] oid(String dotted) {
    String[] parts = java.util.regex.Pattern.compile("\\.").split(dotted, -1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
    for (int i = 2; i < parts.length; i++) {
      long arc = Long.parseLong(parts[i]);
      int groups = 1;
      for (long a = arc >>> 7; a != 0; a >>>= 7) {
        groups++;
      }
      for (int g = groups - 1; g >= 0; g--) {
        int b = (int) ((arc >>> (7 * g)) & 0x7f);
        out.write(g == 0 ? b : b | 0x80);
      }
    }
    return tlv(0x06, out.toByteArray());
  }

  static byte[] name(String cn) {
    return seq(tlv(0x31, seq(oid(CN), tlv(0x0c, cn.getBytes(StandardCharsets.UTF_8)))));
  }

  static byte[] time(Instant t) {
    String s = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC).format(t);
    return tlv(0x17, s.getBytes(StandardCharsets.US_ASCII));
  }
}
