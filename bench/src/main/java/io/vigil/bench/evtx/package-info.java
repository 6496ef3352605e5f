/**
 * EVTX parsing speed: a JMH benchmark of Vigil's parser ({@link io.vigil.bench.evtx.EvtxParseBenchmark})
 * and a side-by-side run against libevtx's {@code evtxexport} on the same files ({@link
 * io.vigil.bench.evtx.EvtxSideBySide}).
 */
@NullMarked
package io.vigil.bench.evtx;

import org.jspecify.annotations.NullMarked;
