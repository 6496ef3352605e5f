/**
 * Sigma engine speed and size: a JMH benchmark of the indexed engine and the naive evaluator over
 * SigmaHQ's {@code rules/} folder and a Sysmon-shaped event mix ({@link
 * io.vigil.bench.sigma.SigmaMatchBenchmark}), and the retained heap of the compiled rule set ({@link
 * io.vigil.bench.sigma.SigmaHeap}).
 */
@NullMarked
package io.vigil.bench.sigma;

import org.jspecify.annotations.NullMarked;
