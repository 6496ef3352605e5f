/**
 * Hunting over telemetry. Today: the offline {@code vigil hunt} command, which streams EVTX, JSON,
 * XML and auditd files (also inside zip archives) through the telemetry parsers and the Sigma
 * engine and prints what matched. The hunting API over the telemetry store arrives with ingest.
 */
@NullMarked
package io.vigil.server.hunt;

import org.jspecify.annotations.NullMarked;
