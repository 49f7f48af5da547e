package dev.proofofcompute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.identity.Ed25519Signature;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.merkle.ConsistencyProof;
import dev.proofofcompute.crypto.merkle.InclusionProof;
import dev.proofofcompute.ledger.AccountId;
import dev.proofofcompute.translog.SignedTreeHead;
import dev.proofofcompute.translog.audit.LogSource;
import dev.proofofcompute.translog.audit.LogSourceException;
import dev.proofofcompute.translog.ledger.LedgerReplayCheck.ReportedBalances;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The client side of the coordinator's log endpoints, shaped after RFC 6962 §4 with base64 fields
 * (the exact shapes are in docs/translog.md, "HTTP endpoints"): a {@link LogSource} for {@code poc
 * audit --coordinator}. Nothing it returns is trusted — the auditor checks it against signed heads
 * — but it parses strictly: a missing or mistyped field, a hash that is not 32 bytes, or more than
 * was asked for is a {@link LogSourceException}, as is any HTTP status but 200 (404 on a proof by
 * hash means "no such leaf").
 */
final class HttpLogSource implements LogSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final URI base;
  private final HttpClient client;

  HttpLogSource(URI base) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** {@code GET /v1/log/head}: the latest signed tree head. */
  SignedTreeHead head() throws LogSourceException {
    JsonNode o = get("/v1/log/head").orElseThrow(() -> notFound("/v1/log/head"));
    try {
      return new SignedTreeHead(
          nonNegative(o, "tree_size"),
          Digest.of(base64(o, "sha256_root_hash", Digest.LENGTH)),
          Instant.ofEpochMilli(nonNegative(o, "timestamp")),
          new NodeId(Digest.of(base64(o, "key_id", Digest.LENGTH))),
          Ed25519Signature.fromBytes(base64(o, "tree_head_signature", 64)));
    } catch (DecodingException | IllegalArgumentException e) {
      throw new LogSourceException("GET /v1/log/head: " + e.getMessage(), e);
    }
  }

  /** {@code GET /v1/ledger/balances}: every non-zero balance, and the log size they include. */
  ReportedBalances balances() throws LogSourceException {
    String path = "/v1/ledger/balances";
    JsonNode o = get(path).orElseThrow(() -> notFound(path));
    try {
      long size = nonNegative(o, "tree_size");
      SortedMap<AccountId, Long> out = new TreeMap<>();
      for (JsonNode b : array(o, "balances")) {
        AccountId account = AccountId.parse(text(b, "account"));
        JsonNode micros = b.get("micros");
        if (micros == null || !micros.canConvertToLong() || !micros.isIntegralNumber()) {
          throw new DecodingException("balance of " + account + ": 'micros' is not an integer");
        }
        if (out.put(account, micros.longValue()) != null) {
          throw new DecodingException("account " + account + " is listed twice");
        }
      }
      return new ReportedBalances(size, out);
    } catch (DecodingException | IllegalArgumentException e) {
      throw new LogSourceException("GET " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<Bytes> entries(long start, long end) throws LogSourceException {
    if (start >= end) {
      return List.of();
    }
    // RFC 6962 §4.6: "end" is the index of the last entry wanted (inclusive).
    String path = "/v1/log/entries?start=" + start + "&end=" + (end - 1);
    JsonNode o = get(path).orElseThrow(() -> notFound(path));
    try {
      JsonNode entries = array(o, "entries");
      if (entries.size() > end - start) {
        throw new DecodingException(
            entries.size() + " entries served, at most " + (end - start) + " asked");
      }
      List<Bytes> out = new ArrayList<>(entries.size());
      for (JsonNode e : entries) {
        out.add(base64(e, "leaf_input", -1));
      }
      return out;
    } catch (DecodingException e) {
      throw new LogSourceException("GET " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public InclusionProof inclusionProof(long leafIndex, long treeSize) throws LogSourceException {
    String path = "/v1/log/proof/inclusion?index=" + leafIndex + "&size=" + treeSize;
    JsonNode o = get(path).orElseThrow(() -> notFound(path));
    return inclusion(path, o, treeSize);
  }

  @Override
  public Optional<InclusionProof> inclusionProofByHash(Digest leafHash, long treeSize)
      throws LogSourceException {
    String hash = Base64.getEncoder().encodeToString(leafHash.toBytes().toByteArray());
    String path =
        "/v1/log/proof/inclusion?hash="
            + URLEncoder.encode(hash, StandardCharsets.UTF_8)
            + "&size="
            + treeSize;
    Optional<JsonNode> o = get(path);
    return o.isEmpty() ? Optional.empty() : Optional.of(inclusion(path, o.get(), treeSize));
  }

  private static InclusionProof inclusion(String path, JsonNode o, long treeSize)
      throws LogSourceException {
    try {
      return new InclusionProof(nonNegative(o, "leaf_index"), treeSize, hashes(o, "audit_path"));
    } catch (DecodingException | IllegalArgumentException e) {
      throw new LogSourceException("GET " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ConsistencyProof consistencyProof(long oldSize, long newSize) throws LogSourceException {
    String path = "/v1/log/proof/consistency?first=" + oldSize + "&second=" + newSize;
    JsonNode o = get(path).orElseThrow(() -> notFound(path));
    try {
      return new ConsistencyProof(oldSize, newSize, hashes(o, "consistency"));
    } catch (DecodingException | IllegalArgumentException e) {
      throw new LogSourceException("GET " + path + ": " + e.getMessage(), e);
    }
  }

  // --- plumbing ---

  /** The JSON object at {@code path}; empty on 404. */
  private Optional<JsonNode> get(String path) throws LogSourceException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new LogSourceException("GET " + base + path + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LogSourceException("GET " + path + ": interrupted", e);
    }
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      String body = new String(response.body(), StandardCharsets.UTF_8);
      throw new LogSourceException(
          "GET "
              + path
              + ": HTTP "
              + response.statusCode()
              + (body.isBlank() ? "" : ": " + body.substring(0, Math.min(200, body.length()))));
    }
    try {
      JsonNode node = JSON.readTree(response.body());
      if (node == null || !node.isObject()) {
        throw new LogSourceException("GET " + path + ": the response is not a JSON object");
      }
      return Optional.of(node);
    } catch (IOException e) {
      throw new LogSourceException("GET " + path + ": not JSON: " + e.getMessage(), e);
    }
  }

  private static LogSourceException notFound(String path) {
    return new LogSourceException("GET " + path + ": HTTP 404");
  }

  private static JsonNode field(JsonNode o, String name) throws DecodingException {
    JsonNode v = o.get(name);
    if (v == null || v.isNull()) {
      throw new DecodingException("field '" + name + "' is missing");
    }
    return v;
  }

  private static long nonNegative(JsonNode o, String name) throws DecodingException {
    JsonNode v = field(o, name);
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
      throw new DecodingException("field '" + name + "' is not a non-negative integer");
    }
    return v.longValue();
  }

  private static String text(JsonNode o, String name) throws DecodingException {
    JsonNode v = field(o, name);
    if (!v.isTextual()) {
      throw new DecodingException("field '" + name + "' is not a string");
    }
    return v.textValue();
  }

  private static JsonNode array(JsonNode o, String name) throws DecodingException {
    JsonNode v = field(o, name);
    if (!v.isArray()) {
      throw new DecodingException("field '" + name + "' is not an array");
    }
    return v;
  }

  /** A base64 field of {@code length} bytes (any length when negative). */
  private static Bytes base64(JsonNode o, String name, int length) throws DecodingException {
    String t = text(o, name);
    byte[] b;
    try {
      b = Base64.getDecoder().decode(t);
    } catch (IllegalArgumentException e) {
      throw new DecodingException("field '" + name + "' is not base64", e);
    }
    if (length >= 0 && b.length != length) {
      throw new DecodingException(
          "field '" + name + "' is " + b.length + " bytes, expected " + length);
    }
    return Bytes.of(b);
  }

  private static List<Digest> hashes(JsonNode o, String name) throws DecodingException {
    JsonNode a = array(o, name);
    if (a.size() > 128) {
      throw new DecodingException("field '" + name + "' holds " + a.size() + " hashes");
    }
    List<Digest> out = new ArrayList<>(a.size());
    for (JsonNode h : a) {
      if (!h.isTextual()) {
        throw new DecodingException("field '" + name + "' holds a non-string");
      }
      byte[] b;
      try {
        b = Base64.getDecoder().decode(h.textValue());
      } catch (IllegalArgumentException e) {
        throw new DecodingException("field '" + name + "' holds a non-base64 hash", e);
      }
      if (b.length != Digest.LENGTH) {
        throw new DecodingException("field '" + name + "' holds a hash of " + b.length + " bytes");
      }
      out.add(Digest.of(b));
    }
    return out;
  }

  @Override
  public String toString() {
    return base.toString();
  }
}
