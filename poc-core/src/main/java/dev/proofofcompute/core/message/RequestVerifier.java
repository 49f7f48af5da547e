package dev.proofofcompute.core.message;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.identity.Ed25519Verifier;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodePublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Checks a signed HTTP request ({@link RequestAuth}) in the order that is safe and cheap: the
 * header shapes, the timestamp against the injected clock (at most {@code window} away, either
 * side), the signer's key (looked up by the claimed node id, whose key must hash to that id), and
 * the Ed25519 signature over the canonical bytes rebuilt from what was actually received — method,
 * target, SHA-256 of the body. It reads no state but the key lookup and records nothing: the nonce
 * is spent by {@link AuthenticatedRequest#spendNonce}, so the caller can spend it inside the
 * transaction that performs the request. Every failure throws {@link VerificationException} with a
 * reason fit for an API error.
 */
public final class RequestVerifier {
  private final InstantSource clock;
  private final Duration window;

  private RequestVerifier(InstantSource clock, Duration window) {
    this.clock = clock;
    this.window = window;
  }

  /** A verifier accepting timestamps within {@code window} of {@code clock}. */
  public static RequestVerifier create(InstantSource clock, Duration window) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the freshness window must be positive, got " + window);
    }
    return new RequestVerifier(clock, window);
  }

  public Duration window() {
    return window;
  }

  /** Looks up the registered key of a node. */
  @FunctionalInterface
  public interface KeyLookup {
    /** The key registered for {@code node}, if any. */
    Optional<NodePublicKey> find(NodeId node);
  }

  /**
   * Verifies one request.
   *
   * @param method the received HTTP method
   * @param path the received request target (path, and {@code ?query} when there is one)
   * @param body the received body bytes
   * @param headers the received headers by name (case-insensitive lookup is the caller's job);
   *     returns {@code null} for an absent header
   * @param keys where the signer's key is found
   * @throws VerificationException naming the first check that failed
   */
  public AuthenticatedRequest verify(
      String method,
      String path,
      Bytes body,
      Function<String, @Nullable String> headers,
      KeyLookup keys)
      throws VerificationException {
    String nodeHex = require(headers, RequestAuth.NODE);
    String tsText = require(headers, RequestAuth.TIMESTAMP);
    String nonceHex = require(headers, RequestAuth.NONCE);
    String sigHex = require(headers, RequestAuth.SIGNATURE);
    String badTarget = RequestAuth.checkMethod(method);
    if (badTarget == null) {
      badTarget = RequestAuth.checkPath(path);
    }
    if (badTarget != null) {
      throw new VerificationException(badTarget);
    }
    NodeId node = parseNode(nodeHex);
    Instant ts = parseTimestamp(tsText);
    Bytes nonce = parseHex(nonceHex, RequestAuth.NONCE, RequestAuth.NONCE_LENGTH);
    Bytes signature = parseHex(sigHex, RequestAuth.SIGNATURE, 64);

    Instant now = clock.instant();
    if (ts.isBefore(now.minus(window))) {
      throw new VerificationException(
          "stale request: timestamp " + ts + " is more than " + window + " before " + now);
    }
    if (ts.isAfter(now.plus(window))) {
      throw new VerificationException(
          "request from the future: timestamp " + ts + " is more than " + window + " after " + now);
    }
    NodePublicKey key =
        keys.find(node)
            .orElseThrow(() -> new VerificationException("unknown node " + node.toHex()));
    if (!key.nodeId().equals(node)) {
      throw new VerificationException("the key found does not belong to node " + node.toHex());
    }
    Bytes input = RequestAuth.signingInput(method, path, Digest.sha256(body), ts, nonce, node);
    try {
      Ed25519Verifier.create(key).verify(input, signature);
    } catch (VerificationException e) {
      throw new VerificationException("bad request signature", e);
    }
    return new AuthenticatedRequest(key, ts, nonce, ts.plus(window), input, signature, body);
  }

  private static String require(Function<String, @Nullable String> headers, String name)
      throws VerificationException {
    String value = headers.apply(name);
    if (value == null || value.isEmpty()) {
      throw new VerificationException("unsigned request: header " + name + " is missing");
    }
    return value;
  }

  private static NodeId parseNode(String hex) throws VerificationException {
    if (hex.length() != 64) {
      throw new VerificationException("header " + RequestAuth.NODE + " must be 64 hex characters");
    }
    try {
      return NodeId.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new VerificationException("header " + RequestAuth.NODE + " must be 64 hex characters");
    }
  }

  private static Instant parseTimestamp(String text) throws VerificationException {
    if (text.length() > 15) {
      throw new VerificationException(
          "header " + RequestAuth.TIMESTAMP + " must be decimal milliseconds since the epoch");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new VerificationException(
            "header " + RequestAuth.TIMESTAMP + " must be decimal milliseconds since the epoch");
      }
    }
    return Instant.ofEpochMilli(Long.parseLong(text));
  }

  private static Bytes parseHex(String hex, String header, int length)
      throws VerificationException {
    if (hex.length() != 2 * length) {
      throw new VerificationException(
          "header " + header + " must be " + 2 * length + " hex characters");
    }
    try {
      return Bytes.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new VerificationException(
          "header " + header + " must be " + 2 * length + " hex characters");
    }
  }

  /**
   * A lookup that knows one key only: for a registration, where the key comes in the request body
   * and the signature proves that the sender holds its private half.
   */
  public static KeyLookup selfDeclared(NodePublicKey key) {
    return node -> node.equals(key.nodeId()) ? Optional.of(key) : Optional.empty();
  }
}
