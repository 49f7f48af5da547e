package dev.proofofcompute.crypto.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyFilesTest {
  /** RFC 8410 §10.3, "Examples of Ed25519 Private Key". */
  private static final String RFC8410_PRIVATE_PEM =
      """
      -----BEGIN PRIVATE KEY-----
      MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
      -----END PRIVATE KEY-----
      """;

  /** RFC 8410 §10.3: the seed inside {@link #RFC8410_PRIVATE_PEM}. */
  private static final String RFC8410_SEED =
      "d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842";

  /** RFC 8410 §10.1, "Example Ed25519 Public Key": the public key of that private key. */
  private static final String RFC8410_PUBLIC_PEM =
      """
      -----BEGIN PUBLIC KEY-----
      MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
      -----END PUBLIC KEY-----
      """;

  @TempDir Path dir;

  private final NodeIdentity identity = generated();

  private static NodeIdentity generated() {
    try {
      return NodeIdentity.generate(NodeIdentityTest.seededRandom(0x6b657966L));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void rfc8410ExamplesParseAndReencodeExactly() throws Exception {
    NodeIdentity parsed = KeyFiles.parsePrivateKeyPem(RFC8410_PRIVATE_PEM);
    assertThat(parsed.toPkcs8().slice(16, 48).toHex()).isEqualTo(RFC8410_SEED);
    assertThat(KeyFiles.privateKeyPem(parsed)).isEqualTo(RFC8410_PRIVATE_PEM);
    assertThat(KeyFiles.publicKeyPem(parsed.publicKey())).isEqualTo(RFC8410_PUBLIC_PEM);
    assertThat(KeyFiles.parsePublicKeyPem(RFC8410_PUBLIC_PEM)).isEqualTo(parsed.publicKey());
    // CRLF line breaks are accepted too.
    assertThat(KeyFiles.parsePublicKeyPem(RFC8410_PUBLIC_PEM.replace("\n", "\r\n")))
        .isEqualTo(parsed.publicKey());
  }

  /** The PKCS#8 we write is what the JDK itself reads back as the same seed. */
  @Test
  void privateKeyPemIsReadableByTheJdk() throws Exception {
    String pem = KeyFiles.privateKeyPem(identity);
    String body = pem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
    EdECPrivateKey jdk =
        (EdECPrivateKey)
            KeyFactory.getInstance("Ed25519")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    byte[] seed = new byte[32];
    NodeIdentityTest.seededRandom(0x6b657966L).nextBytes(seed);
    assertThat(jdk.getBytes()).hasValueSatisfying(b -> assertThat(b).isEqualTo(seed));
  }

  /**
   * Key files in the format the JDK itself writes (and the JDK-based code before BouncyCastle
   * wrote: the same DER) load, and derive the JDK's public key and the JDK's signatures.
   */
  @Test
  void keysEncodedByTheJdkLoadAndSignAsTheJdkDoes() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    generator.initialize(NamedParameterSpec.ED25519, NodeIdentityTest.seededRandom(0x6a646bL));
    for (int i = 0; i < 8; i++) {
      KeyPair pair = generator.generateKeyPair();
      String privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
      String publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
      NodeIdentity loaded = KeyFiles.parsePrivateKeyPem(privatePem);
      assertThat(loaded.publicKey()).isEqualTo(KeyFiles.parsePublicKeyPem(publicPem));
      assertThat(KeyFiles.privateKeyPem(loaded)).isEqualTo(privatePem);
      assertThat(KeyFiles.publicKeyPem(loaded.publicKey())).isEqualTo(publicPem);
      Bytes message = Bytes.of(("key " + i).getBytes(StandardCharsets.US_ASCII));
      Signature jdk = Signature.getInstance("Ed25519");
      jdk.initSign(pair.getPrivate());
      jdk.update(message.toByteArray());
      assertThat(loaded.sign(message).bytes()).isEqualTo(Bytes.of(jdk.sign()));
    }
  }

  private static String pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  @Test
  void saveAndLoadRoundTrip() throws Exception {
    Path privateFile = dir.resolve("node.key");
    Path publicFile = dir.resolve("node.pub");
    KeyFiles.savePrivateKey(privateFile, identity);
    KeyFiles.savePublicKey(publicFile, identity.publicKey());

    assertThat(Files.readString(privateFile, StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("-----END PRIVATE KEY-----\n");
    assertThat(Files.readString(publicFile, StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN PUBLIC KEY-----\n")
        .endsWith("-----END PUBLIC KEY-----\n");

    NodeIdentity loaded = KeyFiles.loadPrivateKey(privateFile);
    NodePublicKey loadedPublic = KeyFiles.loadPublicKey(publicFile);
    assertThat(loaded.nodeId()).isEqualTo(identity.nodeId());
    assertThat(loadedPublic.nodeId()).isEqualTo(identity.nodeId());

    Bytes message = Bytes.of("heartbeat 1".getBytes(StandardCharsets.US_ASCII));
    Ed25519Signature signature = loaded.sign(message);
    Ed25519Verifier.create(loadedPublic).verify(message, signature.bytes());
    assertThat(signature).isEqualTo(identity.sign(message));
  }

  @Test
  void privateKeyFileIsCreatedOwnerOnly() throws Exception {
    Path file = dir.resolve("node.key");
    KeyFiles.savePrivateKey(file, identity);
    assumeTrue(
        file.getFileSystem().supportedFileAttributeViews().contains("posix"),
        "not a POSIX file system");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void refusesToOverwrite() throws Exception {
    Path privateFile = dir.resolve("node.key");
    Path publicFile = dir.resolve("node.pub");
    Files.writeString(privateFile, "keep me");
    Files.writeString(publicFile, "keep me too");
    assertThatThrownBy(() -> KeyFiles.savePrivateKey(privateFile, identity))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThatThrownBy(() -> KeyFiles.savePublicKey(publicFile, identity.publicKey()))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(privateFile)).isEqualTo("keep me");
    assertThat(Files.readString(publicFile)).isEqualTo("keep me too");
  }

  @Test
  void refusesToLoadAPrivateKeyReadableByOthers() throws Exception {
    Path file = dir.resolve("node.key");
    KeyFiles.savePrivateKey(file, identity);
    assumeTrue(
        file.getFileSystem().supportedFileAttributeViews().contains("posix"),
        "not a POSIX file system");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> KeyFiles.loadPrivateKey(file))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("has mode rw-r--r--")
        .hasMessageContaining("group or others can access it")
        .hasMessageEndingWith("chmod 600 " + file);

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThat(KeyFiles.loadPrivateKey(file).nodeId()).isEqualTo(identity.nodeId());
  }

  @Test
  void refusesAnOversizedKeyFile() throws Exception {
    Path file = dir.resolve("big.pub");
    Files.writeString(file, RFC8410_PUBLIC_PEM + " ".repeat(KeyFiles.MAX_FILE_BYTES));
    assertThatThrownBy(() -> KeyFiles.loadPublicKey(file))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("larger than 4096 bytes");
  }

  /**
   * Malformed private-key PEM. Bodies are base64 of DER variants of the RFC 8410 §10.3 key; the
   * replacement {@code ~} stands for a line break.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "public key label | -----BEGIN PUBLIC KEY-----~MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06"
            + "/nwoy/HU++CXqI9EdVhC~-----END PUBLIC KEY-----~"
            + " | wrong PEM label: expected -----BEGIN PRIVATE KEY-----, found -----BEGIN PUBLIC KEY-----",
        "mismatched END label | -----BEGIN PRIVATE KEY-----~MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp"
            + "+K06/nwoy/HU++CXqI9EdVhC~-----END PUBLIC KEY-----~"
            + " | missing -----END PRIVATE KEY----- as the last line",
        "bad base64 character | -----BEGIN PRIVATE KEY-----~MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fd"
            + "p!K06/nwoy/HU++CXqI9EdVhC~-----END PRIVATE KEY-----~ | bad base64 in PEM body",
        "truncated base64 | -----BEGIN PRIVATE KEY-----~MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K0"
            + "6/nwoy/HU++CXqI9EdVh~-----END PRIVATE KEY-----~ | non-canonical base64",
        "trailing junk after END | -----BEGIN PRIVATE KEY-----~MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bb"
            + "Y8fdp+K06/nwoy/HU++CXqI9EdVhC~-----END PRIVATE KEY-----~junk~"
            + " | trailing data after -----END PRIVATE KEY-----",
        "text before BEGIN | note~-----BEGIN PRIVATE KEY-----~MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8"
            + "fdp+K06/nwoy/HU++CXqI9EdVhC~-----END PRIVATE KEY-----~"
            + " | not a PEM document: the first line is not -----BEGIN PRIVATE KEY-----",
        "line longer than 64 | -----BEGIN PRIVATE KEY-----~MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp"
            + "+K06/nwoy/HU++CXqI9EdVhCAAAA~-----END PRIVATE KEY-----~"
            + " | PEM body line 1 has 68 characters",
        "empty | '' | not a PEM document: fewer than three lines",
        "X25519 OID 1.3.101.110 | -----BEGIN PRIVATE KEY-----~MC4CAQAwBQYDK2VuBCIEINTuctv5E1hK1bbY8"
            + "fdp+K06/nwoy/HU++CXqI9EdVhC~-----END PRIVATE KEY-----~"
            + " | algorithm is not Ed25519: expected OID 1.3.101.112",
        "PKCS#8 version 1 | -----BEGIN PRIVATE KEY-----~MC4CAQEwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K0"
            + "6/nwoy/HU++CXqI9EdVhC~-----END PRIVATE KEY-----~ | unsupported PKCS#8 version 01",
        "trailing DER byte | -----BEGIN PRIVATE KEY-----~MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K"
            + "06/nwoy/HU++CXqI9EdVhC~AA==~-----END PRIVATE KEY-----~"
            + " | 1 trailing bytes after the end of PrivateKeyInfo",
      })
  void rejectsMalformedPrivateKeyPem(String name, String pem, String reason) {
    String text = pem.replace('~', '\n');
    assertThatThrownBy(() -> KeyFiles.parsePrivateKeyPem(text))
        .as(name)
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void rejectsNonCanonicalBase64() {
    // "ZuE=" -> "ZuF=": the same bytes with a non-zero unused trailing bit.
    String pem = RFC8410_PUBLIC_PEM.replace("ZuE=", "ZuF=");
    assertThatThrownBy(() -> KeyFiles.parsePublicKeyPem(pem))
        .isInstanceOf(DecodingException.class)
        .hasMessage("non-canonical base64 in PEM body (padding or trailing bits)");
  }

  @Test
  void privateKeyPemRejectsAPublicKeyFileAndViceVersa() throws Exception {
    Path publicFile = dir.resolve("node.pub");
    KeyFiles.savePublicKey(publicFile, identity.publicKey());
    assertThatThrownBy(() -> KeyFiles.parsePrivateKeyPem(Files.readString(publicFile)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("wrong PEM label");
    assertThatThrownBy(() -> KeyFiles.parsePublicKeyPem(KeyFiles.privateKeyPem(identity)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("wrong PEM label");
  }
}
