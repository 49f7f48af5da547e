package dev.proofofcompute.tee.testpki;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.tee.Format;
import dev.proofofcompute.tee.scheme.Attestation;
import dev.proofofcompute.tee.scheme.Attester;
import dev.proofofcompute.tee.scheme.TeeBinding;

/** TEST-ONLY attester: SEV-SNP reports from a {@link TestOnlySevSnp} platform, VMPL 0, no debug. */
public final class TestOnlySnpAttester implements Attester {
  private final TestOnlySevSnp platform;
  private final Bytes measurement;

  public TestOnlySnpAttester(TestOnlySevSnp platform, Bytes measurement) {
    this.platform = platform;
    this.measurement = measurement;
  }

  @Override
  public Format format() {
    return Format.SEV_SNP;
  }

  @Override
  public Attestation attest(Digest binding) {
    Bytes report =
        platform.report(TeeBinding.reportData(Format.SEV_SNP, binding), measurement, 0x30000, 0);
    return new Attestation(Format.SEV_SNP, report, platform.chainDer());
  }
}
