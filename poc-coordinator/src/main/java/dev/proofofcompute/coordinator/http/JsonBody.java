package dev.proofofcompute.coordinator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proofofcompute.coordinator.service.CoordinatorException;
import dev.proofofcompute.coordinator.service.CoordinatorException.Kind;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.money.Amount;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A request body parsed as one JSON object, read strictly: duplicate keys, unknown fields, wrong
 * types and missing fields are refused with a {@link Kind#BAD_REQUEST} naming the field. Byte
 * strings travel as standard base64, amounts as decimal credit strings ({@code "12.5"}), node ids
 * as 64 hex characters.
 */
final class JsonBody {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final ObjectNode node;

  private JsonBody(ObjectNode node) {
    this.node = node;
  }

  /** Parses {@code body}, which must be one JSON object with no other keys than {@code allowed}. */
  static JsonBody parse(byte[] body, String... allowed) throws CoordinatorException {
    if (body.length == 0) {
      throw bad("the request body is empty; a JSON object is expected");
    }
    JsonNode parsed;
    try {
      parsed = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw bad("the body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw bad("the body cannot be read");
    }
    if (!(parsed instanceof ObjectNode o)) {
      throw bad("the body must be a JSON object");
    }
    return of(o, allowed);
  }

  /** An object already parsed (a member of a batch), with no other keys than {@code allowed}. */
  static JsonBody of(ObjectNode o, String... allowed) throws CoordinatorException {
    List<String> ok = List.of(allowed);
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!ok.contains(name)) {
        throw bad("unknown field '" + shorten(name) + "'; allowed: " + ok);
      }
    }
    return new JsonBody(o);
  }

  ObjectNode node() {
    return node;
  }

  JsonNode required(String field) throws CoordinatorException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw bad("field '" + field + "' is missing");
    }
    return v;
  }

  Optional<JsonNode> optional(String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
  }

  String text(String field) throws CoordinatorException {
    JsonNode v = required(field);
    if (!v.isTextual()) {
      throw bad("field '" + field + "' must be a string");
    }
    return v.textValue();
  }

  Optional<String> optionalText(String field) throws CoordinatorException {
    if (optional(field).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(text(field));
  }

  long integer(String field, long min, long max) throws CoordinatorException {
    return integer(field, required(field), min, max);
  }

  static long integer(String field, JsonNode v, long min, long max) throws CoordinatorException {
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw bad("field '" + field + "' must be an integer");
    }
    long x = v.longValue();
    if (x < min || x > max) {
      throw bad("field '" + field + "' must be in " + min + ".." + max + ", got " + x);
    }
    return x;
  }

  Bytes bytes(String field) throws CoordinatorException {
    return base64(field, text(field));
  }

  static Bytes base64(String field, String text) throws CoordinatorException {
    try {
      return Bytes.of(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw bad("field '" + field + "' must be standard base64");
    }
  }

  Amount amount(String field) throws CoordinatorException {
    return amount(field, text(field));
  }

  static Amount amount(String field, String text) throws CoordinatorException {
    try {
      return Amount.parse(text);
    } catch (IllegalArgumentException e) {
      throw bad("field '" + field + "': " + e.getMessage());
    }
  }

  static NodeId nodeId(String what, String hex) throws CoordinatorException {
    if (hex.length() != 64) {
      throw bad(what + " must be a node id of 64 hex characters");
    }
    try {
      return NodeId.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw bad(what + " must be a node id of 64 hex characters");
    }
  }

  static CoordinatorException bad(String reason) {
    return new CoordinatorException(Kind.BAD_REQUEST, reason);
  }

  static String shorten(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }
}
