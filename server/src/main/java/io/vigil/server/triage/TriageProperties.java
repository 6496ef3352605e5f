package io.vigil.server.triage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vigil.triage.*}: scoring and grouping of alerts.
 *
 * @param enabled whether the triage job runs (off: alerts are not scored or grouped)
 * @param interval how often the job scores new alerts and regroups
 * @param window the time window of "same host", "same user", lateral movement and the tactics count
 * @param eventWait how long an alert waits for its event to reach the telemetry store before it is
 *     scored without the event's features
 * @param batchSize alerts scored per run at most
 * @param maxOpenAlerts the open (undecided) alerts per tenant that grouping considers, newest first
 */
@Validated
@ConfigurationProperties(prefix = "vigil.triage", ignoreUnknownFields = false)
public record TriageProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10s") Duration interval,
        @DefaultValue("1h") Duration window,
        @DefaultValue("2m") Duration eventWait,
        @DefaultValue("500") int batchSize,
        @DefaultValue("2000") int maxOpenAlerts) {

    public TriageProperties {
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("vigil.triage.interval must be at least 1s, not " + interval);
        }
        if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("vigil.triage.window must be between 1m and 7d, not " + window);
        }
        if (eventWait.isNegative()) {
            throw new IllegalArgumentException("vigil.triage.event-wait must not be negative, not " + eventWait);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("vigil.triage.batch-size must be 1-10000, not " + batchSize);
        }
        if (maxOpenAlerts < 10 || maxOpenAlerts > 20_000) {
            throw new IllegalArgumentException("vigil.triage.max-open-alerts must be 10-20000, not " + maxOpenAlerts);
        }
    }
}
