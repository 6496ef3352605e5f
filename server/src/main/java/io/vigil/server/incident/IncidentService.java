package io.vigil.server.incident;

import io.vigil.server.detection.Alert;
import io.vigil.server.detection.AlertService;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.ConflictException;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Incidents: create (by the SOC, from alerts or empty; by a customer), list, read, edit, move
 * through the lifecycle, publish, mark read, history. Every change is one transaction with its
 * history lines and an audit entry.
 */
@Service
public class IncidentService {

    /** The most alerts linked in one call. */
    public static final int MAX_ALERTS = 1000;

    private final IncidentRepository incidents;
    private final HistoryRepository history;
    private final CommunicationRepository communication;
    private final IncidentAccess access;
    private final AlertService alerts;
    private final IncidentProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    IncidentService(
            IncidentRepository incidents,
            HistoryRepository history,
            CommunicationRepository communication,
            IncidentAccess access,
            AlertService alerts,
            IncidentProperties properties,
            TransactionTemplate tx,
            Clock clock) {
        this.incidents = incidents;
        this.history = history;
        this.communication = communication;
        this.access = access;
        this.alerts = alerts;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * The SOC creates an incident, optionally from alerts: their tactics, techniques, hosts and
     * detection technologies are added to {@code fields}, and the earliest alert's detection time
     * starts the SLA clock (the creation time when there are none). This is the method the triage
     * work calls to promote a group of alerts.
     *
     * @param publish publish at once (the customer is notified and the SLA clock stops)
     */
    public IncidentView create(
            Actor actor,
            TenantId tenant,
            IncidentFields fields,
            List<String> alertIds,
            boolean publish,
            String remote) {
        actor.requireVisible(tenant);
        IncidentAccess.requireSoc(actor, "Creating an incident from alerts");
        List<Alert> linked = loadAlerts(actor, tenant, alertIds);
        Instant now = now();
        IncidentFields merged = merge(fields, linked);
        Instant firstDetected =
                linked.stream().map(Alert::detectedAt).min(Instant::compareTo).orElse(now);
        Instant firstActivity =
                linked.stream().map(Alert::eventTime).min(Instant::compareTo).orElse(null);
        return inTx(() -> {
            Incident i = newIncident(
                    actor,
                    tenant,
                    now,
                    Origin.SERVICE,
                    merged,
                    "",
                    linked.stream().map(Alert::id).toList(),
                    firstActivity,
                    firstDetected,
                    publish ? now : null);
            incidents.insert(actor.scope(), i);
            List<HistoryRepository.Line> lines = new ArrayList<>(createdLines(i));
            if (publish) {
                lines.add(details(i, "publish", "publishedAt", null, now.toString()));
            }
            access.record(actor, i, now, lines);
            access.audit(actor, now, tenant, "incident.created", "#" + i.number(), i.summary(), remote);
            return view(actor, i, now);
        });
    }

    /**
     * A customer asks the SOC to investigate: summary, their description, affected hosts. The
     * incident is visible to the customer at once and enters the SOC's queue (origin CUSTOMER); its
     * SLA clock is the time to the SOC's first comment.
     */
    public IncidentView createByCustomer(
            Actor actor,
            TenantId tenant,
            String summary,
            String clientDescription,
            List<String> affectedHosts,
            @Nullable Priority priority,
            String remote) {
        actor.requireVisible(tenant);
        IncidentAccess.requireWriter(actor, "create incidents");
        List<ValidationException.Problem> problems = new ArrayList<>();
        if (summary.isBlank()) {
            problems.add(new ValidationException.Problem("summary", "Say in a line what the SOC should look at."));
        }
        if (clientDescription.length() > IncidentFields.MAX_TEXT) {
            problems.add(new ValidationException.Problem(
                    "clientDescription", "At most " + IncidentFields.MAX_TEXT + " characters."));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        IncidentFields fields = new IncidentFields(
                priority == null ? Priority.NORMAL : priority,
                summary.strip(),
                "",
                "",
                "",
                List.of(),
                List.of(),
                "",
                "",
                affectedHosts,
                List.of(),
                List.of());
        Instant now = now();
        return inTx(() -> {
            Incident i = newIncident(
                    actor,
                    tenant,
                    now,
                    IncidentAccess.originOf(actor),
                    fields,
                    clientDescription,
                    List.of(),
                    null,
                    now,
                    null);
            incidents.insert(actor.scope(), i);
            access.record(actor, i, now, createdLines(i));
            access.audit(actor, now, tenant, "incident.created", "#" + i.number(), i.summary(), remote);
            return view(actor, i, now);
        });
    }

    /** A page of a tenant's incidents as the caller sees them. */
    public List<IncidentView> list(Actor actor, IncidentQuery query) {
        actor.requireVisible(query.tenant());
        if (query.pageSize() < 1 || query.pageSize() > IncidentQuery.MAX_PAGE_SIZE) {
            throw new ValidationException(
                    "pageSize",
                    "Must be between 1 and " + IncidentQuery.MAX_PAGE_SIZE + ", not " + query.pageSize() + ".");
        }
        if (query.page() < 0 || query.page() > 1_000_000) {
            throw new ValidationException("page", "Must be between 0 and 1000000, not " + query.page() + ".");
        }
        Instant now = now();
        SlaTargets targets = targets(actor, query.tenant());
        return incidents.list(actor.scope(), query, actor.id(), IncidentAccess.customerView(actor)).stream()
                .map(r -> new IncidentView(
                        r.incident(), r.wasRead(), SlaClock.of(r.incident(), targets, properties.slaWarnAt(), now)))
                .toList();
    }

    /**
     * The SOC's queue of customer requests: customer-created incidents, open or on hold, without a
     * SOC comment yet, of the tenants the caller works (or only {@code tenant}), the earliest SLA due
     * time first. A request leaves the queue with the SOC's first comment, or when it is resolved
     * or closed.
     */
    public CustomerRequests awaitingAnswer(Actor actor, @Nullable TenantId tenant, int limit, int offset) {
        IncidentAccess.requireSoc(actor, "The queue of customer requests");
        if (tenant != null) {
            actor.requireVisible(tenant);
        }
        List<ValidationException.Problem> problems = new ArrayList<>();
        if (limit < 1 || limit > CustomerRequests.MAX_PAGE) {
            problems.add(new ValidationException.Problem(
                    "limit", "Must be between 1 and " + CustomerRequests.MAX_PAGE + ", not " + limit + "."));
        }
        if (offset < 0 || offset > 1_000_000) {
            problems.add(
                    new ValidationException.Problem("offset", "Must be between 0 and 1000000, not " + offset + "."));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        Instant now = now();
        Map<TenantId, SlaTargets> targets = new java.util.HashMap<>();
        List<IncidentView> views =
                incidents
                        .awaitingAnswer(actor.scope(), tenant, properties.slaTargets(), actor.id(), limit, offset)
                        .stream()
                        .map(r -> new IncidentView(
                                r.incident(),
                                r.wasRead(),
                                SlaClock.of(
                                        r.incident(),
                                        targets.computeIfAbsent(r.incident().tenant(), t -> targets(actor, t)),
                                        properties.slaWarnAt(),
                                        now)))
                        .toList();
        return new CustomerRequests(views, incidents.countAwaitingAnswer(actor.scope(), tenant));
    }

    /** One incident; 404 when it does not exist or the caller cannot see it. */
    public IncidentView get(Actor actor, TenantId tenant, String id) {
        IncidentRepository.Row row = access.load(actor, tenant, id);
        return new IncidentView(
                row.incident(),
                row.wasRead(),
                SlaClock.of(row.incident(), targets(actor, tenant), properties.slaWarnAt(), now()));
    }

    /**
     * The SOC edits fields; each changed field is a history line with its value before and after.
     *
     * @param expectedVersion the version the caller read (HTTP {@code If-Match}): 412 when the
     *     incident has changed since; {@code null}: no precondition (the last write wins)
     */
    public IncidentView update(
            Actor actor,
            TenantId tenant,
            String id,
            UnaryOperator<IncidentFields> change,
            @Nullable Long expectedVersion,
            String remote) {
        IncidentAccess.requireSoc(actor, "Editing an incident");
        return inTx(() -> {
            Incident before = access.load(actor, tenant, id).incident();
            IncidentAccess.requireVersion(before, expectedVersion);
            if (before.status() == Status.CLOSED) {
                throw new ConflictException("Incident #" + before.number() + " is closed; closed incidents are final.");
            }
            IncidentFields after = change.apply(before.fields());
            Map<String, String> old = before.fields().asText();
            Map<String, String> now = after.asText();
            List<HistoryRepository.Line> lines = new ArrayList<>();
            for (Map.Entry<String, String> e : now.entrySet()) {
                String was = old.get(e.getKey());
                if (!Objects.equals(was, e.getValue())) {
                    lines.add(details(before, "update", e.getKey(), was, e.getValue()));
                }
            }
            if (lines.isEmpty()) {
                return view(actor, before, now());
            }
            Instant at = now();
            Incident updated = access.save(actor, before.with(after, at));
            access.record(actor, updated, at, lines);
            access.audit(
                    actor,
                    at,
                    tenant,
                    "incident.updated",
                    "#" + updated.number(),
                    String.join(
                            ", ",
                            lines.stream().map(HistoryRepository.Line::field).toList()),
                    remote);
            return view(actor, updated, at);
        });
    }

    /**
     * Moves an incident through the lifecycle ({@link IncidentLifecycle}). The SOC may make any
     * allowed move; a customer may only close (with a resolution), as in the MDR API.
     *
     * @param statusDescription replaces the status description when given
     * @param expectedVersion the version the caller read (HTTP {@code If-Match}): 412 when the
     *     incident has changed since; {@code null}: no precondition
     */
    public IncidentView changeStatus(
            Actor actor,
            TenantId tenant,
            String id,
            Status to,
            @Nullable Resolution resolution,
            @Nullable String statusDescription,
            @Nullable Long expectedVersion,
            String remote) {
        if (!actor.role().providerSide()) {
            IncidentAccess.requireWriter(actor, "close incidents");
            if (to != Status.CLOSED) {
                throw new io.vigil.server.platform.ForbiddenException(
                        "Customers can close an incident; other status changes are the SOC's work.");
            }
        }
        if (statusDescription != null && statusDescription.length() > IncidentFields.MAX_TEXT) {
            throw new ValidationException("statusDescription", "At most " + IncidentFields.MAX_TEXT + " characters.");
        }
        return inTx(() -> {
            Incident before = access.load(actor, tenant, id).incident();
            IncidentAccess.requireVersion(before, expectedVersion);
            Instant at = now();
            Incident after = access.save(actor, transition(before, to, resolution, statusDescription, at));
            access.record(actor, after, at, statusLines(before, after));
            access.audit(
                    actor,
                    at,
                    tenant,
                    "incident.status",
                    "#" + after.number(),
                    before.status() + " -> " + after.status()
                            + (after.resolution() == null ? "" : " (" + after.resolution() + ")"),
                    remote);
            return view(actor, after, at);
        });
    }

    /** Publishes an incident: the customer sees it from now on and its SLA clock stops. */
    public IncidentView publish(Actor actor, TenantId tenant, String id, String remote) {
        IncidentAccess.requireSoc(actor, "Publishing an incident");
        return inTx(() -> {
            Incident before = access.load(actor, tenant, id).incident();
            if (before.origin() == Origin.CUSTOMER) {
                throw new ConflictException("Incident #" + before.number()
                        + " was created by the customer and is visible to them already; answer with a comment.");
            }
            if (before.publishedAt() != null) {
                throw new ConflictException(
                        "Incident #" + before.number() + " was published at " + before.publishedAt() + ".");
            }
            Instant at = now();
            Incident after = access.save(
                    actor, copy(before, at, before.status(), before.resolution(), before.statusDescription(), at));
            access.record(actor, after, at, List.of(details(after, "publish", "publishedAt", null, at.toString())));
            access.audit(actor, at, tenant, "incident.published", "#" + after.number(), after.summary(), remote);
            return view(actor, after, at);
        });
    }

    /** Links more alerts (the triage work's merge): their tactics, techniques and hosts are added. */
    public IncidentView linkAlerts(Actor actor, TenantId tenant, String id, List<String> alertIds, String remote) {
        IncidentAccess.requireSoc(actor, "Linking alerts");
        List<Alert> linked = loadAlerts(actor, tenant, alertIds);
        return inTx(() -> {
            Incident before = access.load(actor, tenant, id).incident();
            if (before.status() == Status.CLOSED) {
                throw new ConflictException("Incident #" + before.number() + " is closed; closed incidents are final.");
            }
            Set<String> ids = new LinkedHashSet<>(before.alertIds());
            linked.forEach(a -> ids.add(a.id()));
            if (ids.size() == before.alertIds().size()) {
                return view(actor, before, now());
            }
            Instant at = now();
            IncidentFields fields = merge(before.fields(), linked);
            Incident withFields = before.with(fields, at);
            Instant firstDetected = linked.stream()
                    .map(Alert::detectedAt)
                    .filter(t -> t.isBefore(before.firstDetectedAt()))
                    .min(Instant::compareTo)
                    .orElse(before.firstDetectedAt());
            Instant firstActivity = linked.stream()
                    .map(Alert::eventTime)
                    .reduce(before.firstActivityAt(), (a, b) -> a == null || b.isBefore(a) ? b : a, (a, b) -> a);
            Incident written = new Incident(
                    withFields.id(),
                    withFields.tenant(),
                    withFields.number(),
                    withFields.creationTime(),
                    at,
                    withFields.createdBy(),
                    withFields.origin(),
                    withFields.priority(),
                    withFields.status(),
                    withFields.resolution(),
                    withFields.summary(),
                    withFields.statusDescription(),
                    withFields.recommendations(),
                    withFields.description(),
                    withFields.clientDescription(),
                    withFields.mitreTactics(),
                    withFields.mitreTechniques(),
                    withFields.detectionTechnology(),
                    withFields.attackStage(),
                    withFields.affectedHosts(),
                    withFields.hostBasedIocs(),
                    withFields.networkBasedIocs(),
                    List.copyOf(ids),
                    firstActivity,
                    firstDetected,
                    withFields.publishedAt(),
                    withFields.firstAnswerAt(),
                    withFields.resolvedAt(),
                    withFields.closedAt(),
                    withFields.version());
            Incident after = access.save(actor, written);
            List<HistoryRepository.Line> lines = new ArrayList<>();
            lines.add(details(
                    after, "link_alerts", "alertIds", String.join(", ", before.alertIds()), String.join(", ", ids)));
            Map<String, String> old = before.fields().asText();
            fields.asText().forEach((k, v) -> {
                if (!Objects.equals(old.get(k), v)) {
                    lines.add(details(after, "link_alerts", k, old.get(k), v));
                }
            });
            access.record(actor, after, at, lines);
            access.audit(
                    actor, at, tenant, "incident.alerts_linked", "#" + after.number(), ids.size() + " alerts", remote);
            return view(actor, after, at);
        });
    }

    /** Marks the incident and all its comments read by the caller (no history line: nothing changed). */
    public void markRead(Actor actor, TenantId tenant, String id) {
        tx.executeWithoutResult(status -> {
            Incident i = access.load(actor, tenant, id).incident();
            Instant at = now();
            Instant mark = at.isBefore(i.updateTime()) ? i.updateTime() : at;
            incidents.markRead(actor.scope(), tenant, i.id(), actor.id(), mark);
            communication.markCommentsRead(actor.scope(), tenant, i.id(), actor.id(), mark);
        });
    }

    /** The incident's history in order, optionally within {@code [from, to)}. */
    public List<HistoryRecord> history(
            Actor actor, TenantId tenant, String id, @Nullable Instant from, @Nullable Instant to) {
        Incident i = access.load(actor, tenant, id).incident();
        return history.list(actor.scope(), tenant, i.id(), from, to);
    }

    /** Closes resolved incidents whose auto-close period has passed (the scheduled job). */
    int autoClose(Actor system) {
        Instant now = now();
        int closed = 0;
        for (Incident before : incidents.resolvedBefore(
                new io.vigil.server.platform.TenantScope.All(), now.minus(properties.autoCloseAfter()), 500)) {
            try {
                tx.executeWithoutResult(status -> {
                    Incident after = access.save(system, transition(before, Status.CLOSED, null, null, now));
                    access.record(system, after, now, statusLines(before, after));
                    access.audit(
                            system,
                            now,
                            after.tenant(),
                            "incident.auto_closed",
                            "#" + after.number(),
                            "Resolved for " + properties.autoCloseAfter(),
                            "");
                });
                closed++;
            } catch (IncidentAccess.StaleWrite e) {
                // Reopened or changed since it was listed: the next run looks at it again.
            }
        }
        return closed;
    }

    SlaTargets targets(Actor actor, TenantId tenant) {
        return incidents.settings(actor.scope(), tenant).targets(properties.slaTargets());
    }

    private List<Alert> loadAlerts(Actor actor, TenantId tenant, List<String> alertIds) {
        if (alertIds.size() > MAX_ALERTS) {
            throw new ValidationException(
                    "alertIds", "At most " + MAX_ALERTS + " alerts, not " + alertIds.size() + ".");
        }
        List<Alert> linked = new ArrayList<>();
        for (String alertId : new LinkedHashSet<>(alertIds)) {
            linked.add(alerts.find(actor, tenant, alertId));
        }
        return linked;
    }

    private static IncidentFields merge(IncidentFields f, List<Alert> linked) {
        Set<String> tactics = new LinkedHashSet<>(f.mitreTactics());
        Set<String> techniques = new LinkedHashSet<>(f.mitreTechniques());
        Set<String> hosts = new LinkedHashSet<>(f.affectedHosts());
        Set<String> technologies = new LinkedHashSet<>();
        if (!f.detectionTechnology().isBlank()) {
            technologies.add(f.detectionTechnology());
        }
        for (Alert a : linked) {
            tactics.addAll(a.tactics());
            techniques.addAll(a.techniques());
            hosts.add(a.asset());
            if (f.detectionTechnology().isBlank()) {
                technologies.add(a.technology().name());
            }
        }
        return new IncidentFields(
                f.priority(),
                f.summary(),
                f.statusDescription(),
                f.recommendations(),
                f.description(),
                List.copyOf(tactics),
                List.copyOf(techniques),
                String.join(", ", technologies),
                f.attackStage(),
                List.copyOf(hosts),
                f.hostBasedIocs(),
                f.networkBasedIocs());
    }

    private Incident newIncident(
            Actor actor,
            TenantId tenant,
            Instant now,
            Origin origin,
            IncidentFields f,
            String clientDescription,
            List<String> alertIds,
            @Nullable Instant firstActivity,
            Instant firstDetected,
            @Nullable Instant publishedAt) {
        long number = incidents.nextNumber(actor.scope(), tenant);
        return new Incident(
                UUID.randomUUID().toString(),
                tenant,
                number,
                now,
                now,
                actor.name(),
                origin,
                f.priority(),
                Status.OPEN,
                null,
                f.summary(),
                f.statusDescription(),
                f.recommendations(),
                f.description(),
                clientDescription,
                f.mitreTactics(),
                f.mitreTechniques(),
                f.detectionTechnology(),
                f.attackStage(),
                f.affectedHosts(),
                f.hostBasedIocs(),
                f.networkBasedIocs(),
                alertIds,
                firstActivity,
                firstDetected,
                publishedAt,
                null,
                null,
                null,
                0);
    }

    static Incident transition(
            Incident before,
            Status to,
            @Nullable Resolution resolution,
            @Nullable String statusDescription,
            Instant at) {
        Resolution r = IncidentLifecycle.check(before.status(), to, before.resolution(), resolution);
        Incident moved = copy(
                before,
                at,
                to,
                r,
                statusDescription != null ? statusDescription : before.statusDescription(),
                before.publishedAt());
        return new Incident(
                moved.id(),
                moved.tenant(),
                moved.number(),
                moved.creationTime(),
                at,
                moved.createdBy(),
                moved.origin(),
                moved.priority(),
                to,
                r,
                moved.summary(),
                moved.statusDescription(),
                moved.recommendations(),
                moved.description(),
                moved.clientDescription(),
                moved.mitreTactics(),
                moved.mitreTechniques(),
                moved.detectionTechnology(),
                moved.attackStage(),
                moved.affectedHosts(),
                moved.hostBasedIocs(),
                moved.networkBasedIocs(),
                moved.alertIds(),
                moved.firstActivityAt(),
                moved.firstDetectedAt(),
                moved.publishedAt(),
                moved.firstAnswerAt(),
                to == Status.RESOLVED ? at : moved.resolvedAt(),
                to == Status.CLOSED ? at : moved.closedAt(),
                moved.version());
    }

    /** {@code i} with status, resolution, status description and publish time replaced. */
    static Incident copy(
            Incident i,
            Instant at,
            Status status,
            @Nullable Resolution resolution,
            String statusDescription,
            @Nullable Instant publishedAt) {
        return new Incident(
                i.id(),
                i.tenant(),
                i.number(),
                i.creationTime(),
                at,
                i.createdBy(),
                i.origin(),
                i.priority(),
                status,
                resolution,
                i.summary(),
                statusDescription,
                i.recommendations(),
                i.description(),
                i.clientDescription(),
                i.mitreTactics(),
                i.mitreTechniques(),
                i.detectionTechnology(),
                i.attackStage(),
                i.affectedHosts(),
                i.hostBasedIocs(),
                i.networkBasedIocs(),
                i.alertIds(),
                i.firstActivityAt(),
                i.firstDetectedAt(),
                publishedAt,
                i.firstAnswerAt(),
                i.resolvedAt(),
                i.closedAt(),
                i.version());
    }

    private static List<HistoryRepository.Line> statusLines(Incident before, Incident after) {
        List<HistoryRepository.Line> lines = new ArrayList<>();
        lines.add(details(
                after,
                "status",
                "status",
                before.status().name(),
                after.status().name()));
        if (!Objects.equals(before.resolution(), after.resolution())) {
            lines.add(details(
                    after,
                    "status",
                    "resolution",
                    before.resolution() == null ? null : before.resolution().name(),
                    after.resolution() == null ? null : after.resolution().name()));
        }
        if (!before.statusDescription().equals(after.statusDescription())) {
            lines.add(details(
                    after, "status", "statusDescription", before.statusDescription(), after.statusDescription()));
        }
        return lines;
    }

    private static List<HistoryRepository.Line> createdLines(Incident i) {
        List<HistoryRepository.Line> lines = new ArrayList<>();
        lines.add(details(i, "create", "*", null, "#" + i.number() + " " + i.summary()));
        i.fields().asText().forEach((k, v) -> {
            if (!v.isEmpty()) {
                lines.add(details(i, "create", k, null, v));
            }
        });
        if (!i.clientDescription().isEmpty()) {
            lines.add(details(i, "create", "clientDescription", null, i.clientDescription()));
        }
        if (!i.alertIds().isEmpty()) {
            lines.add(details(i, "create", "alertIds", null, String.join(", ", i.alertIds())));
        }
        return lines;
    }

    static HistoryRepository.Line details(
            Incident i, String operation, String field, @Nullable String before, @Nullable String after) {
        return new HistoryRepository.Line(HistoryRecord.DETAILS, i.id(), operation, field, before, after);
    }

    /** The view of a change's result for its author, who has read it. */
    private IncidentView view(Actor actor, Incident i, Instant now) {
        incidents.markRead(actor.scope(), i.tenant(), i.id(), actor.id(), i.updateTime());
        return new IncidentView(i, true, SlaClock.of(i, targets(actor, i.tenant()), properties.slaWarnAt(), now));
    }

    private <T> T inTx(java.util.function.Supplier<T> work) {
        return IncidentAccess.inTx(tx, work);
    }

    /** The clock's time in milliseconds: what the database keeps. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
