/** Test fixture for the layering rules. */
@NullMarked
package dev.proofofcompute.ledger.archfixture;

import org.jspecify.annotations.NullMarked;
