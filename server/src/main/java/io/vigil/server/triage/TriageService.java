package io.vigil.server.triage;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.AuditEntry;
import io.vigil.server.platform.AuditLog;
import io.vigil.server.platform.ForbiddenException;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The SOC workbench: the queue of incident candidates, their alerts and descriptions, and the
 * analyst's actions (dismiss, promote, merge), plus each tenant's auto-publish policy. SOC analysts
 * (for their assigned tenants) and provider admins; a customer's users get 403.
 */
@Service
public class TriageService {

    /** The largest page of the queue. */
    public static final int MAX_PAGE = 200;
    /** The most verdicts one export returns. */
    public static final int MAX_EXPORT = 100_000;

    private final TriageRepository repository;
    private final Publisher publisher;
    private final AuditLog audit;
    private final Clock clock;

    TriageService(TriageRepository repository, Publisher publisher, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.publisher = publisher;
        this.audit = audit;
        this.clock = clock;
    }

    /** A page of the tenant's candidates in a status (the queue: OPEN), highest score first. */
    public QueuePage queue(Actor actor, TenantId tenant, CandidateStatus status, int limit, int offset) {
        requireSoc(actor, tenant);
        List<ValidationException.Problem> problems = new ArrayList<>();
        if (limit < 1 || limit > MAX_PAGE) {
            problems.add(new ValidationException.Problem(
                    "limit", "Must be between 1 and " + MAX_PAGE + ", not " + limit + "."));
        }
        if (offset < 0 || offset > 1_000_000) {
            problems.add(
                    new ValidationException.Problem("offset", "Must be between 0 and 1000000, not " + offset + "."));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        List<Candidate> page = repository.queue(actor.scope(), tenant, status, limit, offset);
        long total = repository.count(actor.scope(), tenant, status);
        return new QueuePage(page, total, offset + page.size() < total ? offset + page.size() : null);
    }

    /** One candidate with its alerts and their score explanations. */
    public CandidateDetail candidate(Actor actor, TenantId tenant, String id) {
        requireSoc(actor, tenant);
        Candidate c = find(actor, tenant, id);
        return new CandidateDetail(c, repository.alertsOf(tenant, c.id()));
    }

    /** The auto-written Markdown description of a candidate, from the telemetry store. */
    public String description(Actor actor, TenantId tenant, String id) {
        CandidateDetail d = candidate(actor, tenant, id);
        return publisher.describe(tenant, d.alerts());
    }

    /** Dismisses an open candidate as a false positive; the verdict is kept as training data. */
    public Candidate dismiss(Actor actor, TenantId tenant, String id, String reason, String remoteAddress) {
        requireSoc(actor, tenant);
        String why = reason.strip();
        if (why.isEmpty() || why.length() > 2000) {
            throw new ValidationException("reason", "Say why it is a false positive (1-2000 characters).");
        }
        CandidateDetail d = candidate(actor, tenant, id);
        publisher.dismiss(actor, d.candidate(), d.alerts(), why, remoteAddress);
        return find(actor, tenant, id);
    }

    /** Promotes an open candidate to a new incident (503 without an incident service). */
    public Candidate promote(
            Actor actor,
            TenantId tenant,
            String id,
            @Nullable String summary,
            @Nullable Priority priority,
            String remoteAddress) {
        requireSoc(actor, tenant);
        if (summary != null && summary.length() > 500) {
            throw new ValidationException("summary", "At most 500 characters.");
        }
        if (!publisher.available()) {
            throw new IncidentSinkMissingException();
        }
        CandidateDetail d = candidate(actor, tenant, id);
        publisher.promote(actor, d.candidate(), d.alerts(), summary, priority, false, remoteAddress);
        return find(actor, tenant, id);
    }

    /** Adds an open candidate's alerts to an existing incident of the tenant (503 without an incident service). */
    public Candidate merge(Actor actor, TenantId tenant, String id, String incidentId, String remoteAddress) {
        requireSoc(actor, tenant);
        if (incidentId.isBlank() || incidentId.length() > 100) {
            throw new ValidationException("incidentId", "Name the incident to merge into (1-100 characters).");
        }
        if (!publisher.available()) {
            throw new IncidentSinkMissingException();
        }
        CandidateDetail d = candidate(actor, tenant, id);
        publisher.merge(actor, d.candidate(), d.alerts(), incidentId.strip(), remoteAddress);
        return find(actor, tenant, id);
    }

    /** The tenant's auto-publish policy (off when never set). */
    public AutoPublishPolicy policy(Actor actor, TenantId tenant) {
        requireSoc(actor, tenant);
        return repository.policy(tenant).orElse(AutoPublishPolicy.off());
    }

    /** Sets the tenant's auto-publish policy. */
    public AutoPublishPolicy setPolicy(Actor actor, TenantId tenant, AutoPublishPolicy policy, String remoteAddress) {
        requireSoc(actor, tenant);
        List<ValidationException.Problem> problems = new ArrayList<>();
        if (policy.minScore() < 0 || policy.minScore() > 100) {
            problems.add(new ValidationException.Problem("minScore", "Must be between 0 and 100."));
        }
        for (String level : policy.levels()) {
            if (!AutoPublishPolicy.LEVELS.contains(level)) {
                problems.add(new ValidationException.Problem(
                        "levels", "Unknown level '" + clip(level) + "'; use one of " + AutoPublishPolicy.LEVELS + "."));
            }
        }
        if (policy.ruleIds().size() > 500 || policy.ruleIds().stream().anyMatch(r -> r.isBlank() || r.length() > 200)) {
            problems.add(new ValidationException.Problem("ruleIds", "At most 500 rule ids of 1-200 characters."));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        Instant now = clock.instant();
        repository.savePolicy(tenant, policy, actor.name(), now);
        audit.record(AuditEntry.by(
                actor,
                now,
                tenant,
                "triage.policy_changed",
                tenant.value(),
                "auto-publish " + (policy.enabled() ? "on" : "off") + ", min score " + policy.minScore() + ", rules "
                        + policy.ruleIds() + ", levels " + policy.levels() + ", IoC hit " + policy.iocHit(),
                remoteAddress));
        return policy;
    }

    /** Verdicts decided at or after {@code since}, oldest first, for training (provider admins). */
    public List<Verdict> verdicts(Actor actor, Instant since, int limit, String remoteAddress) {
        actor.requireProviderAdmin();
        List<Verdict> verdicts = repository.verdicts(actor.scope(), since, Math.max(1, Math.min(limit, MAX_EXPORT)));
        audit.record(AuditEntry.by(
                actor,
                clock.instant(),
                null,
                "triage.verdicts_exported",
                "verdicts",
                verdicts.size() + " verdicts since " + since,
                remoteAddress));
        return verdicts;
    }

    /** Throws unless the actor may work this tenant's queue (404 outside its scope, 403 for tenant roles). */
    public void requireAccess(Actor actor, TenantId tenant) {
        requireSoc(actor, tenant);
    }

    private Candidate find(Actor actor, TenantId tenant, String id) {
        return repository
                .candidate(actor.scope(), tenant, id)
                .orElseThrow(() -> new NotFoundException("No incident candidate with id '" + clip(id) + "'."));
    }

    private static void requireSoc(Actor actor, TenantId tenant) {
        actor.requireVisible(tenant);
        if (!actor.role().providerSide()) {
            throw new ForbiddenException("The triage queue is the SOC's working material; your role ("
                    + actor.role().label() + ") sees published incidents.");
        }
    }

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
