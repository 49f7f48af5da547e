package dev.proofofcompute.tee;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What accepted evidence must satisfy beyond authenticity. The {@linkplain #defaults() default}
 * policy rejects debug mode, accepts any measurement, allows SEV-SNP reports from VMPL 0 signed by
 * a VCEK, and expects no particular report data or nonce.
 *
 * <p>Policy files ({@link #parse}) are UTF-8 text, one {@code key = value} per line; blank lines
 * and lines starting with {@code #} are ignored; every other line must be a known key, and keys not
 * marked repeatable may appear at most once:
 *
 * <pre>
 * allow_debug = false                  # true or false; default false
 * allowed_measurement = &lt;96 hex&gt;       # repeatable; Nitro PCR0 / SEV-SNP MEASUREMENT; none = any
 * allowed_vmpl = 0                     # repeatable, 0..3; default 0 (SEV-SNP)
 * allowed_signing_key = vcek           # repeatable, vcek or vlek; default vcek (SEV-SNP)
 * expected_report_data = &lt;hex&gt;        # Nitro user_data exactly; SEV-SNP report_data zero-padded to 64
 * expected_nonce = &lt;hex&gt;              # Nitro nonce exactly
 * </pre>
 */
public final class AttestationPolicy {
  /** Size of a SHA-384 launch measurement (Nitro PCR, SEV-SNP MEASUREMENT). */
  public static final int MEASUREMENT_LENGTH = 48;

  /** Largest report data or nonce a policy can expect (the Nitro limit). */
  public static final int MAX_BINDING_LENGTH = 1024;

  static final int MAX_POLICY_FILE_CHARS = 1 << 20;

  /** The SEV-SNP key that signs a report (report field {@code SIGNING_KEY}). */
  public enum SnpSigningKey {
    /** Versioned Chip Endorsement Key, issued per chip and TCB via the ASK. */
    VCEK,
    /** Versioned Loaded Endorsement Key, issued to a cloud provider via the ASVK. */
    VLEK
  }

  private final Set<Bytes> allowedMeasurements;
  private final boolean allowDebug;
  private final Set<Integer> allowedVmpls;
  private final Set<SnpSigningKey> allowedSigningKeys;
  private final @Nullable Bytes expectedReportData;
  private final @Nullable Bytes expectedNonce;

  private AttestationPolicy(Builder b) {
    this.allowedMeasurements = Collections.unmodifiableSet(new LinkedHashSet<>(b.measurements));
    this.allowDebug = b.allowDebug;
    this.allowedVmpls =
        Collections.unmodifiableSet(b.vmpls.isEmpty() ? new TreeSet<>(Set.of(0)) : b.vmpls);
    this.allowedSigningKeys =
        Collections.unmodifiableSet(
            b.signingKeys.isEmpty()
                ? EnumSet.of(SnpSigningKey.VCEK)
                : EnumSet.copyOf(b.signingKeys));
    this.expectedReportData = b.reportData;
    this.expectedNonce = b.nonce;
  }

  /** Authenticity only: no debug, any measurement, VMPL 0, VCEK. */
  public static AttestationPolicy defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The allowed measurements; empty means any measurement is accepted. */
  public Set<Bytes> allowedMeasurements() {
    return allowedMeasurements;
  }

  public boolean allowDebug() {
    return allowDebug;
  }

  public Set<Integer> allowedVmpls() {
    return allowedVmpls;
  }

  public Set<SnpSigningKey> allowedSigningKeys() {
    return allowedSigningKeys;
  }

  /** The exact Nitro user_data, or the SEV-SNP report_data before zero-padding to 64 bytes. */
  public Optional<Bytes> expectedReportData() {
    return Optional.ofNullable(expectedReportData);
  }

  /** The exact Nitro nonce. */
  public Optional<Bytes> expectedNonce() {
    return Optional.ofNullable(expectedNonce);
  }

  /** A builder with this policy's settings, e.g. to add the binding of one task. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.measurements.addAll(allowedMeasurements);
    b.allowDebug = allowDebug;
    b.vmpls.addAll(allowedVmpls);
    b.signingKeys.addAll(allowedSigningKeys);
    b.reportData = expectedReportData;
    b.nonce = expectedNonce;
    return b;
  }

  /**
   * Parses a policy file (format in the class comment).
   *
   * @throws DecodingException naming the line and the problem: unknown or repeated key, bad value,
   *     a line without {@code =}, or input over 1 MiB
   */
  public static AttestationPolicy parse(String text) throws DecodingException {
    if (text.length() > MAX_POLICY_FILE_CHARS) {
      throw new DecodingException("policy file is larger than 1 MiB");
    }
    Builder b = builder();
    Set<String> seen = new HashSet<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int lineNo = i + 1;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0 || line.indexOf('=', eq + 1) >= 0) {
        throw new DecodingException("policy line " + lineNo + ": expected 'key = value'");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (value.isEmpty()) {
        throw new DecodingException("policy line " + lineNo + ": '" + key + "' has no value");
      }
      boolean repeatable = key.startsWith("allowed_");
      if (!repeatable && !seen.add(key)) {
        throw new DecodingException("policy line " + lineNo + ": '" + key + "' given twice");
      }
      try {
        switch (key) {
          case "allow_debug" -> b.allowDebug(parseBoolean(value));
          case "allowed_measurement" -> b.allowMeasurement(parseHex(value));
          case "allowed_vmpl" -> b.allowVmpl(parseVmpl(value));
          case "allowed_signing_key" -> b.allowSigningKey(parseSigningKey(value));
          case "expected_report_data" -> b.expectReportData(parseHex(value));
          case "expected_nonce" -> b.expectNonce(parseHex(value));
          default -> throw new IllegalArgumentException("unknown key '" + key + "'");
        }
      } catch (IllegalArgumentException e) {
        throw new DecodingException("policy line " + lineNo + ": " + e.getMessage(), e);
      }
    }
    return b.build();
  }

  private static boolean parseBoolean(String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("expected true or false, got '" + value + "'");
    };
  }

  private static Bytes parseHex(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.digit(value.charAt(i), 16) < 0) {
        throw new IllegalArgumentException("not a hex string");
      }
    }
    return Bytes.fromHex(value);
  }

  private static int parseVmpl(String value) {
    if (value.length() != 1 || value.charAt(0) < '0' || value.charAt(0) > '3') {
      throw new IllegalArgumentException("a VMPL is 0, 1, 2 or 3, got '" + value + "'");
    }
    return value.charAt(0) - '0';
  }

  private static SnpSigningKey parseSigningKey(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "vcek" -> SnpSigningKey.VCEK;
      case "vlek" -> SnpSigningKey.VLEK;
      default -> throw new IllegalArgumentException("expected vcek or vlek, got '" + value + "'");
    };
  }

  @Override
  public String toString() {
    return "AttestationPolicy[measurements="
        + (allowedMeasurements.isEmpty() ? "any" : allowedMeasurements.size() + " allowed")
        + ", allowDebug="
        + allowDebug
        + ", vmpls="
        + allowedVmpls
        + ", signingKeys="
        + allowedSigningKeys
        + ", reportData="
        + (expectedReportData == null ? "any" : expectedReportData.toHex())
        + ", nonce="
        + (expectedNonce == null ? "any" : expectedNonce.toHex())
        + "]";
  }

  /** Collects settings; each method validates its argument eagerly. */
  public static final class Builder {
    private final Set<Bytes> measurements = new LinkedHashSet<>();
    private boolean allowDebug;
    private final Set<Integer> vmpls = new TreeSet<>();
    private final Set<SnpSigningKey> signingKeys = EnumSet.noneOf(SnpSigningKey.class);
    private @Nullable Bytes reportData;
    private @Nullable Bytes nonce;

    private Builder() {}

    /** Adds an allowed 48-byte measurement; throws IllegalArgumentException for another size. */
    public Builder allowMeasurement(Bytes measurement) {
      if (measurement.length() != MEASUREMENT_LENGTH) {
        throw new IllegalArgumentException(
            "a measurement is " + MEASUREMENT_LENGTH + " bytes, got " + measurement.length());
      }
      measurements.add(measurement);
      return this;
    }

    public Builder allowDebug(boolean allow) {
      this.allowDebug = allow;
      return this;
    }

    /** Adds an allowed VMPL; throws IllegalArgumentException unless it is 0..3. */
    public Builder allowVmpl(int vmpl) {
      if (vmpl < 0 || vmpl > 3) {
        throw new IllegalArgumentException("a VMPL is 0..3, got " + vmpl);
      }
      vmpls.add(vmpl);
      return this;
    }

    public Builder allowSigningKey(SnpSigningKey key) {
      signingKeys.add(key);
      return this;
    }

    /** Expects this report data; throws IllegalArgumentException beyond 1024 bytes. */
    public Builder expectReportData(Bytes data) {
      this.reportData = checkBindingLength("report data", data);
      return this;
    }

    /** Expects this nonce; throws IllegalArgumentException beyond 1024 bytes. */
    public Builder expectNonce(Bytes data) {
      this.nonce = checkBindingLength("nonce", data);
      return this;
    }

    private static Bytes checkBindingLength(String what, Bytes data) {
      if (data.length() > MAX_BINDING_LENGTH) {
        throw new IllegalArgumentException(
            what + " is at most " + MAX_BINDING_LENGTH + " bytes, got " + data.length());
      }
      return data;
    }

    public AttestationPolicy build() {
      return new AttestationPolicy(this);
    }
  }
}
