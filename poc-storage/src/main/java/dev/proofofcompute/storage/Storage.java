package dev.proofofcompute.storage;

/**
 * The coordinator's durable state, reached only through ACID transactions.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #transaction} runs {@code body} in one transaction and commits it when {@code body}
 *       returns. If {@code body} throws, the transaction is rolled back (nothing it wrote remains)
 *       and the exception propagates unchanged.
 *   <li>When the database reports a transient conflict (PostgreSQL serialization failure or
 *       deadlock, SQLite {@code SQLITE_BUSY}), the whole body is run again in a new transaction, a
 *       bounded number of times, then a {@link StorageException} is thrown. {@code body} must
 *       therefore be idempotent: no side effects outside the {@link Tx} except ones that may safely
 *       happen twice.
 *   <li>The {@link Tx} and the stores it hands out are valid only inside {@code body} and only on
 *       the calling thread; using them afterwards throws {@link IllegalStateException}.
 *   <li>Transactions do not nest: calling {@link #transaction} from inside a body on the same
 *       storage throws {@link IllegalStateException}.
 *   <li>Any other database failure surfaces as a {@link StorageException}.
 * </ul>
 *
 * <p>Several {@code Storage} instances may share one PostgreSQL database (several coordinators side
 * by side); everything the stores promise (unique leases, replay guard, idempotent ledger
 * operations) holds across them.
 */
public interface Storage extends AutoCloseable {

  /** Which database engine backs this storage. */
  enum Backend {
    SQLITE,
    POSTGRESQL
  }

  /**
   * Runs {@code body} in one ACID transaction and returns its value.
   *
   * @throws E whatever {@code body} throws (the transaction is then rolled back)
   * @throws StorageException if the database fails, or keeps reporting conflicts after the retries
   */
  <T, E extends Exception> T transaction(TxBody<T, E> body) throws E;

  /** Like {@link #transaction} for a body that returns nothing. */
  default <E extends Exception> void run(TxAction<E> body) throws E {
    transaction(tx -> {
      body.run(tx);
      return Boolean.TRUE;
    });
  }

  /** What the transactions run so far have cost (for metrics and benchmarks). */
  TransactionTotals transactionTotals();

  /** The engine behind this storage. */
  Backend backend();

  /** A description of where the data lives, without credentials (for logs and /health). */
  String location();

  /** Releases the connections; transactions in progress on other threads fail. Idempotent. */
  @Override
  void close();
}
