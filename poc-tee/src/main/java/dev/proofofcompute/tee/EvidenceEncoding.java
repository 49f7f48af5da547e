package dev.proofofcompute.tee;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.util.Base64;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * How evidence is found in the wild: raw bytes, hex text or base64 text (standard or URL-safe,
 * padded or not, with line breaks). {@link #AUTO} picks by content: text made only of hex digits
 * and whitespace, with an even digit count, is hex; other text made only of base64 characters and
 * whitespace is base64; anything else is raw. A raw binary attestation is never all hex or base64
 * text in practice (SEV-SNP reports start with a small little-endian version, Nitro documents with
 * CBOR byte 0x84 or 0xd2).
 */
public enum EvidenceEncoding {
  AUTO,
  RAW,
  HEX,
  BASE64;

  /** Upper bound on encoded evidence (real documents are < 16 KiB). */
  public static final int MAX_INPUT = 1 << 20;

  /**
   * The evidence bytes in {@code input}.
   *
   * @throws DecodingException when {@code input} is empty, over 1 MiB or not valid in the encoding
   */
  public Bytes decode(Bytes input) throws DecodingException {
    if (input.length() == 0) {
      throw new DecodingException("empty evidence");
    }
    if (input.length() > MAX_INPUT) {
      throw new DecodingException("evidence is larger than 1 MiB");
    }
    return switch (this) {
      case RAW -> input;
      case HEX -> decodeHex(compact(input));
      case BASE64 -> decodeBase64(compact(input));
      case AUTO -> {
        String text = asciiText(input);
        if (text == null) {
          yield input;
        }
        String c = stripWhitespace(text);
        if (!c.isEmpty() && c.length() % 2 == 0 && isHex(c)) {
          yield decodeHex(c);
        }
        if (!c.isEmpty() && isBase64(c)) {
          yield decodeBase64(c);
        }
        yield input;
      }
    };
  }

  private static String compact(Bytes input) throws DecodingException {
    String text = asciiText(input);
    if (text == null) {
      throw new DecodingException("encoded evidence contains non-text bytes");
    }
    return stripWhitespace(text);
  }

  private static @Nullable String asciiText(Bytes input) {
    char[] out = new char[input.length()];
    for (int i = 0; i < out.length; i++) {
      int b = input.get(i) & 0xff;
      if (b >= 0x7f || (b < 0x20 && b != '\n' && b != '\r' && b != '\t')) {
        return null;
      }
      out[i] = (char) b;
    }
    return new String(out);
  }

  private static String stripWhitespace(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t') {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBase64(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      boolean ok =
          (ch >= 'A' && ch <= 'Z')
              || (ch >= 'a' && ch <= 'z')
              || (ch >= '0' && ch <= '9')
              || ch == '+'
              || ch == '/'
              || ch == '-'
              || ch == '_'
              || ch == '=';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static Bytes decodeHex(String s) throws DecodingException {
    if (s.isEmpty() || s.length() % 2 != 0 || !isHex(s)) {
      throw new DecodingException("evidence is not hex: odd length or a non-hex character");
    }
    return Bytes.of(HexFormat.of().parseHex(s));
  }

  private static Bytes decodeBase64(String s) throws DecodingException {
    if (s.isEmpty() || !isBase64(s)) {
      throw new DecodingException("evidence is not base64: a character outside the alphabet");
    }
    boolean urlSafe = s.indexOf('-') >= 0 || s.indexOf('_') >= 0;
    if (urlSafe && (s.indexOf('+') >= 0 || s.indexOf('/') >= 0)) {
      throw new DecodingException("evidence mixes the standard and URL-safe base64 alphabets");
    }
    try {
      byte[] out = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(s);
      if (out.length == 0) {
        throw new DecodingException("evidence decodes to no bytes");
      }
      return Bytes.of(out);
    } catch (IllegalArgumentException e) {
      throw new DecodingException("evidence is not valid base64: " + e.getMessage(), e);
    }
  }
}
