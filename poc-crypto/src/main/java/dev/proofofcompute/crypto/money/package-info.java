/**
 * Money as a type: {@link dev.proofofcompute.crypto.money.Amount} is a non-negative,
 * overflow-checked count of micro-credits used for stakes, prices, rewards and slashes. Exact
 * integer arithmetic only; floating point never appears.
 */
@NullMarked
package dev.proofofcompute.crypto.money;

import org.jspecify.annotations.NullMarked;
