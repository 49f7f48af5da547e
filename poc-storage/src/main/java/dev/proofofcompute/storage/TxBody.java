package dev.proofofcompute.storage;

/**
 * The body of a transaction: reads and writes through {@code tx} and returns a value. Runs again
 * when the database asks for a retry, so it must be idempotent (see {@link Storage}).
 */
@FunctionalInterface
public interface TxBody<T, E extends Exception> {
  T run(Tx tx) throws E;
}
