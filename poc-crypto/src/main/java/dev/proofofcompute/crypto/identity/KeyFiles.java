package dev.proofofcompute.crypto.identity;

import dev.proofofcompute.crypto.DecodingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Node keys on disk: the private key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) and the
 * public key as SPKI PEM ({@code -----BEGIN PUBLIC KEY-----}), the encodings of RFC 8410 in the
 * textual form of RFC 7468, readable by OpenSSL ({@code openssl pkey -in node.key -text}).
 *
 * <p>Writing never replaces an existing file. On POSIX file systems a private key file is created
 * with mode 0600 in the same call that creates it, so that it is never readable by others even for
 * an instant; loading refuses a private key file that group or others may access.
 */
public final class KeyFiles {
  static final String PRIVATE_LABEL = "PRIVATE KEY";
  static final String PUBLIC_LABEL = "PUBLIC KEY";

  /** Larger than any PEM key file of ours (about 120 bytes); bounds what a load reads. */
  static final int MAX_FILE_BYTES = 4096;

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private KeyFiles() {}

  /** The PKCS#8 PEM text of {@code identity}'s private key. Secret: handle like the key. */
  public static String privateKeyPem(NodeIdentity identity) {
    return Pem.encode(PRIVATE_LABEL, identity.toPkcs8());
  }

  /** The SPKI PEM text of {@code publicKey}. */
  public static String publicKeyPem(NodePublicKey publicKey) {
    return Pem.encode(PUBLIC_LABEL, publicKey.toSpki());
  }

  /**
   * Parses PKCS#8 PEM text of an Ed25519 private key.
   *
   * @throws DecodingException on a wrong label, bad base64, another algorithm, or trailing data
   */
  public static NodeIdentity parsePrivateKeyPem(String pem) throws DecodingException {
    return NodeIdentity.fromSeed(Der.decodePkcs8(Pem.decode(PRIVATE_LABEL, pem)));
  }

  /**
   * Parses SPKI PEM text of an Ed25519 public key.
   *
   * @throws DecodingException on a wrong label, bad base64, another algorithm, or trailing data
   */
  public static NodePublicKey parsePublicKeyPem(String pem) throws DecodingException {
    return NodePublicKey.fromSpki(Pem.decode(PUBLIC_LABEL, pem));
  }

  /**
   * Writes {@code identity}'s private key to a new file, created owner-only (rw-------) on POSIX.
   *
   * @throws FileAlreadyExistsException when {@code file} exists; it is left untouched
   */
  public static void savePrivateKey(Path file, NodeIdentity identity) throws IOException {
    boolean posix = isPosix(file);
    FileAttribute<?>[] attributes =
        posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
            : new FileAttribute<?>[0];
    writeNew(file, privateKeyPem(identity), attributes);
    if (posix) {
      // The umask can only remove bits from the requested mode; confirm that nothing was added
      // (by a default ACL, say) before anyone relies on the file.
      Set<PosixFilePermission> actual = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(actual)) {
        Files.delete(file);
        throw new IOException(
            "private key file "
                + file
                + " came out with mode "
                + PosixFilePermissions.toString(actual)
                + " instead of rw-------; deleted it");
      }
    }
  }

  /**
   * Writes {@code publicKey} to a new file.
   *
   * @throws FileAlreadyExistsException when {@code file} exists; it is left untouched
   */
  public static void savePublicKey(Path file, NodePublicKey publicKey) throws IOException {
    writeNew(file, publicKeyPem(publicKey), new FileAttribute<?>[0]);
  }

  /**
   * Reads a private key file written by {@link #savePrivateKey}.
   *
   * @throws IOException when the file cannot be read, or on POSIX when group or others have any
   *     access to it
   * @throws DecodingException when its content is not an Ed25519 PKCS#8 PEM key
   */
  public static NodeIdentity loadPrivateKey(Path file) throws IOException, DecodingException {
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (posix != null) {
      Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
      Set<PosixFilePermission> exposed = EnumSet.noneOf(PosixFilePermission.class);
      exposed.addAll(permissions);
      exposed.retainAll(GROUP_OR_OTHERS);
      if (!exposed.isEmpty()) {
        throw new IOException(
            "private key file "
                + file
                + " has mode "
                + PosixFilePermissions.toString(permissions)
                + ": group or others can access it; restrict it to its owner with: chmod 600 "
                + file);
      }
    }
    return parsePrivateKeyPem(read(file));
  }

  /**
   * Reads a public key file.
   *
   * @throws DecodingException when its content is not an Ed25519 SPKI PEM key
   */
  public static NodePublicKey loadPublicKey(Path file) throws IOException, DecodingException {
    return parsePublicKeyPem(read(file));
  }

  private static boolean isPosix(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static void writeNew(Path file, String text, FileAttribute<?>[] attributes)
      throws IOException {
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    byte[] content = text.getBytes(StandardCharsets.US_ASCII);
    try {
      // CREATE_NEW fails if the file exists, so a file removed below is always one created here.
      SeekableByteChannel channel = Files.newByteChannel(file, options, attributes);
      try (channel) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(file);
        throw e;
      }
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  private static String read(Path file) throws IOException, DecodingException {
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      content = in.readNBytes(MAX_FILE_BYTES + 1);
    }
    try {
      if (content.length > MAX_FILE_BYTES) {
        throw new DecodingException(
            "key file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
      }
      for (byte b : content) {
        if (b < 0) {
          throw new DecodingException("key file " + file + " is not ASCII text");
        }
      }
      return new String(content, StandardCharsets.US_ASCII);
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }
}
