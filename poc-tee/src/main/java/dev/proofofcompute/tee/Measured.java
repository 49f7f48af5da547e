package dev.proofofcompute.tee;

import dev.proofofcompute.crypto.Bytes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What accepted evidence says about the workload that produced it.
 *
 * @param format the evidence format
 * @param measurement the launch measurement the policy's allow-list is matched against: Nitro PCR0
 *     (SHA-384 of the enclave image), SEV-SNP MEASUREMENT
 * @param reportData the caller-chosen data the evidence binds: Nitro {@code user_data} (empty when
 *     absent), SEV-SNP {@code report_data} (64 bytes)
 * @param debug whether the enclave or guest could be debugged (only accepted when the policy allows
 *     it)
 * @param values further measured values in a stable order, e.g. {@code PCR1}, {@code nonce}, {@code
 *     host_data}, {@code chip_id}
 * @param attributes further fields as text, e.g. {@code module_id}, {@code vmpl}, {@code
 *     reported_tcb}
 */
public record Measured(
    Format format,
    Bytes measurement,
    Bytes reportData,
    boolean debug,
    Map<String, Bytes> values,
    Map<String, String> attributes) {
  public Measured {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }
}
