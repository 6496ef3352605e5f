package io.vigil.telemetry;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What Vigil knows about an event besides its fields.
 *
 * @param tenant the tenant it belongs to
 * @param asset the endpoint it was recorded on
 * @param id the stable id (same input, same id)
 * @param eventTime when it happened, by the source's clock
 * @param receiveTime when Vigil parsed it, by the injected clock
 * @param format the input format it was parsed from
 * @param origin channel/provider/event id on Windows, source on Linux
 * @param sigmaCategory the Sigma logsource category (e.g. {@code process_creation}) when known
 */
public record EventEnvelope(
        TenantId tenant,
        AssetId asset,
        EventId id,
        Instant eventTime,
        Instant receiveTime,
        SourceFormat format,
        EventOrigin origin,
        @Nullable String sigmaCategory) {

    /** Validates the envelope. */
    public EventEnvelope {
        if (sigmaCategory != null && sigmaCategory.isBlank()) {
            throw new IllegalArgumentException("Sigma category must be absent or non-blank");
        }
    }
}
