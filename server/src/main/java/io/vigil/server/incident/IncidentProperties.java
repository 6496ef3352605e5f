package io.vigil.server.incident;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.incident.*}: lifecycle, SLA, retention and attachment settings (per-tenant SLA
 * targets and retention override the defaults through the API).
 *
 * @param autoCloseAfter a Resolved incident closes by itself after this long
 * @param retention incidents closed and untouched this long are purged with their history
 * @param slaHigh SLA target for HIGH
 * @param slaNormal SLA target for NORMAL (Medium)
 * @param slaLow SLA target for LOW
 * @param slaWarnAt share of the target (0–1) from which a running clock warns
 * @param maxAttachmentSize largest attachment
 * @param jobInterval how often auto-close, purge and the SLA metrics run
 */
@Validated
@ConfigurationProperties(prefix = "vigil.incident", ignoreUnknownFields = false)
public record IncidentProperties(
        @NotNull @DefaultValue("72h") Duration autoCloseAfter,
        @NotNull @DefaultValue("365d") Duration retention,
        @NotNull @DefaultValue("1h") Duration slaHigh,
        @NotNull @DefaultValue("4h") Duration slaNormal,
        @NotNull @DefaultValue("24h") Duration slaLow,

        @DecimalMin("0.01") @DecimalMax("1.0") @DefaultValue("0.75")
        double slaWarnAt,

        @NotNull @DefaultValue("10MB") DataSize maxAttachmentSize,
        @NotNull @DefaultValue("1m") Duration jobInterval) {

    public IncidentProperties {
        for (Duration d : new Duration[] {autoCloseAfter, retention, slaHigh, slaNormal, slaLow, jobInterval}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("vigil.incident durations must be positive, not " + d);
            }
        }
        if (maxAttachmentSize.toBytes() < 1 || maxAttachmentSize.toMegabytes() > 1024) {
            throw new IllegalArgumentException(
                    "vigil.incident.max-attachment-size must be between 1 byte and 1GB, not " + maxAttachmentSize);
        }
    }

    /** The default SLA targets. */
    public SlaTargets slaTargets() {
        return new SlaTargets(slaHigh, slaNormal, slaLow);
    }
}
