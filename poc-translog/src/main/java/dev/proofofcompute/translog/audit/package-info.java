/**
 * The pure part of {@code poc audit}: {@link dev.proofofcompute.translog.audit.LogAuditor} checks a
 * log served through a {@link dev.proofofcompute.translog.audit.LogSource} against signed tree
 * heads and a saved {@link dev.proofofcompute.translog.audit.AuditState}, and reports every {@link
 * dev.proofofcompute.translog.audit.Discrepancy} it finds, named. Entry checks are pluggable
 * ({@link dev.proofofcompute.translog.audit.EntryCheck}).
 */
@NullMarked
package dev.proofofcompute.translog.audit;

import org.jspecify.annotations.NullMarked;
