/**
 * The {@code bisection} scheme (refereed delegation, as in Truebit, Arbitrum BoLD and Gensyn
 * Verde): each party commits to a Merkle root over the hashes of the states of a stepped workload;
 * when two commitments disagree, a referee finds the first divergent checkpoint by an interactive
 * binary search and re-executes that one segment from the agreed state; a validator can also audit
 * a single party's commitment by re-executing a randomly chosen segment. Everything here is pure:
 * messages in, verdicts out, no clocks, threads or I/O.
 */
@NullMarked
package dev.proofofcompute.schemes.bisection;

import org.jspecify.annotations.NullMarked;
