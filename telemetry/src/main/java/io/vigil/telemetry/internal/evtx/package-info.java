/**
 * Windows EVTX binary log parser: file header (3.1/3.2), 64 KiB chunks with CRC32 checksums, event
 * records and binary XML with templates and typed substitutions. Written from the public format
 * descriptions (libevtx notes, MS-EVEN6); no third-party code.
 */
@NullMarked
package io.vigil.telemetry.internal.evtx;

import org.jspecify.annotations.NullMarked;
