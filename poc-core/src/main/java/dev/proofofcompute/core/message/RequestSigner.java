package dev.proofofcompute.core.message;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.random.RandomSource;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs HTTP requests for one node (the scheme is described in {@link RequestAuth}): each call
 * draws a fresh nonce from the injected random source and reads the injected clock, and returns the
 * four headers to send with the request. The caller must send exactly the method, target and body
 * it signed. Thread-safe when the random source is.
 */
public final class RequestSigner {
  private final NodeIdentity identity;
  private final InstantSource clock;
  private final RandomSource random;

  private RequestSigner(NodeIdentity identity, InstantSource clock, RandomSource random) {
    this.identity = identity;
    this.clock = clock;
    this.random = random;
  }

  /**
   * A signer for {@code identity}, stamping requests with {@code clock} and nonces from {@code
   * random}.
   */
  public static RequestSigner create(
      NodeIdentity identity, InstantSource clock, RandomSource random) {
    return new RequestSigner(identity, clock, random);
  }

  public NodeId nodeId() {
    return identity.nodeId();
  }

  /**
   * The authentication headers for one request, in a fixed order.
   *
   * @param method the HTTP method, upper case
   * @param path the request target as it will be sent: path and, if any, {@code ?} and the query
   * @param body the exact body bytes ({@link Bytes#EMPTY} for none)
   * @throws IllegalArgumentException when the method or path is of a refused shape
   */
  public Map<String, String> sign(String method, String path, Bytes body) {
    return sign(method, path, body, clock.instant(), random.nextBytes(RequestAuth.NONCE_LENGTH));
  }

  /**
   * Signs with a given timestamp and nonce; for tests and for callers that keep their own nonce
   * source. A nonce must never be reused.
   */
  public Map<String, String> sign(
      String method, String path, Bytes body, Instant timestamp, Bytes nonce) {
    Bytes input =
        RequestAuth.signingInput(
            method, path, Digest.sha256(body), timestamp, nonce, identity.nodeId());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(RequestAuth.NODE, identity.nodeId().toHex());
    headers.put(RequestAuth.TIMESTAMP, Long.toString(timestamp.toEpochMilli()));
    headers.put(RequestAuth.NONCE, nonce.toHex());
    headers.put(RequestAuth.SIGNATURE, identity.sign(input).bytes().toHex());
    return Map.copyOf(headers);
  }
}
