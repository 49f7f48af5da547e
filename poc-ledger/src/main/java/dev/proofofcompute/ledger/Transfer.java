package dev.proofofcompute.ledger;

import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.money.Amount;

/**
 * One double-entry movement: {@code amount} leaves {@code from} and enters {@code to}. Both sides
 * are in the one record, so value can never appear or vanish. A transfer moves a positive amount
 * between two different accounts.
 *
 * <p>Encoding: {@code {"amount": uint units, "from": text, "to": text}}.
 */
public record Transfer(AccountId from, AccountId to, Amount amount) {
  /**
   * @throws IllegalArgumentException if {@code amount} is zero or {@code from} equals {@code to}
   */
  public Transfer {
    if (amount.isZero()) {
      throw new IllegalArgumentException("a transfer moves a positive amount, got 0");
    }
    if (from.equals(to)) {
      throw new IllegalArgumentException("a transfer needs two different accounts, got " + from);
    }
  }

  public CborMap toCbor() {
    return CborMap.builder()
        .put("from", from.value())
        .put("to", to.value())
        .put("amount", LedgerCbor.amount(amount))
        .build();
  }

  /**
   * Reads {@link #toCbor()} output.
   *
   * @throws DecodingException on missing, unknown or mistyped fields or invalid values
   */
  public static Transfer fromCbor(CborMap map) throws DecodingException {
    map.requireOnlyKeys("from", "to", "amount");
    AccountId from = LedgerCbor.account(map, "from");
    AccountId to = LedgerCbor.account(map, "to");
    Amount amount = LedgerCbor.amount(map, "amount");
    try {
      return new Transfer(from, to, amount);
    } catch (IllegalArgumentException e) {
      throw new DecodingException("transfer: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return from + " -> " + to + ": " + amount;
  }
}
