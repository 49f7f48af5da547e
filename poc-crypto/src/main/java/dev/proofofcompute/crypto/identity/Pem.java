package dev.proofofcompute.crypto.identity;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.util.Base64;
import java.util.List;

/**
 * The strict textual encoding of RFC 7468 §3 ("stricttextualmsg"): a BEGIN line, base64 lines of
 * exactly 64 characters except a shorter last one, an END line with the same label, and at most one
 * final line break. LF or CRLF line breaks are accepted; nothing may precede the BEGIN line or
 * follow the END line, and the base64 must be canonical (padded, no stray bits).
 */
final class Pem {
  private static final int LINE = 64;

  private Pem() {}

  static String encode(String label, Bytes der) {
    String body = Base64.getEncoder().encodeToString(der.toByteArray());
    StringBuilder out = new StringBuilder();
    out.append("-----BEGIN ").append(label).append("-----\n");
    for (int i = 0; i < body.length(); i += LINE) {
      out.append(body, i, Math.min(body.length(), i + LINE)).append('\n');
    }
    out.append("-----END ").append(label).append("-----\n");
    return out.toString();
  }

  static Bytes decode(String expectedLabel, String text) throws DecodingException {
    String normalised = text.replace("\r\n", "\n");
    if (normalised.endsWith("\n")) {
      normalised = normalised.substring(0, normalised.length() - 1);
    }
    List<String> lines = normalised.lines().toList();
    if (lines.size() < 3) {
      throw new DecodingException("not a PEM document: fewer than three lines");
    }
    String begin = "-----BEGIN " + expectedLabel + "-----";
    String end = "-----END " + expectedLabel + "-----";
    String first = lines.get(0);
    if (!first.equals(begin)) {
      throw new DecodingException(
          first.startsWith("-----BEGIN ")
              ? "wrong PEM label: expected " + begin + ", found " + first
              : "not a PEM document: the first line is not " + begin);
    }
    String last = lines.get(lines.size() - 1);
    if (!last.equals(end)) {
      throw new DecodingException(
          lines.contains(end)
              ? "trailing data after " + end
              : "missing " + end + " as the last line");
    }
    StringBuilder body = new StringBuilder();
    for (int i = 1; i < lines.size() - 1; i++) {
      String line = lines.get(i);
      boolean lastBodyLine = i == lines.size() - 2;
      if (line.isEmpty() || line.length() > LINE || (!lastBodyLine && line.length() != LINE)) {
        throw new DecodingException(
            "PEM body line " + i + " has " + line.length() + " characters; RFC 7468 wants 64");
      }
      body.append(line);
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body.toString());
    } catch (IllegalArgumentException e) {
      throw new DecodingException("bad base64 in PEM body: " + e.getMessage(), e);
    }
    if (!Base64.getEncoder().encodeToString(der).contentEquals(body)) {
      throw new DecodingException("non-canonical base64 in PEM body (padding or trailing bits)");
    }
    return Bytes.of(der);
  }
}
