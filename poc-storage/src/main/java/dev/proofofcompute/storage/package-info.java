/**
 * Storage ports: the transactional stores the coordinator keeps its state in (nodes, replay nonces,
 * jobs, tasks and their leases, disputes, the ledger), as interfaces with their contracts, and the
 * records they hold. {@link dev.proofofcompute.storage.Storages#open} opens a JDBC adapter: SQLite
 * (the embedded default) or PostgreSQL (several coordinators on one database). An I/O module: it
 * may use {@code java.sql}, threads and the wall clock.
 */
@NullMarked
package dev.proofofcompute.storage;

import org.jspecify.annotations.NullMarked;
