package dev.proofofcompute.storage;

import dev.proofofcompute.crypto.Bytes;
import java.time.Instant;

/** The question a dispute is waiting on: the party running {@code taskId} must answer by then. */
public record PendingRequest(String taskId, Bytes request, Instant deadline) {}
