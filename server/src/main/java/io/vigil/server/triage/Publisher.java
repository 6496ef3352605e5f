package io.vigil.server.triage;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.ConflictException;
import io.vigil.server.platform.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Hands candidates to the {@link IncidentSink}: one code path for an analyst's promote or merge and
 * for auto-publish, so both leave the same record (candidate status and incident id, a verdict as
 * training data, an audit entry).
 */
@Component
class Publisher {

    private final TriageRepository repository;
    private final StoryReader stories;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectProvider<IncidentSink> sinks;

    Publisher(
            TriageRepository repository,
            StoryReader stories,
            AuditLog audit,
            Clock clock,
            ObjectProvider<IncidentSink> sinks) {
        this.repository = repository;
        this.stories = stories;
        this.audit = audit;
        this.clock = clock;
        this.sinks = sinks;
    }

    /** Whether an incident service is there to take candidates. */
    boolean available() {
        return sinks.getIfAvailable() != null;
    }

    /** The auto-written description of a candidate's alerts. */
    String describe(TenantId tenant, List<TriagedAlert> alerts) {
        return DescriptionWriter.write(stories.read(tenant, alerts));
    }

    /** A summary line when the analyst gives none: the best alert's rule and the hosts. */
    static String summaryOf(Candidate c, List<TriagedAlert> alerts) {
        TriagedAlert best = alerts.stream()
                .max(java.util.Comparator.comparingInt(TriagedAlert::score))
                .orElseThrow();
        String more = alerts.size() > 1 ? " and " + (alerts.size() - 1) + " related alert(s)" : "";
        return best.features().ruleTitle() + " on " + String.join(", ", c.hosts()) + more;
    }

    /**
     * Creates an incident from an open candidate.
     *
     * @param publish publish the incident at once (auto-publish); an analyst's promote leaves it for
     *     review
     * @return the incident id
     * @throws IncidentSinkMissingException when no incident service runs
     * @throws ConflictException when the candidate was decided meanwhile
     */
    String promote(
            Actor actor,
            Candidate c,
            List<TriagedAlert> alerts,
            @Nullable String summary,
            @Nullable Priority priority,
            boolean publish,
            String remoteAddress) {
        IncidentSink sink = sink();
        String line = summary == null || summary.isBlank() ? summaryOf(c, alerts) : summary.strip();
        Priority hint = priority == null ? Priority.forScore(c.score()) : priority;
        String description = describe(c.tenant(), alerts);
        List<String> ids = ids(alerts);
        claim(c, CandidateStatus.PROMOTED);
        String incidentId;
        try {
            incidentId = sink.createFromAlerts(actor, c.tenant(), ids, line, description, hint, publish);
        } catch (RuntimeException e) {
            repository.settle(c.tenant(), c.id(), CandidateStatus.OPEN, null, clock.instant());
            throw e;
        }
        finish(
                actor,
                c,
                alerts,
                CandidateStatus.PROMOTED,
                incidentId,
                "promoted to incident " + incidentId + ": " + line,
                remoteAddress);
        return incidentId;
    }

    /** Adds an open candidate's alerts to an existing incident. */
    void merge(Actor actor, Candidate c, List<TriagedAlert> alerts, String incidentId, String remoteAddress) {
        IncidentSink sink = sink();
        claim(c, CandidateStatus.MERGED);
        try {
            sink.addAlerts(actor, c.tenant(), incidentId, ids(alerts));
        } catch (RuntimeException e) {
            repository.settle(c.tenant(), c.id(), CandidateStatus.OPEN, null, clock.instant());
            throw e;
        }
        finish(
                actor,
                c,
                alerts,
                CandidateStatus.MERGED,
                incidentId,
                "merged into incident " + incidentId,
                remoteAddress);
    }

    /** Dismisses an open candidate as a false positive and stores the verdict. */
    void dismiss(Actor actor, Candidate c, List<TriagedAlert> alerts, String reason, String remoteAddress) {
        claim(c, CandidateStatus.DISMISSED);
        finish(actor, c, alerts, CandidateStatus.DISMISSED, null, reason, remoteAddress);
    }

    private IncidentSink sink() {
        IncidentSink sink = sinks.getIfAvailable();
        if (sink == null) {
            throw new IncidentSinkMissingException();
        }
        return sink;
    }

    private void claim(Candidate c, CandidateStatus status) {
        if (!repository.decide(c.tenant(), c.id(), status, null, clock.instant())) {
            throw new ConflictException("Candidate " + c.id() + " is no longer in the queue: it was decided or"
                    + " joined another candidate meanwhile; reload the queue.");
        }
    }

    private void finish(
            Actor actor,
            Candidate c,
            List<TriagedAlert> alerts,
            CandidateStatus status,
            @Nullable String incidentId,
            String reason,
            String remoteAddress) {
        Instant now = clock.instant();
        repository.settle(c.tenant(), c.id(), status, incidentId, now);
        repository.insertVerdict(new Verdict(
                UUID.randomUUID().toString(),
                c.tenant(),
                c.id(),
                ids(alerts),
                alerts,
                status == CandidateStatus.DISMISSED ? "FALSE_POSITIVE" : "TRUE_POSITIVE",
                reason,
                actor.name(),
                now));
        String action = "triage.candidate_" + status.name().toLowerCase(java.util.Locale.ROOT);
        String detail = alerts.size() + " alert(s), score " + c.score()
                + (incidentId == null ? "" : ", incident " + incidentId) + ": " + reason;
        audit.record(
                actor.equals(SystemActor.SYSTEM)
                        ? new AuditEntry(
                                now, "system", "SYSTEM", c.tenant(), action, c.id(), detail, remoteAddress, true)
                        : AuditEntry.by(actor, now, c.tenant(), action, c.id(), detail, remoteAddress));
    }

    private static List<String> ids(List<TriagedAlert> alerts) {
        return alerts.stream().map(a -> a.features().alertId()).toList();
    }
}
