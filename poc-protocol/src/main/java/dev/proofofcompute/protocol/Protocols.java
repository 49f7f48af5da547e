package dev.proofofcompute.protocol;

import dev.proofofcompute.tee.scheme.TeeVerifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of scheme protocols by scheme name: the coordinator looks up a job's {@link
 * JobSpec#scheme()} here. {@link #standard} holds all six ({@code replication}, {@code spot-check},
 * {@code freivalds}, {@code bisection}, {@code stark}, {@code tee}) over one {@link
 * WorkloadCatalog}. Immutable.
 */
public final class Protocols {
  private final Map<String, SchemeProtocol> byName;

  private Protocols(Map<String, SchemeProtocol> byName) {
    this.byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
  }

  /** Every scheme over {@code catalog}; TEE evidence is checked against the production roots. */
  public static Protocols standard(WorkloadCatalog catalog) {
    return standard(catalog, TeeVerifier.create());
  }

  /** Every scheme over {@code catalog}, TEE evidence checked by {@code tee}. */
  public static Protocols standard(WorkloadCatalog catalog, TeeVerifier tee) {
    return of(
        List.of(
            ReplicationProtocol.create(catalog),
            SpotCheckProtocol.create(catalog),
            FreivaldsProtocol.create(catalog),
            BisectionProtocol.create(catalog),
            StarkProtocol.create(catalog),
            TeeProtocol.create(catalog, tee)));
  }

  /**
   * A registry of {@code protocols}.
   *
   * @throws IllegalArgumentException when two have the same scheme name
   */
  public static Protocols of(List<SchemeProtocol> protocols) {
    Map<String, SchemeProtocol> m = new LinkedHashMap<>();
    for (SchemeProtocol p : protocols) {
      if (m.put(p.scheme(), p) != null) {
        throw new IllegalArgumentException("scheme '" + p.scheme() + "' registered twice");
      }
    }
    return new Protocols(m);
  }

  /** The protocol of {@code scheme}, if registered. */
  public Optional<SchemeProtocol> find(String scheme) {
    return Optional.ofNullable(byName.get(scheme));
  }

  /**
   * The protocol of {@code scheme}.
   *
   * @throws ProtocolException naming the known schemes when there is none
   */
  public SchemeProtocol require(String scheme) throws ProtocolException {
    SchemeProtocol p = byName.get(scheme);
    if (p == null) {
      throw new ProtocolException(
          "unknown scheme '" + Messages.shorten(scheme) + "'; known: " + byName.keySet());
    }
    return p;
  }

  /** The registered scheme names. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }
}
