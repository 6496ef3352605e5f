package io.vigil.server.detection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.server.platform.TenantId;
import io.vigil.sigma.CorrelationAlert;
import io.vigil.sigma.CorrelationEngine;
import io.vigil.sigma.CorrelationSnapshot;
import io.vigil.sigma.RuleKind;
import io.vigil.sigma.RuleSet;
import io.vigil.sigma.SigmaEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The correlate stage: Sigma correlation rules evaluated over each tenant's detection matches, one
 * {@link CorrelationEngine} per tenant (a tenant's events never count towards another's windows).
 *
 * <p>The windows live in memory and are saved at checkpoints ({@link #checkpoint}), at most every
 * {@code vigil.detection.checkpoint-interval}; the pipeline commits its telemetry-log position only
 * after a checkpoint. After a restart (or a rewind after a failure) every tenant's engine is rebuilt
 * from its last saved windows and the events after the committed position are read again, so each
 * event is counted exactly once and correlation alerts (keyed by rule, group and window start) are
 * neither lost nor doubled.
 *
 * <p>Thread-safe: the pipeline's thread and callers of {@link DetectionPipeline#handle} in tests may
 * meet here; every method holds the stage's lock.
 */
@Component
class CorrelationStage {

    private static final Logger LOG = LoggerFactory.getLogger(CorrelationStage.class);

    /** One tenant's engine, and the rule set it was built for. */
    private static final class TenantWindows {
        final RuleSet rules;
        final CorrelationEngine engine;
        boolean dirty;

        TenantWindows(RuleSet rules, CorrelationEngine engine) {
            this.rules = rules;
            this.engine = engine;
        }
    }

    private final CorrelationStateRepository repository;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;
    private final DetectionProperties properties;
    private final Map<TenantId, TenantWindows> tenants = new HashMap<>();
    private final IdentityHashMap<RuleSet, Plan> plans = new IdentityHashMap<>();
    private Instant lastCheckpoint;
    private volatile int openGroups;

    CorrelationStage(
            CorrelationStateRepository repository,
            TransactionTemplate tx,
            JsonMapper json,
            Clock clock,
            DetectionProperties properties,
            MeterRegistry meters) {
        this.repository = repository;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
        this.lastCheckpoint = clock.instant();
        Gauge.builder("vigil.detection.correlation.groups", () -> openGroups)
                .description("Open correlation windows (rule and group-by value) at the last checkpoint")
                .register(meters);
    }

    /** What the stage needs to know of a rule set, worked out once per set. */
    private record Plan(boolean correlates, Set<String> suppressed) {}

    private Plan plan(RuleSet rules) {
        if (plans.size() > 64) {
            plans.clear(); // rule sets replaced by reloads
        }
        return plans.computeIfAbsent(rules, r -> {
            boolean correlates = r.rules().stream().anyMatch(m -> m.kind() == RuleKind.CORRELATION);
            return new Plan(correlates, correlates ? engine(r).suppressedRuleIds() : Set.of());
        });
    }

    /** {@return whether the rule set has correlation rules at all} */
    synchronized boolean correlates(RuleSet rules) {
        return plan(rules).correlates();
    }

    /**
     * The detection rules whose own matches raise no alert because a correlation uses them with
     * {@code generate: false} (the Sigma default): they count towards the correlation only.
     */
    synchronized Set<String> suppressed(RuleSet rules) {
        return plan(rules).suppressed();
    }

    /**
     * Counts one event's matches in its tenant's windows.
     *
     * @param matched ids of the detection rules the event matched (not empty)
     * @return the correlations that fire with this event
     */
    synchronized List<CorrelationAlert> accept(
            TenantId tenant, RuleSet rules, SigmaEvent event, Instant time, Set<String> matched) {
        TenantWindows windows = windows(tenant, rules);
        List<CorrelationAlert> fired = windows.engine.accept(event, time, matched);
        windows.dirty = true;
        return fired;
    }

    /** A tenant's engine for the rules in force, its windows carried over from before. */
    private TenantWindows windows(TenantId tenant, RuleSet rules) {
        TenantWindows w = tenants.get(tenant);
        if (w != null && w.rules == rules) {
            return w;
        }
        TenantWindows fresh = new TenantWindows(rules, engine(rules));
        if (w != null) {
            // The rules were reloaded: windows of correlations that still exist carry over.
            fresh.engine.restore(w.engine.snapshot());
            fresh.dirty = w.dirty;
        } else {
            load(tenant).ifPresent(fresh.engine::restore);
        }
        tenants.put(tenant, fresh);
        return fresh;
    }

    private CorrelationEngine engine(RuleSet rules) {
        return CorrelationEngine.create(
                rules,
                new CorrelationEngine.Limits(
                        properties.correlationMaxGroups(), properties.correlationMaxEventsPerGroup()));
    }

    private Optional<CorrelationSnapshot> load(TenantId tenant) {
        return repository.find(DetectionPipeline.NAME, tenant).map(text -> {
            try {
                return json.readValue(text, CorrelationSnapshot.class);
            } catch (JacksonException e) {
                LOG.error(
                        "The saved correlation windows of tenant {} cannot be read; its correlations start empty",
                        tenant,
                        e);
                return new CorrelationSnapshot(List.of());
            }
        });
    }

    /**
     * Saves the windows that changed when the checkpoint interval has passed.
     *
     * @return whether every window is saved as it is now (the log position may be committed)
     */
    synchronized boolean checkpoint() {
        boolean dirty = tenants.values().stream().anyMatch(w -> w.dirty);
        if (!dirty) {
            return true;
        }
        Instant now = clock.instant();
        if (now.isBefore(lastCheckpoint.plus(properties.checkpointInterval()))) {
            return false;
        }
        save(now);
        return true;
    }

    private void save(Instant now) {
        int groups = 0;
        Map<TenantId, CorrelationSnapshot> changed = new HashMap<>();
        for (Map.Entry<TenantId, TenantWindows> e : tenants.entrySet()) {
            CorrelationSnapshot snapshot = e.getValue().engine.snapshot();
            groups += snapshot.groups().size();
            if (e.getValue().dirty) {
                changed.put(e.getKey(), snapshot);
            }
        }
        tx.executeWithoutResult(status -> changed.forEach((tenant, snapshot) -> repository.save(
                DetectionPipeline.NAME,
                tenant,
                json.writeValueAsString(snapshot),
                snapshot.groups().size(),
                now)));
        tenants.values().forEach(w -> w.dirty = false);
        lastCheckpoint = now;
        openGroups = groups;
    }

    /** Forgets the windows in memory; each tenant's are read back from its last checkpoint when next needed. */
    synchronized void restart() {
        tenants.clear();
        plans.clear();
    }
}
