/**
 * Jazzer fuzz targets for the attestation parsers and verifiers (plain {@code
 * fuzzerTestOneInput(byte[])} entry points, so the default build needs no fuzzing library). A
 * finding is any exception other than the parser's {@code DecodingException}, and any verdict
 * produced by an unexpected runtime error. Run with the {@code fuzz} Maven profile, see
 * docs/tee.md; {@code FuzzTargetsTest} replays the vendor samples and seeded inputs through them in
 * the default test run.
 */
@NullMarked
package dev.proofofcompute.tee.fuzz;

import org.jspecify.annotations.NullMarked;
