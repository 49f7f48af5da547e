/**
 * {@code poc demo}: a coordinator on an embedded SQLite file and real worker processes (honest
 * providers, cheaters of several kinds, validators) over loopback HTTP, a mix of jobs over every
 * workload and every scheme the coordinator serves, and a report of what was caught, what escaped,
 * who earned and who was slashed, checked against the ledger (docs/demo.md).
 */
@NullMarked
package dev.proofofcompute.cli.demo;

import org.jspecify.annotations.NullMarked;
