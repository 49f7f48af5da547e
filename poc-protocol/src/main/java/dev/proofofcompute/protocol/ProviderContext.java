package dev.proofofcompute.protocol;

import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.tee.scheme.Attester;
import java.util.Optional;

/**
 * What a provider brings to {@link SchemeProtocol#execute}: its identity (commitments bind its id),
 * a random source (salts), an attester when it runs in a TEE, and how it behaves — honest, or one
 * of the adversarial behaviours used by demos and tests.
 */
public record ProviderContext(
    NodeIdentity identity,
    RandomSource random,
    Optional<Attester> attester,
    ProviderBehaviour behaviour) {}
