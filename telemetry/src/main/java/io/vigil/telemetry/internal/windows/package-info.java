/**
 * The Windows event model shared by the EVTX, event XML and evtx_dump JSON parsers: a small element
 * tree and the conversion of an {@code <Event>} tree into a canonical event.
 */
@NullMarked
package io.vigil.telemetry.internal.windows;

import org.jspecify.annotations.NullMarked;
