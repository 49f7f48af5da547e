package dev.proofofcompute.ledger;

import static dev.proofofcompute.ledger.Fixtures.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.money.Amount;
import org.junit.jupiter.api.Test;

class TransferTest {
  @Test
  void needsAPositiveAmountBetweenTwoAccounts() {
    assertThatThrownBy(() -> new Transfer(AccountId.external(), AccountId.treasury(), Amount.ZERO))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> new Transfer(AccountId.treasury(), AccountId.treasury(), Amount.of(1)))
        .hasMessageContaining("two different accounts");
  }

  @Test
  void cborRoundTripsAndRejectsBadFields() throws DecodingException {
    Transfer t = new Transfer(AccountId.bonded(PROVIDER), AccountId.locked(PROVIDER), Amount.of(5));
    assertThat(Transfer.fromCbor(t.toCbor())).isEqualTo(t);
    CborMap zero =
        CborMap.builder().put("from", "treasury").put("to", "external").put("amount", 0).build();
    assertThatThrownBy(() -> Transfer.fromCbor(zero))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("positive");
    CborMap negative =
        CborMap.builder().put("from", "treasury").put("to", "external").put("amount", -1).build();
    assertThatThrownBy(() -> Transfer.fromCbor(negative)).isInstanceOf(DecodingException.class);
    CborMap badAccount =
        CborMap.builder().put("from", "bank").put("to", "external").put("amount", 1).build();
    assertThatThrownBy(() -> Transfer.fromCbor(badAccount))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("field 'from'");
    CborMap extra =
        CborMap.builder()
            .put("from", "treasury")
            .put("to", "external")
            .put("amount", 1)
            .put("memo", "x")
            .build();
    assertThatThrownBy(() -> Transfer.fromCbor(extra)).hasMessageContaining("unexpected field");
  }
}
