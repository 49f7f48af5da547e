package dev.proofofcompute.coordinator.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proofofcompute.coordinator.service.CoordinatorException;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborFloat;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborSimple;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.crypto.cbor.CborValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts a policy's JSON parameters to the deterministic CBOR the scheme protocols read, the same
 * for every scheme, so that the API needs no per-scheme code: objects become maps with text keys
 * (in canonical key order), arrays arrays, integers integers (arbitrary size), other numbers 64-bit
 * floats, strings text, booleans and null the simple values. The scheme's own {@code plan} then
 * checks the parameters strictly and re-encodes them canonically.
 */
final class JsonCbor {
  /** Deepest nesting accepted. */
  static final int MAX_DEPTH = 8;

  private JsonCbor() {}

  static Bytes toCbor(JsonNode json) throws CoordinatorException {
    return convert(json, 0).encode();
  }

  private static CborValue convert(JsonNode n, int depth) throws CoordinatorException {
    if (depth > MAX_DEPTH) {
      throw JsonBody.bad("policy parameters nest deeper than " + MAX_DEPTH);
    }
    if (n.isObject()) {
      List<CborMap.Entry> entries = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        entries.add(new CborMap.Entry(new CborText(e.getKey()), convert(e.getValue(), depth + 1)));
      }
      return CborMap.ofEntries(entries);
    }
    if (n.isArray()) {
      List<CborValue> items = new ArrayList<>();
      for (JsonNode item : n) {
        items.add(convert(item, depth + 1));
      }
      return new CborArray(items);
    }
    if (n.isIntegralNumber()) {
      BigInteger v = n.bigIntegerValue();
      try {
        return CborInteger.of(v);
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw JsonBody.bad("policy parameters hold an integer out of the CBOR range");
      }
    }
    if (n.isNumber()) {
      double d = n.doubleValue();
      if (!Double.isFinite(d)) {
        throw JsonBody.bad("policy parameters hold a number out of range");
      }
      return new CborFloat(d);
    }
    if (n.isTextual()) {
      return new CborText(n.textValue());
    }
    if (n.isBoolean()) {
      return CborSimple.of(n.booleanValue());
    }
    if (n.isNull()) {
      return CborSimple.NULL;
    }
    throw JsonBody.bad("policy parameters hold an unsupported JSON value");
  }
}
