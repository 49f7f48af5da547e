package dev.proofofcompute.tee;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.tee.pki.Certificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads the vendor attestation samples of {@code shared/vectors/tee/} (sources, licences and
 * expected verdicts in its MANIFEST.md) in place: they are never copied into the project. Tests
 * that need them are skipped, with a message, only when the folder is absent.
 */
public final class TeeVectors {
  private static final String RELATIVE = "shared/vectors/tee";
  private static final @Nullable Path ROOT = locate();

  private TeeVectors() {}

  private static @Nullable Path locate() {
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 6 && dir != null; i++) {
      for (Path candidate : List.of(dir.resolve(RELATIVE), dir.resolve("..").resolve(RELATIVE))) {
        if (Files.isRegularFile(candidate.resolve("MANIFEST.md"))) {
          return candidate.normalize();
        }
      }
      dir = dir.getParent();
    }
    return null;
  }

  /** The vector folder; skips the calling test when it is absent. */
  public static Path root() {
    assumeTrue(
        ROOT != null,
        "TEE vectors not found: shared/vectors/tee/ is absent above "
            + Path.of("").toAbsolutePath());
    return Objects.requireNonNull(ROOT);
  }

  public static byte[] raw(String relative) {
    try {
      return Files.readAllBytes(root().resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String relative) {
    return new String(raw(relative), StandardCharsets.US_ASCII);
  }

  public static Bytes base64(String relative) {
    return Bytes.of(Base64.getMimeDecoder().decode(text(relative).strip()));
  }

  public static Bytes hex(String relative) {
    return Bytes.fromHex(text(relative).strip());
  }

  public static List<X509Certificate> certs(String... relatives) {
    List<X509Certificate> out = new ArrayList<>();
    for (String r : relatives) {
      try {
        out.addAll(Certificates.parseAll(Bytes.of(raw(r))));
      } catch (DecodingException e) {
        throw new IllegalStateException(r + ": " + e.getMessage(), e);
      }
    }
    return List.copyOf(out);
  }

  public static Instant at(String iso) {
    return Instant.parse(iso);
  }

  public static byte[] stringBytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
