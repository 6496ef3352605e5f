/**
 * Vigil's benchmarks. Nothing here runs in the normal build: JMH benchmarks run through {@code
 * org.openjdk.jmh.Main} and side-by-side comparisons through their own {@code main}, as described in
 * {@code docs/performance.md}.
 */
@NullMarked
package io.vigil.bench;

import org.jspecify.annotations.NullMarked;
