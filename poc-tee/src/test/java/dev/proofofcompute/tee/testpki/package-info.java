/**
 * TEST-ONLY public-key infrastructure and platforms that sign attestation evidence with made-up
 * keys, so that binding and policy paths can be tested with evidence of the tests' choosing. Never
 * trusted by default: a verifier accepts it only when a test pins its root explicitly.
 */
@NullMarked
package dev.proofofcompute.tee.testpki;

import org.jspecify.annotations.NullMarked;
