package dev.proofofcompute.core.message;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.NodeId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The signed-request scheme shared by {@link RequestSigner} and {@link RequestVerifier}: the header
 * names and the canonical bytes a node signs for one HTTP request.
 *
 * <p>A node signs, with its Ed25519 key (RFC 8032), the deterministic CBOR encoding (RFC 8949 §4.2,
 * {@code docs/encoding.md}) of
 *
 * <pre>
 *   { "type":   "poc/http-request/v1",
 *     "method": tstr,            upper-case HTTP method
 *     "path":   tstr,            the request target exactly as sent: path, then "?" and the raw
 *                                query when there is one (no normalisation on either side)
 *     "body":   bstr .size 32,   SHA-256 of the exact body bytes (of the empty string if none)
 *     "ts":     uint,            milliseconds since the epoch, from the sender's clock
 *     "nonce":  bstr .size 16,   fresh random bytes, never reused by this node
 *     "node":   bstr .size 32 }  the node id, SHA-256 of its raw public key
 * </pre>
 *
 * and sends the four values in the headers {@value #NODE} (64 hex), {@value #TIMESTAMP} (decimal
 * milliseconds), {@value #NONCE} (32 hex) and {@value #SIGNATURE} (128 hex). The type string
 * separates these signatures from every other signed object of the project, so a signature over a
 * request can never be replayed as a message of another kind, and each field that changes the
 * meaning of a request — its verb, its target, its body, its time, its identity — is covered.
 */
public final class RequestAuth {
  /** Header holding the node id, 64 lower-case hex characters. */
  public static final String NODE = "X-Poc-Node";

  /** Header holding the timestamp, decimal milliseconds since the epoch. */
  public static final String TIMESTAMP = "X-Poc-Timestamp";

  /** Header holding the nonce, 32 hex characters. */
  public static final String NONCE = "X-Poc-Nonce";

  /** Header holding the Ed25519 signature, 128 hex characters. */
  public static final String SIGNATURE = "X-Poc-Signature";

  /** The type string inside the signed bytes. */
  public static final String TYPE = "poc/http-request/v1";

  /** Bytes of a nonce. */
  public static final int NONCE_LENGTH = 16;

  /** Longest request target accepted, in characters. */
  public static final int MAX_PATH_LENGTH = 2048;

  private RequestAuth() {}

  /**
   * The canonical bytes signed for one request.
   *
   * @throws IllegalArgumentException when the method or path is not of the accepted shape (see
   *     {@link #checkMethod} and {@link #checkPath}) or the nonce is not {@value #NONCE_LENGTH}
   *     bytes
   */
  public static Bytes signingInput(
      String method, String path, Digest bodyDigest, Instant timestamp, Bytes nonce, NodeId node) {
    String bad = checkMethod(method);
    if (bad == null) {
      bad = checkPath(path);
    }
    if (bad != null) {
      throw new IllegalArgumentException(bad);
    }
    if (nonce.length() != NONCE_LENGTH) {
      throw new IllegalArgumentException(
          "a nonce is " + NONCE_LENGTH + " bytes, got " + nonce.length());
    }
    long ms = timestamp.toEpochMilli();
    if (ms < 0) {
      throw new IllegalArgumentException("timestamp before the epoch: " + timestamp);
    }
    return CborMap.builder()
        .put("type", TYPE)
        .put("method", method)
        .put("path", path)
        .put("body", bodyDigest)
        .put("ts", ms)
        .put("nonce", nonce)
        .put("node", node.digest())
        .build()
        .encode();
  }

  /**
   * What a node signed for one request, read back from {@link #signingInput} bytes: for an auditor
   * who holds the signed bytes (a transparency log entry carries them) and must know which request
   * they authorised.
   *
   * @param method the upper-case HTTP method
   * @param path the request target exactly as signed (path, then {@code ?query} if any)
   * @param bodyDigest SHA-256 of the exact body bytes
   * @param timestamp the sender's timestamp (millisecond precision)
   * @param nonce the {@value #NONCE_LENGTH}-byte nonce
   * @param node the signer's node id
   */
  public record SignedRequest(
      String method, String path, Digest bodyDigest, Instant timestamp, Bytes nonce, NodeId node) {

    /** The path without its query, if any. */
    public String pathWithoutQuery() {
      int q = path.indexOf('?');
      return q < 0 ? path : path.substring(0, q);
    }
  }

  /**
   * Parses bytes made by {@link #signingInput}, strictly: canonical CBOR, exactly the seven fields,
   * the {@value #TYPE} type, a method and path of the accepted shapes, a 32-byte body digest and
   * node id, a {@value #NONCE_LENGTH}-byte nonce. {@code signingInput} of the result gives back
   * {@code signed}.
   *
   * @throws DecodingException naming what is wrong
   */
  public static SignedRequest parseSigningInput(Bytes signed) throws DecodingException {
    CborMap m = CborDecoder.decodeCanonicalMap(signed);
    m.requireOnlyKeys("type", "method", "path", "body", "ts", "nonce", "node");
    String type = m.getText("type");
    if (!type.equals(TYPE)) {
      throw new DecodingException("a signed request has type '" + TYPE + "', got another type");
    }
    String method = m.getText("method");
    String path = m.getText("path");
    String bad = checkMethod(method);
    if (bad == null) {
      bad = checkPath(path);
    }
    if (bad != null) {
      throw new DecodingException(bad);
    }
    long ts = m.getLong("ts");
    if (ts < 0) {
      throw new DecodingException("a signed request's timestamp is before the epoch");
    }
    Bytes nonce = m.getBytes("nonce");
    if (nonce.length() != NONCE_LENGTH) {
      throw new DecodingException(
          "a signed request's nonce is " + NONCE_LENGTH + " bytes, got " + nonce.length());
    }
    return new SignedRequest(
        method,
        path,
        m.getDigest("body"),
        Instant.ofEpochMilli(ts),
        nonce,
        new NodeId(m.getDigest("node")));
  }

  /** Why {@code method} is refused, or {@code null}: one to sixteen ASCII upper-case letters. */
  public static @Nullable String checkMethod(String method) {
    if (method.isEmpty() || method.length() > 16) {
      return "the HTTP method must be 1 to 16 upper-case letters";
    }
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      if (c < 'A' || c > 'Z') {
        return "the HTTP method must be 1 to 16 upper-case letters";
      }
    }
    return null;
  }

  /**
   * Why {@code path} is refused, or {@code null}: it starts with {@code /}, holds only printable
   * ASCII (percent-encoded otherwise), no fragment, at most {@value #MAX_PATH_LENGTH} characters.
   */
  public static @Nullable String checkPath(String path) {
    if (path.isEmpty() || path.charAt(0) != '/') {
      return "the request path must start with '/'";
    }
    if (path.length() > MAX_PATH_LENGTH) {
      return "the request path is longer than " + MAX_PATH_LENGTH + " characters";
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '#') {
        return "the request path must be printable ASCII without a fragment";
      }
    }
    return null;
  }
}
