/**
 * The workload SPI: deterministic, content-addressed computations with canonical codecs, and the
 * optional structure (independent items, steps, matrix products) that verification schemes use.
 */
@NullMarked
package dev.proofofcompute.core.workload;

import org.jspecify.annotations.NullMarked;
