/**
 * AMD SEV-SNP attestation reports: the 1184-byte report layout (versions 2 and 3), the Azure HCL
 * wrapper that carries a report, and the verifier that checks the report signature by the VCEK or
 * VLEK, the AMD certificate chain to a pinned ARK, the certificate's TCB and chip against the
 * report, and the guest policy, VMPL, measurement and report_data against an attestation policy.
 */
@NullMarked
package dev.proofofcompute.tee.sevsnp;

import org.jspecify.annotations.NullMarked;
