/**
 * The JDBC adapters of the storage ports: one implementation over plain JDBC, with the few places
 * where SQLite and PostgreSQL differ (row locks, {@code SKIP LOCKED}, which errors mean "retry")
 * kept in {@link dev.proofofcompute.storage.jdbc.Dialect}. Reached through {@link
 * dev.proofofcompute.storage.Storages#open}.
 */
@NullMarked
package dev.proofofcompute.storage.jdbc;

import org.jspecify.annotations.NullMarked;
