package dev.proofofcompute.storage;

/** A transaction body that returns nothing; see {@link TxBody} and {@link Storage#run}. */
@FunctionalInterface
public interface TxAction<E extends Exception> {
  void run(Tx tx) throws E;
}
