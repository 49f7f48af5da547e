/** The {@code poc} command line. */
@NullMarked
package dev.proofofcompute.cli;

import org.jspecify.annotations.NullMarked;
