package dev.proofofcompute.coordinator.service;

import dev.proofofcompute.protocol.Protocols;
import dev.proofofcompute.protocol.SchemeProtocol;
import dev.proofofcompute.protocol.WorkloadCatalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scheme protocols a coordinator serves, by policy name, and the one scheduling property the
 * coordinator needs to know about a scheme: whether its replicas must all commit before any of them
 * is challenged (commit–reveal schemes, where an early challenge would let a late replica copy a
 * revealed result). Immutable.
 */
public final class SchemeRegistry {
  /** Schemes whose replicas reveal only after every replica of the job has committed. */
  private static final Set<String> REVEAL_AFTER_ALL = Set.of("replication", "bisection");

  private final Map<String, SchemeProtocol> byName;

  private SchemeRegistry(Map<String, SchemeProtocol> byName) {
    this.byName = Map.copyOf(byName);
  }

  /** The protocols of every scheme built so far, over the standard workload catalog. */
  public static SchemeRegistry standard() {
    return standard(WorkloadCatalog.standard());
  }

  /** The protocols of every scheme built so far, over {@code catalog}. */
  public static SchemeRegistry standard(WorkloadCatalog catalog) {
    return of(Protocols.standard(catalog));
  }

  /** The protocols of a {@link Protocols} registry. */
  public static SchemeRegistry of(Protocols protocols) {
    List<SchemeProtocol> all = new ArrayList<>();
    for (String name : protocols.names()) {
      all.add(protocols.find(name).orElseThrow());
    }
    return of(all);
  }

  /**
   * A registry of {@code protocols}.
   *
   * @throws IllegalArgumentException when two share a scheme name
   */
  public static SchemeRegistry of(Collection<? extends SchemeProtocol> protocols) {
    Map<String, SchemeProtocol> m = new LinkedHashMap<>();
    for (SchemeProtocol p : protocols) {
      if (m.put(p.scheme(), p) != null) {
        throw new IllegalArgumentException("two protocols for scheme " + p.scheme());
      }
    }
    return new SchemeRegistry(m);
  }

  public Optional<SchemeProtocol> find(String scheme) {
    return Optional.ofNullable(byName.get(scheme));
  }

  /** The names served, sorted. */
  public List<String> names() {
    return byName.keySet().stream().sorted().toList();
  }

  /** Whether {@code scheme}'s challenges wait until every replica of the job has committed. */
  public boolean revealsAfterAllCommitted(String scheme) {
    return REVEAL_AFTER_ALL.contains(scheme);
  }
}
