package dev.proofofcompute.ledger;

/**
 * Validation of the job and task identifiers the ledger stores: 1 to {@value #MAX_LENGTH} ASCII
 * characters from {@code [A-Za-z0-9._/-]}. The set excludes {@code ':'} so that an account's string
 * form ({@code job:<id>:escrow}) splits on colons without ambiguity, and excludes whitespace and
 * control characters so that ids print and log as they are.
 */
final class Ids {
  /** Longest job or task id. */
  static final int MAX_LENGTH = 128;

  private Ids() {}

  /**
   * Returns {@code id} if it is a valid job or task id.
   *
   * @throws IllegalArgumentException naming {@code what} and the problem otherwise
   */
  static String require(String what, String id) {
    if (id.isEmpty() || id.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a " + what + " has 1 to " + MAX_LENGTH + " characters, got " + id.length());
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-'
              || c == '/';
      if (!ok) {
        throw new IllegalArgumentException(
            "a "
                + what
                + " uses only letters, digits and . _ - /, got "
                + printable(c)
                + " at index "
                + i);
      }
    }
    return id;
  }

  private static String printable(char c) {
    return c >= 0x21 && c <= 0x7e ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }
}
