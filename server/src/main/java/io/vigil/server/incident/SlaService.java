package io.vigil.server.incident;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** SLA reports and a tenant's incident settings (SLA targets, retention). */
@Service
public class SlaService {

    /** The longest report period. */
    public static final Duration MAX_PERIOD = Duration.ofDays(400);

    private final IncidentRepository incidents;
    private final IncidentAccess access;
    private final IncidentProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    SlaService(
            IncidentRepository incidents,
            IncidentAccess access,
            IncidentProperties properties,
            TransactionTemplate tx,
            Clock clock) {
        this.incidents = incidents;
        this.access = access;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Compliance and MTTD / time-to-notify / MTTR over the incidents first detected in {@code [from,
     * to)} (default: the last 30 days). A customer's report covers the incidents they can see.
     */
    public SlaReport report(Actor actor, TenantId tenant, @Nullable Instant from, @Nullable Instant to) {
        actor.requireVisible(tenant);
        Instant now = now();
        Instant end = to == null ? now : to;
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : from;
        if (!start.isBefore(end)) {
            throw new ValidationException("from", "Must be before 'to'.");
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw new ValidationException("from", "A report covers at most " + MAX_PERIOD.toDays() + " days.");
        }
        SlaTargets targets = incidents.settings(actor.scope(), tenant).targets(properties.slaTargets());
        return SlaReport.of(
                start,
                end,
                incidents.detectedIn(actor.scope(), tenant, start, end, IncidentAccess.customerView(actor)),
                targets,
                properties.slaWarnAt(),
                now);
    }

    /** The settings in force for a tenant: overrides and effective values. */
    public record Settings(IncidentSettings overrides, SlaTargets slaTargets, int retentionDays) {}

    public Settings settings(Actor actor, TenantId tenant) {
        actor.requireVisible(tenant);
        return effective(incidents.settings(actor.scope(), tenant));
    }

    /** Replaces a tenant's overrides (provider admins): SLA targets and retention. */
    public Settings saveSettings(Actor actor, TenantId tenant, IncidentSettings overrides, String remote) {
        actor.requireVisible(tenant);
        actor.requireProviderAdmin();
        for (Duration d : new @Nullable Duration[] {overrides.slaHigh(), overrides.slaNormal(), overrides.slaLow()}) {
            if (d != null && (d.toMinutes() < 1 || d.toDays() > 30)) {
                throw new ValidationException("sla", "An SLA target is between 1 minute and 30 days, not " + d + ".");
            }
        }
        Integer days = overrides.retentionDays();
        if (days != null && (days < 1 || days > 3650)) {
            throw new ValidationException("retentionDays", "Between 1 and 3650, not " + days + ".");
        }
        return java.util.Objects.requireNonNull(tx.execute(status -> {
            IncidentSettings before = incidents.settings(actor.scope(), tenant);
            incidents.saveSettings(actor.scope(), tenant, overrides);
            access.audit(
                    actor,
                    now(),
                    tenant,
                    "incident.settings_changed",
                    tenant.value(),
                    before + " -> " + overrides,
                    remote);
            return effective(overrides);
        }));
    }

    private Settings effective(IncidentSettings s) {
        Integer days = s.retentionDays();
        return new Settings(
                s,
                s.targets(properties.slaTargets()),
                days != null ? days : (int) properties.retention().toDays());
    }

    /** The clock's time in milliseconds: what the database keeps. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
