package dev.proofofcompute.worker;

/**
 * What a worker has done so far (a snapshot; counts since start).
 *
 * @param leased tasks leased (execute and validate)
 * @param committed commitments sent
 * @param responded responses sent to challenges
 * @param reported validator reports sent
 * @param released leases given back (graceful shutdown, or a task the worker cannot run)
 * @param lost tasks dropped because the coordinator no longer knew the lease (lapsed or ended)
 * @param disputesAnswered dispute questions answered
 * @param retries coordinator calls retried after a transient failure
 * @param errors tasks that failed on the worker's side (a workload or protocol error)
 * @param grindTries commitments a grinder tried, over all its tasks
 */
public record WorkerStats(
    long leased,
    long committed,
    long responded,
    long reported,
    long released,
    long lost,
    long disputesAnswered,
    long retries,
    long errors,
    long grindTries) {}
