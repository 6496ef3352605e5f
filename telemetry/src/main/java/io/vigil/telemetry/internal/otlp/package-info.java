/** OTLP/HTTP logs (JSON encoding), including the OpenTelemetry Collector's Windows event log receiver. */
@NullMarked
package io.vigil.telemetry.internal.otlp;

import org.jspecify.annotations.NullMarked;
