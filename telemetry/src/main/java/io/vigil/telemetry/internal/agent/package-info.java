/** Parser for Vigil's own agent batches (gzip NDJSON, docs/agent-protocol.md). */
@NullMarked
package io.vigil.telemetry.internal.agent;

import org.jspecify.annotations.NullMarked;
