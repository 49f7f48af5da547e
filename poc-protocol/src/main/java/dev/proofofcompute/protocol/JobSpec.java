package dev.proofofcompute.protocol;

import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;

/**
 * What a requester asked for: a workload, its input in the workload's canonical encoding, and the
 * verification policy — a scheme name and the scheme's parameters in canonical CBOR (see {@link
 * SchemeProtocol#plan}).
 *
 * @param jobId the coordinator-assigned job id (lower-case hex of a digest)
 */
public record JobSpec(
    String jobId, WorkloadId workload, Bytes input, String scheme, Bytes parameters) {}
