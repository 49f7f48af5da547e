package dev.proofofcompute.storage;

import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.SeededRandomSource;
import dev.proofofcompute.ledger.Fee;
import dev.proofofcompute.ledger.JobTerms;
import dev.proofofcompute.ledger.Operation;
import dev.proofofcompute.ledger.SlashSplit;
import java.util.List;

/**
 * Random ledger operations for the differential test of {@link LedgerStore} against the reference
 * {@code Ledger}: a few nodes, jobs and tasks, amounts around the job terms, so that the rules both
 * accept and refuse often.
 */
final class LedgerStoreContract {
  static final SlashSplit SPLIT = new SlashSplit(7_000, 1_000, 2_000);
  static final JobTerms TERMS =
      new JobTerms(Amount.ofCredits(10), Amount.ofCredits(2), 3, Amount.ofCredits(50), SPLIT);

  private LedgerStoreContract() {}

  static Operation randomOperation(SeededRandomSource r) {
    NodeId a = StorageContract.node(1 + (int) r.nextLong(4));
    NodeId b = StorageContract.node(1 + (int) r.nextLong(4));
    String job = "lj-" + r.nextLong(3);
    String task = "t-" + r.nextLong(4);
    return switch ((int) r.nextLong(10)) {
      case 0 -> new Operation.Deposit(a, credits(1 + r.nextLong(100)));
      case 1 -> new Operation.Withdraw(a, credits(1 + r.nextLong(50)));
      case 2 -> new Operation.Bond(a, credits(1 + r.nextLong(80)));
      case 3 -> new Operation.Unbond(a, credits(1 + r.nextLong(30)));
      case 4 -> new Operation.EscrowJob(job, a, TERMS);
      case 5 -> new Operation.LockStake(a, job, task, credits(45 + 5 * r.nextLong(3)));
      case 6 -> new Operation.ReleaseStake(a, job, task, credits(50 + 5 * r.nextLong(2)));
      case 7 ->
          new Operation.Reward(
              job, task, a, credits(10), List.of(new Fee(b, credits(1 + r.nextLong(2)))));
      case 8 ->
          new Operation.Slash(
              job,
              task,
              a,
              credits(10 + 40 * r.nextLong(2)),
              b,
              r.nextLong(2) == 0 ? null : StorageContract.node(5),
              SPLIT);
      default -> new Operation.CloseJob(job, a);
    };
  }

  private static Amount credits(long n) {
    return Amount.ofCredits(n);
  }
}
