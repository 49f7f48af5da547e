package dev.proofofcompute.stark;

/**
 * The Fiat–Shamir transcript the prover and verifier replay: everything absorbed binds every later
 * challenge. Deliberately tiny so that the shared transcript of {@code poc-crypto} can replace the
 * implementation without touching the protocol code.
 */
interface FiatShamir {
  /** Binds {@code data} under {@code label}. */
  void absorb(String label, byte[] data);

  /** {@code length} challenge bytes, a function of everything absorbed and squeezed so far. */
  byte[] squeezeBytes(String label, int length);
}
