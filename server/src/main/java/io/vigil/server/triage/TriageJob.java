package io.vigil.server.triage;

import io.vigil.server.detection.Alert;
import io.vigil.server.detection.AlertService;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The triage job (every {@code vigil.triage.interval}): scores the alerts that have no score yet,
 * regroups the open alerts of each tenant that got new ones into candidates, and applies the
 * tenant's auto-publish policy to new or grown candidates. Idempotent: an alert is scored once
 * (its row is the marker), and grouping is a pure function of the open alerts.
 */
@Component
public class TriageJob {

    private static final Logger LOG = LoggerFactory.getLogger(TriageJob.class);

    /** What one run did. */
    public record Result(int scored, int tenants, int candidates, int published) {}

    private final TriageRepository repository;
    private final AlertService alerts;
    private final FeatureReader features;
    private final TriageScorer scorer;
    private final Publisher publisher;
    private final TriageProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    TriageJob(
            TriageRepository repository,
            AlertService alerts,
            FeatureReader features,
            TriageScorer scorer,
            Publisher publisher,
            TriageProperties properties,
            TransactionTemplate tx,
            Clock clock) {
        this.repository = repository;
        this.alerts = alerts;
        this.features = features;
        this.scorer = scorer;
        this.publisher = publisher;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /** Runs once now (the scheduler's task; tests call it directly). */
    public synchronized Result run() {
        Instant now = clock.instant();
        List<Scoring> batch = new ArrayList<>();
        for (TriageRepository.AlertRef ref : repository.unscoredAcrossTenants(properties.batchSize())) {
            Alert alert;
            try {
                alert = alerts.find(SystemActor.SYSTEM, ref.tenant(), ref.alertId());
            } catch (NotFoundException e) {
                continue;
            }
            Optional<AlertFeatures> f = features.read(alert, now, properties.eventWait());
            f.ifPresent(value -> batch.add(new Scoring(alert, value)));
        }
        Set<TenantId> touched = new LinkedHashSet<>();
        int scored = 0;
        List<TriagedAlert> rows = new ArrayList<>();
        for (Scoring s : batch) {
            TriageScore score =
                    scorer.score(s.alert(), TriageContext.of(s.alert(), tactics(s, batch), properties.window()));
            rows.add(new TriagedAlert(s.features(), score.score(), score.factors(), scorer.name(), now, null));
        }
        for (TriagedAlert row : rows) {
            if (repository.insert(row)) {
                scored++;
                touched.add(row.features().tenant());
            }
        }
        int candidates = 0;
        int published = 0;
        for (TenantId tenant : touched) {
            Regrouped r = regroup(tenant, now);
            candidates += r.groups().size();
            published += autoPublish(tenant, r);
        }
        return new Result(scored, touched.size(), candidates, published);
    }

    /** Runs and logs instead of throwing, for the scheduler. */
    void runLogged() {
        try {
            Result r = run();
            if (r.scored() > 0) {
                LOG.debug(
                        "Triage: scored {} alerts of {} tenants; {} open candidates; {} auto-published",
                        r.scored(),
                        r.tenants(),
                        r.candidates(),
                        r.published());
            }
        } catch (RuntimeException e) {
            LOG.warn("Triage run failed; it is retried at the next interval", e);
        }
    }

    private record Scoring(Alert alert, AlertFeatures features) {}

    private record Regrouped(List<CandidateGrouper.Group> groups, Map<String, Integer> before) {}

    /** The distinct tactics on the alert's host within the window: stored alerts and this batch. */
    private List<String> tactics(Scoring s, List<Scoring> batch) {
        Duration window = properties.window();
        AlertFeatures f = s.features();
        Instant from = f.eventTime().minus(window);
        Instant to = f.eventTime().plus(window);
        Set<String> tactics = new TreeSet<>(repository.tacticsNear(f.tenant(), f.asset(), from, to));
        for (Scoring other : batch) {
            AlertFeatures o = other.features();
            if (o.tenant().equals(f.tenant())
                    && o.asset().equals(f.asset())
                    && !o.eventTime().isBefore(from)
                    && !o.eventTime().isAfter(to)) {
                tactics.addAll(o.tactics());
            }
        }
        return List.copyOf(tactics);
    }

    private Regrouped regroup(TenantId tenant, Instant now) {
        List<TriagedAlert> open = repository.open(tenant, properties.maxOpenAlerts());
        List<CandidateGrouper.Group> groups = CandidateGrouper.group(tenant, open, properties.window());
        Map<String, Integer> before = new LinkedHashMap<>(repository.openCandidates(tenant));
        tx.executeWithoutResult(status -> {
            Set<String> ids = new LinkedHashSet<>();
            for (CandidateGrouper.Group g : groups) {
                ids.add(g.id());
                repository.saveOpen(
                        candidate(tenant, g, now),
                        g.alerts().stream().map(a -> a.features().alertId()).toList());
            }
            for (String old : before.keySet()) {
                if (!ids.contains(old)) {
                    repository.deleteOpen(tenant, old);
                }
            }
        });
        return new Regrouped(groups, before);
    }

    private int autoPublish(TenantId tenant, Regrouped r) {
        AutoPublishPolicy policy = repository.policy(tenant).orElse(AutoPublishPolicy.off());
        if (!policy.enabled()) {
            return 0;
        }
        int published = 0;
        for (CandidateGrouper.Group g : r.groups()) {
            Integer size = r.before().get(g.id());
            boolean changed = size == null || size < g.alerts().size();
            if (!changed || !policy.matches(g.score(), g.features())) {
                continue;
            }
            if (!publisher.available()) {
                LOG.warn(
                        "Triage: candidate {} of tenant {} matches the auto-publish policy (score {}), but no"
                                + " incident service runs; it stays in the queue",
                        g.id(),
                        tenant,
                        g.score());
                continue;
            }
            Candidate c = candidate(tenant, g, clock.instant());
            try {
                publisher.promote(SystemActor.SYSTEM, c, g.alerts(), null, null, true, "auto-publish");
                published++;
            } catch (RuntimeException e) {
                LOG.warn(
                        "Triage: auto-publish of candidate {} of tenant {} failed; it stays in the queue",
                        g.id(),
                        tenant,
                        e);
            }
        }
        return published;
    }

    static Candidate candidate(TenantId tenant, CandidateGrouper.Group g, Instant now) {
        List<AlertFeatures> f = g.features();
        Set<String> users = new TreeSet<>();
        f.forEach(a -> {
            String u = a.user();
            if (u != null) {
                users.add(u);
            }
        });
        return new Candidate(
                g.id(),
                tenant,
                CandidateStatus.OPEN,
                g.score(),
                f.size(),
                CandidateGrouper.distinct(f, a -> List.of(a.asset())),
                List.copyOf(users),
                CandidateGrouper.distinct(f, AlertFeatures::tactics),
                CandidateGrouper.distinct(f, AlertFeatures::techniques),
                g.links(),
                f.getFirst().eventTime(),
                f.stream().map(AlertFeatures::eventTime).max(Instant::compareTo).orElseThrow(),
                null,
                now);
    }
}
