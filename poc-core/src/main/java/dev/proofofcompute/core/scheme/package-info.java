/**
 * The verification-scheme SPI: scheme parameters, job policies (scheme + parameters, checked
 * against the workload when a job is built) and verdicts.
 */
@NullMarked
package dev.proofofcompute.core.scheme;

import org.jspecify.annotations.NullMarked;
