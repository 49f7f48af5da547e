/**
 * JMH benchmarks of the pure modules, outside the default test run. Build the shaded jar with
 * {@code ./mvnw -B -ntp -pl poc-bench -am package -DskipTests} and run {@code java -jar
 * poc-bench/target/benchmarks.jar <regex>}; {@code docs/benchmarks.md} records the commands and
 * results.
 */
@NullMarked
package dev.proofofcompute.bench;

import org.jspecify.annotations.NullMarked;
