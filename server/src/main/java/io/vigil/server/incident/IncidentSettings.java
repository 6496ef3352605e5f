package io.vigil.server.incident;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's overrides of the incident defaults; {@code null} means the {@code vigil.incident.*}
 * default.
 */
public record IncidentSettings(
        @Nullable Duration slaHigh,
        @Nullable Duration slaNormal,
        @Nullable Duration slaLow,
        @Nullable Integer retentionDays) {

    /** No overrides. */
    public static final IncidentSettings NONE = new IncidentSettings(null, null, null, null);

    /** The targets in force: these overrides over {@code defaults}. */
    public SlaTargets targets(SlaTargets defaults) {
        return new SlaTargets(
                slaHigh != null ? slaHigh : defaults.high(),
                slaNormal != null ? slaNormal : defaults.normal(),
                slaLow != null ? slaLow : defaults.low());
    }
}
