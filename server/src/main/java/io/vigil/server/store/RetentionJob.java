package io.vigil.server.store;

import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The scheduled retention purge (every {@code vigil.store.purge-interval}): drops the tenant-days
 * older than each tenant's retention, then logs and audits every dropped day.
 */
@Component
public class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final TelemetryStore store;
    private final AuditLog audit;
    private final Clock clock;

    RetentionJob(TelemetryStore store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** Runs one purge now. */
    public List<DroppedDay> run() {
        Instant now = clock.instant();
        List<DroppedDay> dropped = store.purge(now);
        for (DroppedDay d : dropped) {
            LOG.info("Retention: dropped the telemetry of tenant {} for {} ({} events)", d.tenant(), d.day(), d.rows());
            TenantId tenant = TENANT_ID.matcher(d.tenant()).matches() ? new TenantId(d.tenant()) : null;
            audit.record(new AuditEntry(
                    now,
                    "system",
                    "SYSTEM",
                    tenant,
                    "telemetry.day_dropped",
                    d.day().toString(),
                    d.rows() + " events, older than the tenant's telemetry retention",
                    "",
                    true));
        }
        return dropped;
    }
}
