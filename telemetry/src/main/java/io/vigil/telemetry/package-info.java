/**
 * Vigil's canonical telemetry event and the parsers that produce it.
 *
 * <p>The public API is small: {@link io.vigil.telemetry.CanonicalEvent} (an {@link
 * io.vigil.telemetry.EventEnvelope} plus fields under Sigma/Sysmon names plus the raw record), the
 * {@link io.vigil.telemetry.EventParser} interface with its sealed {@link
 * io.vigil.telemetry.ParseOutcome} results, and {@link io.vigil.telemetry.Parsers} to obtain a parser
 * for a {@link io.vigil.telemetry.SourceFormat}. Everything under {@code internal} may change without
 * notice.
 */
@NullMarked
package io.vigil.telemetry;

import org.jspecify.annotations.NullMarked;
