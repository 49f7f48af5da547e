package dev.proofofcompute.storage;

/**
 * The outcome of {@link JobStore#insert}: the stored job, and whether this call created it (false
 * when the requester had already submitted a job under the same idempotency key).
 */
public record JobInsert(JobRecord job, boolean created) {}
