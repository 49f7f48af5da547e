package dev.proofofcompute.tee.nitro;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborEncoder;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The payload of a Nitro Enclaves attestation document, as specified in
 * aws/aws-nitro-enclaves-nsm-api {@code docs/attestation_process.md} §3.2 ("Attestation document
 * specification"). Parsed in two steps: {@link #parseSigningFields} reads only what is needed to
 * authenticate the document (the certificate and CA bundle); {@link #parse} then checks every field
 * against the specification.
 *
 * <p>Strictness: the payload is read with the lenient CBOR decoder (map keys come in the producer's
 * order, not the deterministic one), which already rejects duplicate keys and trailing bytes; on
 * top, the payload must use definite lengths and shortest-form heads, checked as "its deterministic
 * re-encoding has the same length" (reordering map entries keeps the length, while an indefinite
 * length or a longer head adds bytes). Unknown payload fields are ignored.
 */
public final class NitroDocument {
  /** Largest public_key, user_data or nonce (attestation_process.md §3.2). */
  public static final int MAX_OPTIONAL_FIELD = 1024;

  static final int MAX_PCRS = 32;
  static final int PCR_LENGTH = 48;

  private final String moduleId;
  private final String digest;
  private final long timestamp;
  private final SortedMap<Integer, Bytes> pcrs;
  private final Bytes certificate;
  private final List<Bytes> cabundle;
  private final @Nullable Bytes publicKey;
  private final @Nullable Bytes userData;
  private final @Nullable Bytes nonce;

  private NitroDocument(
      String moduleId,
      String digest,
      long timestamp,
      SortedMap<Integer, Bytes> pcrs,
      Bytes certificate,
      List<Bytes> cabundle,
      @Nullable Bytes publicKey,
      @Nullable Bytes userData,
      @Nullable Bytes nonce) {
    this.moduleId = moduleId;
    this.digest = digest;
    this.timestamp = timestamp;
    this.pcrs = Collections.unmodifiableSortedMap(new TreeMap<>(pcrs));
    this.certificate = certificate;
    this.cabundle = List.copyOf(cabundle);
    this.publicKey = publicKey;
    this.userData = userData;
    this.nonce = nonce;
  }

  /** The certificate and CA bundle of a payload, read before the payload is authenticated. */
  public record SigningFields(Bytes certificate, List<Bytes> cabundle) {
    public SigningFields {
      cabundle = List.copyOf(cabundle);
    }
  }

  /**
   * Decodes {@code payload} as a map and reads its {@code certificate} (a byte string) and {@code
   * cabundle} (an array of byte strings; empty when absent or CBOR null).
   *
   * @throws DecodingException when the payload is not strict CBOR or those fields are mistyped
   */
  public static SigningFields parseSigningFields(Bytes payload) throws DecodingException {
    CborMap map = decodeStrictMap(payload);
    Bytes certificate = map.getBytes("certificate");
    List<Bytes> bundle = new ArrayList<>();
    Optional<CborArray> array = map.getOptionalArray("cabundle");
    if (array.isPresent()) {
      for (CborValue v : array.get().items()) {
        if (!(v instanceof CborBytes(Bytes b))) {
          throw new DecodingException("cabundle entry is not a byte string");
        }
        bundle.add(b);
      }
    }
    return new SigningFields(certificate, bundle);
  }

  /**
   * Parses and checks every field of {@code payload}.
   *
   * @throws DecodingException naming the first field that is missing, mistyped or out of range
   */
  public static NitroDocument parse(Bytes payload) throws DecodingException {
    CborMap map = decodeStrictMap(payload);
    String moduleId = map.getText("module_id");
    if (moduleId.isEmpty()) {
      throw new DecodingException("module_id is empty");
    }
    String digest = map.getText("digest");
    if (!digest.equals("SHA384")) {
      throw new DecodingException("digest is '" + digest + "', expected SHA384");
    }
    long timestamp = map.getLong("timestamp");
    if (timestamp <= 0) {
      throw new DecodingException("timestamp " + timestamp + " is not positive");
    }
    CborMap pcrMap = map.getMap("pcrs");
    if (pcrMap.isEmpty() || pcrMap.size() > MAX_PCRS) {
      throw new DecodingException("pcrs has " + pcrMap.size() + " entries, expected 1..32");
    }
    SortedMap<Integer, Bytes> pcrs = new TreeMap<>();
    for (CborMap.Entry e : pcrMap.entries()) {
      if (!(e.key() instanceof CborInteger i)
          || i.isNegative()
          || !i.fitsLong()
          || i.longValueExact() >= MAX_PCRS) {
        throw new DecodingException("pcrs key " + e.key() + " is not an index 0..31");
      }
      if (!(e.value() instanceof CborBytes(Bytes value)) || value.length() != PCR_LENGTH) {
        throw new DecodingException("PCR" + i.longValueExact() + " is not 48 bytes");
      }
      pcrs.put((int) i.longValueExact(), value);
    }
    for (int i = 0; i <= 2; i++) {
      if (!pcrs.containsKey(i)) {
        throw new DecodingException("PCR" + i + " is missing");
      }
    }
    Bytes certificate = map.getBytes("certificate");
    List<Bytes> cabundle = parseSigningFields(payload).cabundle();
    if (cabundle.isEmpty()) {
      throw new DecodingException("cabundle is empty");
    }
    return new NitroDocument(
        moduleId,
        digest,
        timestamp,
        pcrs,
        certificate,
        cabundle,
        optional(map, "public_key"),
        optional(map, "user_data"),
        optional(map, "nonce"));
  }

  private static @Nullable Bytes optional(CborMap map, String key) throws DecodingException {
    Optional<Bytes> v = map.getOptionalBytes(key);
    if (v.isPresent() && v.get().length() > MAX_OPTIONAL_FIELD) {
      throw new DecodingException(
          key + " is " + v.get().length() + " bytes, at most " + MAX_OPTIONAL_FIELD);
    }
    return v.orElse(null);
  }

  static CborMap decodeStrictMap(Bytes payload) throws DecodingException {
    CborValue value = CborDecoder.decodeLenient(payload, CoseSign1.LIMITS);
    if (!(value instanceof CborMap map)) {
      throw new DecodingException("attestation document payload is not a CBOR map");
    }
    requireShortestDefinite(value, payload.length(), "payload");
    return map;
  }

  /**
   * Checks that {@code value}, decoded from {@code length} bytes, used definite lengths and
   * shortest-form heads throughout.
   */
  static void requireShortestDefinite(CborValue value, int length, String what)
      throws DecodingException {
    if (CborEncoder.encode(value).length() != length) {
      throw new DecodingException(what + " uses indefinite lengths or non-shortest CBOR heads");
    }
  }

  public String moduleId() {
    return moduleId;
  }

  /** Always {@code "SHA384"}. */
  public String digest() {
    return digest;
  }

  /** Milliseconds since the Unix epoch, as the NSM wrote it. */
  public long timestamp() {
    return timestamp;
  }

  /** PCR index to 48-byte value. */
  public SortedMap<Integer, Bytes> pcrs() {
    return pcrs;
  }

  /** The DER signing certificate. */
  public Bytes certificate() {
    return certificate;
  }

  /** DER certificates, root first. */
  public List<Bytes> cabundle() {
    return cabundle;
  }

  public Optional<Bytes> publicKey() {
    return Optional.ofNullable(publicKey);
  }

  public Optional<Bytes> userData() {
    return Optional.ofNullable(userData);
  }

  public Optional<Bytes> nonce() {
    return Optional.ofNullable(nonce);
  }

  /** Debug mode: an enclave started with --debug-mode reports PCR0, PCR1 and PCR2 as all zero. */
  public boolean debug() {
    for (int i = 0; i <= 2; i++) {
      Bytes pcr = pcrs.get(i);
      if (pcr == null) {
        return false;
      }
      for (int j = 0; j < pcr.length(); j++) {
        if (pcr.get(j) != 0) {
          return false;
        }
      }
    }
    return true;
  }
}
