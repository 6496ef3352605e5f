package io.vigil.server.incident;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.TenantScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The incident jobs, every {@code vigil.incident.job-interval}: close Resolved incidents after
 * {@code vigil.incident.auto-close-after}; purge closed incidents past their tenant's retention;
 * count running SLA clocks by state for the {@code vigil_incident_sla_clocks{state}} gauge (a
 * WARNING count above zero means a breach is near).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class IncidentJobs implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentJobs.class);

    private static final Actor SYSTEM = IncidentAccess.SYSTEM;

    private final IncidentService service;
    private final IncidentRepository incidents;
    private final IncidentProperties properties;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Map<SlaClock.State, AtomicInteger> clocks = new EnumMap<>(SlaClock.State.class);

    IncidentJobs(
            IncidentService service,
            IncidentRepository incidents,
            IncidentProperties properties,
            AuditLog audit,
            TransactionTemplate tx,
            Clock clock,
            MeterRegistry meters) {
        this.service = service;
        this.incidents = incidents;
        this.properties = properties;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        for (SlaClock.State s : SlaClock.State.values()) {
            AtomicInteger n = new AtomicInteger();
            clocks.put(s, n);
            meters.gauge(
                    "vigil_incident_sla_clocks",
                    java.util.List.of(io.micrometer.core.instrument.Tag.of("state", s.name())),
                    n);
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        Duration interval = properties.jobInterval();
        registrar.addFixedDelayTask(new FixedDelayTask(this::runSafely, interval, interval));
    }

    private void runSafely() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("Incident jobs failed; retrying in {}", properties.jobInterval(), e);
        }
    }

    /** One round of every job. */
    public Result run() {
        int closed = service.autoClose(SYSTEM);
        int purged = purge();
        countClocks();
        return new Result(closed, purged);
    }

    /** What a round did. */
    public record Result(int autoClosed, int purged) {}

    private int purge() {
        Instant now = now();
        int purged = 0;
        for (IncidentRepository.ClosedTenant t : incidents.tenantsWithClosed(new TenantScope.All())) {
            Integer days = t.retentionDays();
            Duration keep = days != null ? Duration.ofDays(days) : properties.retention();
            Instant cutoff = now.minus(keep);
            Integer n = tx.execute(status -> incidents.purge(SYSTEM.scope(), t.tenant(), cutoff));
            if (n != null && n > 0) {
                purged += n;
                audit.record(new AuditEntry(
                        now,
                        "system",
                        "SYSTEM",
                        t.tenant(),
                        "incident.purged",
                        t.tenant().value(),
                        n + " closed incidents last changed before " + cutoff + " (retention " + keep.toDays()
                                + " days)",
                        "",
                        true));
            }
        }
        return purged;
    }

    private void countClocks() {
        Instant now = now();
        Map<SlaClock.State, Integer> counts = new EnumMap<>(SlaClock.State.class);
        Map<io.vigil.server.platform.TenantId, SlaTargets> targets = new java.util.HashMap<>();
        for (Incident i : incidents.running(new TenantScope.All())) {
            SlaTargets t = targets.computeIfAbsent(
                    i.tenant(), id -> incidents.settings(SYSTEM.scope(), id).targets(properties.slaTargets()));
            counts.merge(SlaClock.of(i, t, properties.slaWarnAt(), now).state(), 1, Integer::sum);
        }
        clocks.forEach((state, n) -> n.set(counts.getOrDefault(state, 0)));
    }

    /** The last count of running clocks in {@code state}. */
    public int clocks(SlaClock.State state) {
        return java.util.Objects.requireNonNull(clocks.get(state)).get();
    }

    /** The clock's time in milliseconds: what the database keeps. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
