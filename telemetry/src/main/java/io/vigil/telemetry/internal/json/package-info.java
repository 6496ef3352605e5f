/** JSON parsers: evtx_dump-style JSON, flat JSON lines (NXLog/Mordor) and ECS documents. */
@NullMarked
package io.vigil.telemetry.internal.json;

import org.jspecify.annotations.NullMarked;
