package dev.proofofcompute.ledger;

import static dev.proofofcompute.ledger.Fixtures.CHALLENGER;
import static dev.proofofcompute.ledger.Fixtures.PROVIDER;
import static dev.proofofcompute.ledger.Fixtures.REQUESTER;
import static dev.proofofcompute.ledger.Fixtures.SPLIT;
import static dev.proofofcompute.ledger.Fixtures.TERMS;
import static dev.proofofcompute.ledger.Fixtures.VALIDATOR;
import static dev.proofofcompute.ledger.Fixtures.VALIDATOR2;
import static dev.proofofcompute.ledger.Fixtures.credits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborSimple;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.ledger.Operation.Bond;
import dev.proofofcompute.ledger.Operation.CloseJob;
import dev.proofofcompute.ledger.Operation.Deposit;
import dev.proofofcompute.ledger.Operation.EscrowJob;
import dev.proofofcompute.ledger.Operation.LockStake;
import dev.proofofcompute.ledger.Operation.ReleaseStake;
import dev.proofofcompute.ledger.Operation.Reward;
import dev.proofofcompute.ledger.Operation.Slash;
import dev.proofofcompute.ledger.Operation.Unbond;
import dev.proofofcompute.ledger.Operation.Withdraw;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OperationTest {
  static Stream<Operation> everyKind() {
    return Stream.of(
        new Deposit(REQUESTER, credits(100)),
        new Withdraw(REQUESTER, Amount.of(1)),
        new Bond(PROVIDER, credits(60)),
        new Unbond(PROVIDER, credits(10)),
        new EscrowJob("job-1", REQUESTER, TERMS),
        new LockStake(PROVIDER, "job-1", "task-0", credits(50)),
        new ReleaseStake(PROVIDER, "job-1", "task-0", credits(50)),
        new Reward(
            "job-1",
            "task-0",
            PROVIDER,
            credits(10),
            List.of(new Fee(VALIDATOR, credits(1)), new Fee(VALIDATOR2, credits(1)))),
        new Reward("job-1", "task-1", PROVIDER, Amount.ZERO, List.of()),
        new Slash("job-1", "task-2", PROVIDER, credits(30), REQUESTER, CHALLENGER, SPLIT),
        new Slash("job-1", "task-2", PROVIDER, credits(30), REQUESTER, null, SPLIT),
        new CloseJob("job-1", REQUESTER));
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void cborRoundTripsByteExactly(Operation op) throws DecodingException {
    Bytes bytes = op.toBytes();
    Operation back = Operation.parse(bytes);
    assertThat(back).isEqualTo(op);
    assertThat(back.toBytes()).isEqualTo(bytes);
    assertThat(Operation.fromCbor(op.toCbor())).isEqualTo(op);
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void rejectsAnUnknownField(Operation op) {
    CborMap extra = with(op.toCbor(), "memo", new CborText("hi"));
    assertThatThrownBy(() -> Operation.fromCbor(extra))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("unexpected field");
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void rejectsEveryMissingField(Operation op) throws DecodingException {
    CborMap full = op.toCbor();
    for (CborMap.Entry e : full.entries()) {
      List<CborMap.Entry> fewer = new ArrayList<>(full.entries());
      fewer.remove(e);
      if (op instanceof Slash s && e.key().equals(new CborText("challenger"))) {
        assertThat(Operation.fromCbor(CborMap.ofEntries(fewer)))
            .as("the challenger is optional")
            .isEqualTo(
                new Slash(
                    s.jobId(),
                    s.taskId(),
                    s.provider(),
                    s.amount(),
                    s.requester(),
                    null,
                    s.split()));
        continue;
      }
      assertThatThrownBy(() -> Operation.fromCbor(CborMap.ofEntries(fewer)))
          .as("without %s", e.key())
          .isInstanceOf(DecodingException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void rejectsEveryMistypedField(Operation op) {
    CborMap full = op.toCbor();
    for (CborMap.Entry e : full.entries()) {
      CborValue wrong =
          e.value() instanceof CborText ? CborInteger.of(1) : new CborText("not-this-type");
      assertThatThrownBy(() -> Operation.fromCbor(with(full, e.key(), wrong)))
          .as("mistyped %s", e.key())
          .isInstanceOf(DecodingException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void rejectsNonCanonicalBytes(Operation op) {
    byte[] b = op.toBytes().toByteArray();
    // The same map with an indefinite-length head: well-formed CBOR, but not deterministic.
    byte[] indefinite = new byte[b.length + 1];
    indefinite[0] = (byte) 0xbf;
    System.arraycopy(b, 1, indefinite, 1, b.length - 1);
    indefinite[b.length] = (byte) 0xff;
    assertThatThrownBy(() -> Operation.parse(Bytes.of(indefinite)))
        .isInstanceOf(DecodingException.class);
    byte[] trailing = new byte[b.length + 1];
    System.arraycopy(b, 0, trailing, 0, b.length);
    assertThatThrownBy(() -> Operation.parse(Bytes.of(trailing)))
        .isInstanceOf(DecodingException.class);
  }

  @Test
  void rejectsInvalidValues() throws DecodingException {
    CborMap deposit = new Deposit(REQUESTER, credits(1)).toCbor();
    assertThatThrownBy(() -> Operation.fromCbor(with(deposit, "op", new CborText("mint"))))
        .hasMessageContaining("unknown operation 'mint'");
    assertThatThrownBy(() -> Operation.fromCbor(with(deposit, "amount", CborInteger.of(0))))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> Operation.fromCbor(with(deposit, "amount", CborInteger.of(-5))))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(
            () -> Operation.fromCbor(with(deposit, "node", new CborText("a".repeat(64)))))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> Operation.fromCbor(CborArray.of(CborInteger.of(1))))
        .hasMessageContaining("a CBOR map");

    CborMap lock = new LockStake(PROVIDER, "job-1", "t", credits(1)).toCbor();
    assertThatThrownBy(() -> Operation.fromCbor(with(lock, "job", new CborText("bad id"))))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("field 'job'");

    CborMap slash =
        new Slash("j", "t", PROVIDER, credits(1), REQUESTER, CHALLENGER, SPLIT).toCbor();
    assertThatThrownBy(() -> Operation.fromCbor(with(slash, "challenger", CborSimple.NULL)))
        .as("an absent challenger is encoded by leaving the key out, never as null")
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() ->
            Operation.fromCbor(with(slash, "challenger", slash.get("provider").orElseThrow())))
        .hasMessageContaining("challenger of its own slash");
    CborMap badSplit =
        CborMap.builder()
            .put("requester", 9_000)
            .put("treasury", 1_000)
            .put("challenger", 1)
            .build();
    assertThatThrownBy(() -> Operation.fromCbor(with(slash, "split", badSplit)))
        .hasMessageContaining("sum to 10000");

    CborMap reward =
        new Reward("j", "t", PROVIDER, credits(1), List.of(new Fee(VALIDATOR, credits(1))))
            .toCbor();
    CborArray twice = new CborArray(List.of(feeMap(VALIDATOR, 1), feeMap(VALIDATOR, 1)));
    assertThatThrownBy(() -> Operation.fromCbor(with(reward, "fees", twice)))
        .hasMessageContaining("paid twice");
    CborArray self = new CborArray(List.of(feeMap(PROVIDER, 1)));
    assertThatThrownBy(() -> Operation.fromCbor(with(reward, "fees", self)))
        .hasMessageContaining("its own task");

    CborMap escrow = new EscrowJob("j", REQUESTER, TERMS).toCbor();
    CborMap zeroTasks = with(escrow.getMap("terms"), "tasks", CborInteger.of(0));
    assertThatThrownBy(() -> Operation.fromCbor(with(escrow, "terms", zeroTasks)))
        .hasMessageContaining("'tasks' out of range");
  }

  @Test
  void accountsAreSortedDistinctAndCoverEveryTransfer() throws LedgerException {
    for (Operation op : everyKind().toList()) {
      assertThat(op.accounts()).isSorted().doesNotHaveDuplicates();
    }
    assertThat(new Deposit(REQUESTER, credits(1)).accounts())
        .containsExactlyInAnyOrder(AccountId.external(), AccountId.available(REQUESTER));
    assertThat(new Slash("j", "t", PROVIDER, credits(1), REQUESTER, CHALLENGER, SPLIT).accounts())
        .containsExactlyInAnyOrder(
            AccountId.locked(PROVIDER),
            AccountId.bonded(PROVIDER),
            AccountId.available(REQUESTER),
            AccountId.available(CHALLENGER),
            AccountId.treasury());
    assertThat(new Slash("j", "t", PROVIDER, credits(1), REQUESTER, null, SPLIT).accounts())
        .doesNotContain(AccountId.available(CHALLENGER));
    assertThat(new Deposit(REQUESTER, credits(1)).affectedJob()).isEmpty();
    assertThat(new CloseJob("j9", REQUESTER).affectedJob()).contains("j9");
  }

  @Test
  void recordsRejectBadShapes() {
    assertThatThrownBy(() -> new Deposit(REQUESTER, Amount.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LockStake(PROVIDER, "j", "t:1", credits(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Slash("j", "t", PROVIDER, Amount.ZERO, REQUESTER, null, SPLIT))
        .isInstanceOf(IllegalArgumentException.class);
    List<Fee> tooMany = new ArrayList<>();
    for (int i = 0; i <= Operation.MAX_VALIDATORS; i++) {
      tooMany.add(new Fee(Fixtures.node("v" + i), Amount.of(1)));
    }
    assertThatThrownBy(() -> new Reward("j", "t", PROVIDER, Amount.ZERO, tooMany))
        .hasMessageContaining("at most 256 validators");
  }

  @Test
  void decodesTheDocumentedBytes() throws DecodingException {
    // docs/ledger.md shows this encoding; keep the two in step.
    Operation close = new CloseJob("job-1", REQUESTER);
    CborMap map = CborDecoder.decodeCanonicalMap(close.toBytes());
    assertThat(map.getText("op")).isEqualTo("close-job");
    assertThat(map.getText("job")).isEqualTo("job-1");
    assertThat(map.getDigest("requester")).isEqualTo(REQUESTER.digest());
  }

  private static CborMap feeMap(dev.proofofcompute.crypto.identity.NodeId v, long units) {
    return CborMap.builder().put("validator", v.digest()).put("amount", units).build();
  }

  private static CborMap with(CborMap map, String key, CborValue value) {
    return with(map, new CborText(key), value);
  }

  private static CborMap with(CborMap map, CborValue key, CborValue value) {
    List<CborMap.Entry> entries = new ArrayList<>();
    for (CborMap.Entry e : map.entries()) {
      if (!e.key().equals(key)) {
        entries.add(e);
      }
    }
    entries.add(new CborMap.Entry(key, value));
    return CborMap.ofEntries(entries);
  }
}
