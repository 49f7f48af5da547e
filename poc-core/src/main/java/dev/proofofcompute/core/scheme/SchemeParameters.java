package dev.proofofcompute.core.scheme;

/**
 * The parameters of a verification scheme: an immutable value (a record) validated eagerly in its
 * constructor. Parameters are separate from the material a scheme checks and from the verifier.
 */
public interface SchemeParameters {
  /** The name of the scheme these parameters are for, e.g. {@code "spot-check"}. */
  String scheme();
}
