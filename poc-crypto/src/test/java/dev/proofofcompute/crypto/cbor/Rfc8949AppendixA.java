package dev.proofofcompute.crypto.cbor;

import dev.proofofcompute.crypto.Bytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The examples of RFC 8949 Appendix A, "Examples of Encoded CBOR Data Items"
 * (https://www.rfc-editor.org/rfc/rfc8949#appendix-A). Appendix A uses preferred serialization,
 * which for these items coincides with the deterministic encoding of §4.2.1, except for the entries
 * in {@link #NON_PREFERRED_FLOATS} and {@link #INDEFINITE}, which are well-formed but not
 * deterministic.
 */
final class Rfc8949AppendixA {
  private Rfc8949AppendixA() {}

  /** An Appendix A row: its diagnostic notation, the value, and its encoding in hex. */
  record Vector(String diagnostic, CborValue value, String hex) {
    @Override
    public String toString() {
      return diagnostic + " = 0x" + hex;
    }
  }

  static CborInteger i(long v) {
    return CborInteger.of(v);
  }

  static CborText t(String s) {
    return new CborText(s);
  }

  static CborBytes b(String hex) {
    return new CborBytes(Bytes.fromHex(hex));
  }

  static CborArray arr(CborValue... items) {
    return CborArray.of(items);
  }

  static CborMap map(CborValue... keysAndValues) {
    List<CborMap.Entry> entries = new ArrayList<>();
    for (int k = 0; k < keysAndValues.length; k += 2) {
      entries.add(new CborMap.Entry(keysAndValues[k], keysAndValues[k + 1]));
    }
    return CborMap.ofEntries(entries);
  }

  static CborFloat f(double d) {
    return new CborFloat(d);
  }

  private static CborArray oneToTwentyFive() {
    List<CborValue> items = new ArrayList<>();
    for (int k = 1; k <= 25; k++) {
      items.add(i(k));
    }
    return new CborArray(items);
  }

  /** Rows whose encoding is deterministic. */
  static final List<Vector> DETERMINISTIC =
      List.of(
          new Vector("0", i(0), "00"),
          new Vector("1", i(1), "01"),
          new Vector("10", i(10), "0a"),
          new Vector("23", i(23), "17"),
          new Vector("24", i(24), "1818"),
          new Vector("25", i(25), "1819"),
          new Vector("100", i(100), "1864"),
          new Vector("1000", i(1000), "1903e8"),
          new Vector("1000000", i(1000000), "1a000f4240"),
          new Vector("1000000000000", i(1000000000000L), "1b000000e8d4a51000"),
          new Vector(
              "18446744073709551615",
              CborInteger.of(new BigInteger("18446744073709551615")),
              "1bffffffffffffffff"),
          new Vector(
              "18446744073709551616",
              new CborTag(2, b("010000000000000000")),
              "c249010000000000000000"),
          new Vector(
              "-18446744073709551616",
              CborInteger.of(new BigInteger("-18446744073709551616")),
              "3bffffffffffffffff"),
          new Vector(
              "-18446744073709551617",
              new CborTag(3, b("010000000000000000")),
              "c349010000000000000000"),
          new Vector("-1", i(-1), "20"),
          new Vector("-10", i(-10), "29"),
          new Vector("-100", i(-100), "3863"),
          new Vector("-1000", i(-1000), "3903e7"),
          new Vector("0.0", f(0.0), "f90000"),
          new Vector("-0.0", f(-0.0), "f98000"),
          new Vector("1.0", f(1.0), "f93c00"),
          new Vector("1.1", f(1.1), "fb3ff199999999999a"),
          new Vector("1.5", f(1.5), "f93e00"),
          new Vector("65504.0", f(65504.0), "f97bff"),
          new Vector("100000.0", f(100000.0), "fa47c35000"),
          new Vector("3.4028234663852886e+38", f(3.4028234663852886e+38), "fa7f7fffff"),
          new Vector("1.0e+300", f(1.0e+300), "fb7e37e43c8800759c"),
          new Vector("5.960464477539063e-8", f(5.960464477539063e-8), "f90001"),
          new Vector("0.00006103515625", f(0.00006103515625), "f90400"),
          new Vector("-4.0", f(-4.0), "f9c400"),
          new Vector("-4.1", f(-4.1), "fbc010666666666666"),
          new Vector("Infinity", f(Double.POSITIVE_INFINITY), "f97c00"),
          new Vector("NaN", f(Double.NaN), "f97e00"),
          new Vector("-Infinity", f(Double.NEGATIVE_INFINITY), "f9fc00"),
          new Vector("false", CborSimple.FALSE, "f4"),
          new Vector("true", CborSimple.TRUE, "f5"),
          new Vector("null", CborSimple.NULL, "f6"),
          new Vector("undefined", CborSimple.UNDEFINED, "f7"),
          new Vector("simple(16)", new CborSimple(16), "f0"),
          new Vector("simple(255)", new CborSimple(255), "f8ff"),
          new Vector(
              "0(\"2013-03-21T20:04:00Z\")",
              new CborTag(0, t("2013-03-21T20:04:00Z")),
              "c074323031332d30332d32315432303a30343a30305a"),
          new Vector("1(1363896240)", new CborTag(1, i(1363896240)), "c11a514b67b0"),
          new Vector("1(1363896240.5)", new CborTag(1, f(1363896240.5)), "c1fb41d452d9ec200000"),
          new Vector("23(h'01020304')", new CborTag(23, b("01020304")), "d74401020304"),
          new Vector("24(h'6449455446')", new CborTag(24, b("6449455446")), "d818456449455446"),
          new Vector(
              "32(\"http://www.example.com\")",
              new CborTag(32, t("http://www.example.com")),
              "d82076687474703a2f2f7777772e6578616d706c652e636f6d"),
          new Vector("h''", b(""), "40"),
          new Vector("h'01020304'", b("01020304"), "4401020304"),
          new Vector("\"\"", t(""), "60"),
          new Vector("\"a\"", t("a"), "6161"),
          new Vector("\"IETF\"", t("IETF"), "6449455446"),
          new Vector("\"\\\"\\\\\"", t("\"\\"), "62225c"),
          new Vector("\"\\u00fc\"", t("\u00fc"), "62c3bc"),
          new Vector("\"\\u6c34\"", t("\u6c34"), "63e6b0b4"),
          new Vector("\"\\ud800\\udd51\"", t("\ud800\udd51"), "64f0908591"),
          new Vector("[]", arr(), "80"),
          new Vector("[1, 2, 3]", arr(i(1), i(2), i(3)), "83010203"),
          new Vector(
              "[1, [2, 3], [4, 5]]",
              arr(i(1), arr(i(2), i(3)), arr(i(4), i(5))),
              "8301820203820405"),
          new Vector(
              "[1, 2, ..., 25]",
              oneToTwentyFive(),
              "98190102030405060708090a0b0c0d0e0f101112131415161718181819"),
          new Vector("{}", map(), "a0"),
          new Vector("{1: 2, 3: 4}", map(i(1), i(2), i(3), i(4)), "a201020304"),
          new Vector(
              "{\"a\": 1, \"b\": [2, 3]}",
              map(t("a"), i(1), t("b"), arr(i(2), i(3))),
              "a26161016162820203"),
          new Vector(
              "[\"a\", {\"b\": \"c\"}]", arr(t("a"), map(t("b"), t("c"))), "826161a161626163"),
          new Vector(
              "{\"a\": \"A\", \"b\": \"B\", \"c\": \"C\", \"d\": \"D\", \"e\": \"E\"}",
              map(t("a"), t("A"), t("b"), t("B"), t("c"), t("C"), t("d"), t("D"), t("e"), t("E")),
              "a56161614161626142616361436164614461656145"));

  /** Appendix A float rows that are well-formed but not in shortest form. */
  static final List<Vector> NON_PREFERRED_FLOATS =
      List.of(
          new Vector("Infinity", f(Double.POSITIVE_INFINITY), "fa7f800000"),
          new Vector("NaN", f(Double.NaN), "fa7fc00000"),
          new Vector("-Infinity", f(Double.NEGATIVE_INFINITY), "faff800000"),
          new Vector("Infinity", f(Double.POSITIVE_INFINITY), "fb7ff0000000000000"),
          new Vector("NaN", f(Double.NaN), "fb7ff8000000000000"),
          new Vector("-Infinity", f(Double.NEGATIVE_INFINITY), "fbfff0000000000000"));

  /** Appendix A rows with indefinite lengths (§3.2.2, §3.2.3). */
  static final List<Vector> INDEFINITE =
      List.of(
          new Vector("(_ h'0102', h'030405')", b("0102030405"), "5f42010243030405ff"),
          new Vector("(_ \"strea\", \"ming\")", t("streaming"), "7f657374726561646d696e67ff"),
          new Vector("[_ ]", arr(), "9fff"),
          new Vector(
              "[_ 1, [2, 3], [_ 4, 5]]",
              arr(i(1), arr(i(2), i(3)), arr(i(4), i(5))),
              "9f018202039f0405ffff"),
          new Vector(
              "[_ 1, [2, 3], [4, 5]]",
              arr(i(1), arr(i(2), i(3)), arr(i(4), i(5))),
              "9f01820203820405ff"),
          new Vector(
              "[1, [2, 3], [_ 4, 5]]",
              arr(i(1), arr(i(2), i(3)), arr(i(4), i(5))),
              "83018202039f0405ff"),
          new Vector(
              "[1, [_ 2, 3], [4, 5]]",
              arr(i(1), arr(i(2), i(3)), arr(i(4), i(5))),
              "83019f0203ff820405"),
          new Vector(
              "[_ 1, 2, ..., 25]",
              oneToTwentyFive(),
              "9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff"),
          new Vector(
              "{_ \"a\": 1, \"b\": [_ 2, 3]}",
              map(t("a"), i(1), t("b"), arr(i(2), i(3))),
              "bf61610161629f0203ffff"),
          new Vector(
              "[\"a\", {_ \"b\": \"c\"}]", arr(t("a"), map(t("b"), t("c"))), "826161bf61626163ff"),
          new Vector(
              "{_ \"Fun\": true, \"Amt\": -2}",
              map(t("Fun"), CborSimple.TRUE, t("Amt"), i(-2)),
              "bf6346756ef563416d7421ff"));
}
