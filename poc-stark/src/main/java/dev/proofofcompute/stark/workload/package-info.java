/**
 * Workloads whose results are STARK-provable statements: {@link
 * dev.proofofcompute.stark.workload.MimcChain}, the MiMC-7 hash chain over Goldilocks as a real
 * {@link dev.proofofcompute.core.workload.Workload} with canonical CBOR codecs, stated as {@link
 * dev.proofofcompute.stark.air.MimcChainAir} for the {@code stark} scheme.
 */
@NullMarked
package dev.proofofcompute.stark.workload;

import org.jspecify.annotations.NullMarked;
